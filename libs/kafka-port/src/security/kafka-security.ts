import { readFileSync } from 'node:fs';

/** The SASL mechanisms both adapters speak; SCRAM keeps the password off the wire, PLAIN relies on TLS alone. */
export const SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaSasl {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** TLS to the brokers: `ca` (PEM) when their certificates come from a private CA, else the system's CAs. */
export interface KafkaTls {
  ca?: string;
}

export interface KafkaSecurity {
  ssl?: KafkaTls;
  sasl?: KafkaSasl;
}

/**
 * The brokers' security from the environment: KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (both or
 * neither), KAFKA_SASL_MECHANISM (SCRAM-SHA-512 when unset) and KAFKA_SSL_CA_FILE. SASL always
 * goes over TLS (SASL_SSL): a PLAIN password or a SCRAM exchange on a plaintext socket is refused
 * here rather than offered. None of them set: plaintext, as on the stack's PLAINTEXT listener.
 */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  const sasl = saslFromEnv(env);
  const caFile = setting(env, 'KAFKA_SSL_CA_FILE');
  if (!sasl && !caFile) return {};
  return { ssl: caFile ? { ca: readCaFile(caFile) } : {}, ...(sasl ? { sasl } : {}) };
}

function saslFromEnv(env: NodeJS.ProcessEnv): KafkaSasl | undefined {
  const username = setting(env, 'KAFKA_SASL_USERNAME');
  const password = env.KAFKA_SASL_PASSWORD ?? '';
  const mechanism = setting(env, 'KAFKA_SASL_MECHANISM');
  if (!username && !password && !mechanism) return undefined;
  if (!username) throw new Error('KAFKA_SASL_USERNAME must be set when KAFKA_SASL_PASSWORD or KAFKA_SASL_MECHANISM is');
  // The password itself never goes into a message: only whether it is there.
  if (!password) throw new Error(`KAFKA_SASL_PASSWORD must be set when KAFKA_SASL_USERNAME is (user "${username}")`);
  return { mechanism: parseMechanism(mechanism), username, password };
}

function parseMechanism(raw: string | undefined): SaslMechanism {
  if (!raw) return 'SCRAM-SHA-512';
  const mechanism = raw.toUpperCase();
  if ((SASL_MECHANISMS as readonly string[]).includes(mechanism)) return mechanism as SaslMechanism;
  throw new Error(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${raw}"`);
}

function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`KAFKA_SSL_CA_FILE ${file} is unreadable: ${(error as Error).message}`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`KAFKA_SSL_CA_FILE ${file} holds no PEM certificate`);
  return pem;
}

const setting = (env: NodeJS.ProcessEnv, name: string) => env[name]?.trim() || undefined;
