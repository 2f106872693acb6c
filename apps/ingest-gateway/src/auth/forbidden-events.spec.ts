import type { UntypedEventInput } from '@eventline/publisher';
import { forbiddenEvents } from './forbidden-events';

describe('forbiddenEvents', () => {
  const key = { tenantIds: ['acme'], eventTypes: ['TICKET_*'] };
  const event = (tenant_id: unknown, event_type: unknown) => ({ tenant_id, event_type, entity_id: 'e', payload: {} }) as unknown as UntypedEventInput;

  it('lists each refused event with its index, tenant, type and what the key lacks', () => {
    expect(forbiddenEvents(key, [event('acme', 'TICKET_ASSIGNED'), event('globex', 'TICKET_ASSIGNED'), event('globex', 'CartItemAdded')])).toEqual([
      { index: 1, tenant_id: 'globex', event_type: 'TICKET_ASSIGNED', reason: 'the key does not allow tenant "globex"' },
      { index: 2, tenant_id: 'globex', event_type: 'CartItemAdded', reason: 'the key does not allow tenant "globex" or event type "CartItemAdded"' },
    ]);
  });

  it('checks what is there and leaves missing or mistyped values to validation', () => {
    expect(forbiddenEvents(key, [event(undefined, 'TICKET_ASSIGNED'), event(42, undefined)])).toEqual([]);
    expect(forbiddenEvents(key, [event(undefined, 'CartItemAdded')])).toEqual([
      { index: 0, tenant_id: null, event_type: 'CartItemAdded', reason: 'the key does not allow event type "CartItemAdded"' },
    ]);
  });
});
