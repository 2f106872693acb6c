import { allowsEventType, allowsTenant, type ApiKeyScope } from '@eventline/api-keys';
import type { UntypedEventInput } from '@eventline/publisher';

export interface ForbiddenEvent {
  index: number;
  tenant_id: string | null;
  event_type: string | null;
  reason: string;
}

/**
 * Events of the batch the key may not publish. A tenant or type that is missing or not a string
 * is left to validation: such an event cannot be published, so there is nothing to authorize.
 */
export function forbiddenEvents(key: ApiKeyScope, events: UntypedEventInput[]): ForbiddenEvent[] {
  const forbidden: ForbiddenEvent[] = [];
  events.forEach((event, index) => {
    const tenant = typeof event.tenant_id === 'string' ? event.tenant_id : null;
    const type = typeof event.event_type === 'string' ? event.event_type : null;
    const refused = [tenant !== null && !allowsTenant(key, tenant) ? `tenant "${tenant}"` : undefined, type !== null && !allowsEventType(key, type) ? `event type "${type}"` : undefined].filter(
      Boolean,
    );
    if (refused.length > 0) forbidden.push({ index, tenant_id: tenant, event_type: type, reason: `the key does not allow ${refused.join(' or ')}` });
  });
  return forbidden;
}
