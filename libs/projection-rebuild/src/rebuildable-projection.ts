import type { ClientBase } from 'pg';
import { AUDIT_PROJECTION_COLUMNS, projectAuditEvents, Pseudonyms } from '@eventline/audit-projection';
import type { Catalog } from '@eventline/contracts';
import type { DecodedEvent } from '@eventline/consumer-runtime';
import { usageEventTypes, usageTopics } from '@eventline/usage-kpis';
import { projectUsageEvents, USAGE_RECORD_COLUMNS } from '@eventline/usage-projection';

/** One read-model table, as a rebuild compares and swaps it. */
export interface ProjectionTable {
  name: string;
  /** The columns the projection writes; random ids and projection timestamps are left out. */
  columns: string[];
  /**
   * How a swap finds the live rows it replaces: those of the rebuilt topics. Null for a table
   * whose rows do not say which topic they came from (a swap is then refused).
   */
  topicColumn: string | null;
  /** One row per event, compared by event_id; false for an aggregate (usage_daily), rebuilt but not compared. */
  keyedByEvent: boolean;
}

/** A read model that `eventline rebuild` can project again from the topics, with the live projector's own code. */
export interface RebuildableProjection {
  name: string;
  /** The live projector's consumer group (before any topic prefix). */
  group: string;
  tables: ProjectionTable[];
  topics(catalog: Catalog): string[];
  /** Projects one partition batch in `tx`, as the live projector's handler does. */
  project(tx: ClientBase, events: DecodedEvent[]): Promise<void>;
  /**
   * The live read model's event ids below these positions, where its rows record them: so that a
   * live row the rebuild did not produce (written by hand, say) is compared too, not overlooked.
   */
  liveEventsBelow?(tx: ClientBase, liveSchema: string, below: LivePosition[]): Promise<string[]>;
}

/** A partition, and the offset below which the live projection and the rebuild both hold its events. */
export interface LivePosition {
  topic: string;
  partition: number;
  below: bigint;
}

/** Every read model that can be rebuilt, by the name the CLI takes. */
export function rebuildableProjections(catalog: Catalog, pseudonyms: Pseudonyms): Map<string, RebuildableProjection> {
  const usageTypes = usageEventTypes(catalog);
  const audit: RebuildableProjection = {
    name: 'audit',
    group: 'audit-projector',
    tables: [
      { name: 'domain_events', columns: AUDIT_PROJECTION_COLUMNS.domain_events, topicColumn: 'topic', keyedByEvent: true },
      { name: 'audit_logs', columns: AUDIT_PROJECTION_COLUMNS.audit_logs, topicColumn: 'chain_topic', keyedByEvent: true },
    ],
    topics: (c) => [...new Set(c.events.map((e) => e.topic))].sort(),
    project: async (tx, events) => void (await projectAuditEvents(tx, events, catalog, pseudonyms)),
    liveEventsBelow: async (tx, liveSchema, below) => {
      const { rows } = await tx.query<{ event_id: string }>(
        `SELECT d.event_id::text FROM ${liveSchema}.domain_events d
           JOIN unnest($1::text[], $2::int[], $3::bigint[]) AS p (topic, partition, below)
             ON d.topic = p.topic AND d.kafka_partition = p.partition AND d.kafka_offset < p.below`,
        [below.map((p) => p.topic), below.map((p) => p.partition), below.map((p) => p.below.toString())],
      );
      return rows.map((r) => r.event_id);
    },
  };
  const usage: RebuildableProjection = {
    name: 'usage',
    group: 'usage-projector',
    tables: [
      { name: 'usage_records', columns: USAGE_RECORD_COLUMNS, topicColumn: null, keyedByEvent: true },
      { name: 'usage_daily', columns: ['tenant_id', 'day', 'model_name', 'user_id', 'events', 'input_tokens', 'output_tokens'], topicColumn: null, keyedByEvent: false },
    ],
    topics: (c) => usageTopics(c),
    project: async (tx, events) => void (await projectUsageEvents(tx, events, usageTypes)),
  };
  return new Map([audit, usage].map((p) => [p.name, p]));
}
