import { Type } from 'avsc';
import { loadCatalog } from '@eventline/contracts';
import { samplePayload } from './sample-payload';

describe('samplePayload', () => {
  const catalog = loadCatalog();

  it('makes a payload every contract in the catalog accepts', () => {
    const invalid = catalog.events.filter((event) => {
      const type = Type.forSchema({ ...event.payloadSchema, eventline: undefined } as never);
      return [0, 1, 2, 3].some((n) => !type.isValid(samplePayload(event.payloadSchema, n)));
    });
    expect(invalid.map((e) => e.eventType)).toEqual([]);
  });

  it('applies a scenario override and keeps ids stable per n', () => {
    const contract = catalog.events.find((e) => e.eventType === 'community.message.created')!;
    const payload = samplePayload(contract.payloadSchema, 7, { body: 'scamcoin' });
    expect(payload.body).toBe('scamcoin');
    expect(samplePayload(contract.payloadSchema, 7).message_id).toBe(payload.message_id);
  });
});
