import type { EventHandlerRef, FieldInfo } from '@eventline/contracts';

/** One event type as people browse it: catalog metadata, its fields, what the registry holds and who handles it. */
export interface CatalogEntry {
  eventType: string;
  title: string;
  category: string;
  domain: string;
  /** The publishing side: the owner its domain.json names. */
  owner: string;
  topic: string;
  subject: string;
  /** The contract, relative to the workspace root (e.g. schemas/tickets/TICKET_ASSIGNED.avsc). */
  file: string;
  entityType: string;
  seed: string;
  doc: string;
  fields: FieldInfo[];
  /** Registered versions; empty when the registry was not asked or holds none yet. */
  versions: number[];
  /** The platform's handlers of this type, from the handlers manifest (schemas/subscriptions.json). */
  handlers: EventHandlerRef[];
}
