import { DEFAULT_KEY_CACHE_TTL_MS } from '@eventline/api-keys';

export interface GatewayConfig {
  host: string;
  port: number;
  /** Largest request body read, in bytes; larger bodies get 413 before they are parsed. */
  maxBodyBytes: number;
  /** Most events one request may carry: the publisher batches at most this many per send. */
  maxBatchSize: number;
  /** How long an API key's lookup is reused (INGEST_KEY_CACHE_TTL_MS): a revoked key is refused within this. */
  keyCacheTtlMs: number;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

const MIB = 1024 * 1024;

/** Loopback unless INGEST_HOST says otherwise: exposing the gateway is a deliberate act. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    host: env.INGEST_HOST || '127.0.0.1',
    port: integer(env, 'INGEST_PORT', 8088, 0),
    maxBodyBytes: integer(env, 'INGEST_MAX_BODY_BYTES', MIB, 1),
    maxBatchSize: 500,
    keyCacheTtlMs: integer(env, 'INGEST_KEY_CACHE_TTL_MS', DEFAULT_KEY_CACHE_TTL_MS, 0),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}
