import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parse as parseUuid, v5 as uuidV5 } from 'uuid';
import type { AuditLogRow } from '../audit-rows';

/** The name-based UUID namespace of audit_logs.id: the same event gives the same id, so a rebuild reproduces the rows. */
const AUDIT_LOG_ID_NAMESPACE = parseUuid('0b7c3f52-5a7e-4c57-9d0e-6a4f1f6c2e10');

export const auditLogId = (eventId: string): string => uuidV5(eventId.toLowerCase(), AUDIT_LOG_ID_NAMESPACE);

/** Which chain a row extends: its tenant's, on the topic partition the event came from. */
export interface ChainKey {
  tenant_id: string;
  chain_topic: string;
  chain_partition: number;
}

/** A chain's last link, from which the next row continues. */
export interface ChainHead {
  seq: bigint;
  hash: Buffer;
}

/** An audit row as stored: its columns, its id, and its link in the chain. */
export type ChainedAuditRow = AuditLogRow & ChainKey & { id: string; chain_seq: string; prev_hash: Buffer | null; hash: Buffer };

export const chainName = (key: ChainKey): string => `${key.tenant_id}@${key.chain_topic}/${key.chain_partition}`;

/**
 * sha256 over the row's canonical encoding: JSON of every column but `ts` (the database's
 * recording time, which a rebuild changes) and metadata, in a fixed order, then a newline, then
 * metadata as RFC 8785 (JCS) JSON, so the hash read back from PostgreSQL (jsonb reorders keys) is
 * the hash written. occurred_at is ISO-8601 and prev_hash hex. docs/audit-chain.md has the layout.
 */
export function linkHash(row: Omit<ChainedAuditRow, 'hash'>): Buffer {
  const columns = JSON.stringify([
    row.id,
    row.event_id.toLowerCase(),
    row.tenant_id,
    row.actor_id,
    row.action,
    row.entity_type,
    row.entity_id,
    row.occurred_at.toISOString(),
    row.source,
    row.assist_mode,
    row.model_name,
    row.model_version,
    row.input_tokens,
    row.output_tokens,
    row.chain_topic,
    row.chain_partition,
    row.chain_seq,
    row.prev_hash ? row.prev_hash.toString('hex') : null,
  ]);
  return hash('sha256', `${columns}\n${canonicalMetadata(row.metadata)}`, 'buffer');
}

/** The projection writes metadata already canonical (auditLogRow); read back from jsonb it is an object again. */
function canonicalMetadata(metadata: unknown): string {
  return typeof metadata === 'string' ? metadata : canonicalize(metadata)!;
}

/**
 * Links rows, in projection order, onto their chains' heads (absent: a chain's first row, with
 * no prev_hash). `heads` is advanced in place.
 */
export function chainRows(rows: Array<AuditLogRow & ChainKey>, heads: Map<string, ChainHead>): ChainedAuditRow[] {
  return rows.map((row) => {
    const name = chainName(row);
    const head = heads.get(name);
    const seq = head ? head.seq + 1n : 1n;
    const unhashed = { ...row, id: auditLogId(row.event_id), chain_seq: String(seq), prev_hash: head?.hash ?? null };
    const link = linkHash(unhashed);
    heads.set(name, { seq, hash: link });
    return { ...unhashed, hash: link };
  });
}
