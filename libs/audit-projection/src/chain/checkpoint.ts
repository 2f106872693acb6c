import { createPrivateKey, createPublicKey, hash, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import type { Pool } from 'pg';
import { chainName } from './audit-chain';

export interface CheckpointHead {
  tenant_id: string;
  chain_topic: string;
  chain_partition: number;
  seq: string;
  /** hex */
  hash: string;
}

export interface Checkpoint {
  id: string;
  createdAt: Date;
  heads: CheckpointHead[];
  keyId: string;
  signature: Buffer;
}

export interface CheckpointKey {
  privateKey?: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

/** An Ed25519 key from a PEM file: a private key signs and verifies, a public key only verifies. */
export function loadCheckpointKey(file: string): CheckpointKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`EVENTLINE_CHECKPOINT_KEY_FILE ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const isPrivate = pem.includes('PRIVATE KEY');
  const privateKey = isPrivate ? createPrivateKey(pem) : undefined;
  const publicKey = privateKey ? createPublicKey(privateKey) : createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`EVENTLINE_CHECKPOINT_KEY_FILE ${file} holds a ${publicKey.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
  const keyId = hash('sha256', publicKey.export({ type: 'spki', format: 'der' }), 'hex').slice(0, 16);
  return { privateKey, publicKey, keyId };
}

/** What is signed: the time and the heads, as RFC 8785 JSON. */
const signedBytes = (createdAt: Date, heads: CheckpointHead[]) => Buffer.from(canonicalize({ created_at: createdAt.toISOString(), heads })!);

/** Reads every chain's head, signs them with the time, and stores the checkpoint. */
export async function writeCheckpoint(pool: Pool, key: CheckpointKey, now = new Date()): Promise<Checkpoint> {
  if (!key.privateKey) throw new Error('a checkpoint is signed with the private key; EVENTLINE_CHECKPOINT_KEY_FILE holds only a public one');
  const { rows: heads } = await pool.query<CheckpointHead>(
    `SELECT DISTINCT ON (tenant_id, chain_topic, chain_partition) tenant_id, chain_topic, chain_partition, chain_seq::text AS seq, encode(hash, 'hex') AS hash
     FROM audit_logs a WHERE chain_seq IS NOT NULL ORDER BY a.tenant_id, a.chain_topic, a.chain_partition, a.chain_seq DESC`,
  );
  heads.sort((x, y) => (chainName(x) < chainName(y) ? -1 : chainName(x) > chainName(y) ? 1 : 0));
  const signature = sign(null, signedBytes(now, heads), key.privateKey);
  const { rows } = await pool.query<{ id: string }>('INSERT INTO audit_checkpoints (created_at, heads, key_id, signature) VALUES ($1, $2, $3, $4) RETURNING id::text', [
    now,
    JSON.stringify(heads),
    key.keyId,
    signature,
  ]);
  return { id: rows[0].id, createdAt: now, heads, keyId: key.keyId, signature };
}

export async function lastCheckpoint(pool: Pool): Promise<Checkpoint | undefined> {
  const { rows } = await pool.query<{ id: string; created_at: Date; heads: CheckpointHead[]; key_id: string; signature: Buffer }>(
    'SELECT id::text, created_at, heads, key_id, signature FROM audit_checkpoints ORDER BY id DESC LIMIT 1',
  );
  const row = rows[0];
  return row && { id: row.id, createdAt: row.created_at, heads: row.heads, keyId: row.key_id, signature: row.signature };
}

/** Why the checkpoint cannot be trusted, or undefined when its signature holds. */
export function checkpointProblem(checkpoint: Checkpoint, key: CheckpointKey): string | undefined {
  if (checkpoint.keyId !== key.keyId) return `checkpoint ${checkpoint.id} was signed with key ${checkpoint.keyId}, not with ${key.keyId} (EVENTLINE_CHECKPOINT_KEY_FILE)`;
  if (!verify(null, signedBytes(checkpoint.createdAt, checkpoint.heads), key.publicKey, checkpoint.signature))
    return `checkpoint ${checkpoint.id}'s signature does not verify: the checkpoint was changed`;
  return undefined;
}
