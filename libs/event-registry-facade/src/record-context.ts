import type { Actor } from '@eventline/publisher';

/** Event outcomes as seed 003 writes them in its `status` column. */
export type RecordStatus = 'success' | 'failed' | 'pending';

/**
 * The object seed 003's callers pass to `EventRegistry.record`, with the seed's own key names.
 * Values may be null or missing: seed code passes `req.ip` and `req.get('user-agent')` as they come.
 */
export interface RecordContext {
  principal_id?: string | null;
  principal_type?: Actor['type'] | null;
  resource_type?: string | null;
  resource_id?: string | null;
  status?: RecordStatus | null;
  /** The event's payload fields, as the seed's catalog lists them. */
  metadata?: Record<string, unknown> | null;
  ip_address?: string | null;
  user_agent?: string | null;
  /** The tenant of this one event, when it is not the registry's. Seed 003 has no tenants; Eventline keys every event by one. */
  tenant_id?: string | null;
}

/** `recordFailure` always records status `failed`. */
export type RecordFailureContext = Omit<RecordContext, 'status'>;
