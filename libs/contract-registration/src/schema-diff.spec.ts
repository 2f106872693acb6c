import { breakingChanges } from './schema-diff';

const record = (fields: unknown[]) => ({ type: 'record', name: 'E', fields });
const base = [
  { name: 'id', type: 'string', doc: 'id' },
  { name: 'count', type: 'int', doc: 'n' },
];

describe('breakingChanges', () => {
  it('accepts an optional field with a default', () => {
    const next = record([...base, { name: 'note', type: ['null', 'string'], default: null, doc: 'x' }]);
    expect(breakingChanges(record(base), next)).toEqual([]);
  });

  it('ignores docs and custom attributes', () => {
    const next = record([{ name: 'id', type: 'string', doc: 'other', pii: true }, base[1]]);
    expect(breakingChanges(record(base), next)).toEqual([]);
  });

  it('names a required field that was added', () => {
    const next = record([...base, { name: 'reason', type: 'string', doc: 'x' }]);
    expect(breakingChanges(record(base), next)).toEqual([expect.stringMatching(/^reason: added without a default/)]);
  });

  it('names a field without default that was removed', () => {
    expect(breakingChanges(record(base), record([base[0]]))).toEqual([expect.stringMatching(/^count: removed/)]);
  });

  it('allows removing a field that has a default', () => {
    const previous = record([...base, { name: 'note', type: ['null', 'string'], default: null }]);
    expect(breakingChanges(previous, record(base))).toEqual([]);
  });

  it('names a changed type, inside nested records too', () => {
    const nested = (type: string) => record([{ name: 'payload', type: { type: 'record', name: 'P', fields: [{ name: 'amount', type }] } }]);
    expect(breakingChanges(nested('int'), nested('string'))).toEqual(['payload.amount: type changed from int to string']);
  });
});
