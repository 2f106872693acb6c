import { redactPii } from './redact-pii';

const schema = {
  type: 'record',
  name: 'P',
  fields: [
    { name: 'messageId', type: 'string' },
    { name: 'body', type: 'string', pii: true },
    { name: 'email', type: ['null', 'string'], default: null, pii: true },
    {
      name: 'signers',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'S',
          fields: [
            { name: 'id', type: 'string' },
            { name: 'name', type: 'string', pii: true },
          ],
        },
      },
    },
  ],
};

describe('redactPii', () => {
  it('drops PII fields at any depth and keeps the rest', () => {
    const value = { messageId: 'm1', body: 'hello Ann', email: 'ann@example.com', signers: [{ id: 's1', name: 'Ann' }] };
    expect(redactPii(schema, value)).toEqual({ messageId: 'm1', signers: [{ id: 's1' }] });
  });

  it('keeps nulls and does not invent missing fields', () => {
    expect(redactPii(schema, { messageId: 'm1', signers: [] })).toEqual({ messageId: 'm1', signers: [] });
  });
});
