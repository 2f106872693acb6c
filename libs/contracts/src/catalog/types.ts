import type { RetentionTier } from './retention-tiers';

export type AvroSchema = Record<string, unknown>;

export const NAMING_STYLES = {
  SCREAMING_SNAKE_CASE: /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/,
  'dotted.snake_case': /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/,
  PascalCase: /^[A-Z][a-zA-Z0-9]*$/,
} as const;

export type NamingStyle = keyof typeof NAMING_STYLES;

/** schemas/<domain>/domain.json */
export interface DomainSpec {
  domain: string;
  topic: string;
  partitions: number;
  naming: NamingStyle;
  /** How long Kafka keeps the domain's events: see RETENTION_TIERS. */
  retention: RetentionTier;
  owner: string;
  doc: string;
}

/** The `eventline` block of an event's .avsc: catalog metadata next to the contract. */
export interface EventMetadata {
  event_type: string;
  title: string;
  category: string;
  entity_type: string;
  seed: string;
}

/** One event type, everything derived from its .avsc and its domain. */
export interface EventContract {
  eventType: string;
  title: string;
  category: string;
  domain: string;
  topic: string;
  entityType: string;
  seed: string;
  doc: string;
  /** e.g. dev.eventline.tickets.TicketAssigned */
  fullName: string;
  /** TopicRecordNameStrategy: `<topic>-<record full name>`. */
  subject: string;
  /** Path relative to the workspace root, for error messages. */
  file: string;
  /** The authored payload record, as in the file. */
  payloadSchema: AvroSchema;
  /** What gets registered: the envelope fields plus `payload`. */
  schema: AvroSchema;
}

export interface Catalog {
  envelope: AvroSchema;
  domains: DomainSpec[];
  events: EventContract[];
}

export interface SchemaFile {
  file: string;
  json: AvroSchema;
}

/** The raw files, before any checking: what the loader reads and the linter judges. */
export interface CatalogSources {
  envelope: SchemaFile;
  domains: Array<SchemaFile & { dir: string }>;
  events: Array<SchemaFile & { dir: string }>;
}
