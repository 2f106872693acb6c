import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, localDir } from '@eventline/stack-config';

export interface StackSettings {
  root: string;
  local: string;
  /** `port` / `controllerPort` are node 1's; node n listens on both plus 2(n-1) (see kafka-layout.ts). */
  kafka: { version: string; nodes: number; port: number; controllerPort: number; heap: string; security: KafkaSecurityMode; saslPort: number };
  registry: { version: string; port: number; heap: string };
  postgres: { embeddedPort: number };
  readyTimeoutMs: number;
}

/** Versions live in the Maven poms, so the jar set and the folder names cannot disagree. */
function pomProperty(pomPath: string, property: string): string {
  const match = readFileSync(pomPath, 'utf8').match(new RegExp(`<${property}>([^<]+)</${property}>`));
  if (!match) throw new Error(`${pomPath} has no <${property}>`);
  return match[1].trim();
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
  }
  return value;
}

/**
 * `plaintext` (the default): the PLAINTEXT listener only, no authorizer. `sasl_ssl`: a SASL_SSL
 * listener (SCRAM-SHA-512, the stack's own CA) beside it, with per-app users and ACLs.
 */
export const KAFKA_SECURITY_MODES = ['plaintext', 'sasl_ssl'] as const;
export type KafkaSecurityMode = (typeof KAFKA_SECURITY_MODES)[number];

function kafkaSecurity(env: NodeJS.ProcessEnv): KafkaSecurityMode {
  const raw = env.EVENTLINE_KAFKA_SECURITY;
  if (raw === undefined || raw === '') return 'plaintext';
  if ((KAFKA_SECURITY_MODES as readonly string[]).includes(raw)) return raw as KafkaSecurityMode;
  throw new Error(`EVENTLINE_KAFKA_SECURITY must be one of ${KAFKA_SECURITY_MODES.join(', ')}, got "${raw}"`);
}

/** One node (the default) or a three-node cluster: the sizes the stack is tested with. */
export const KAFKA_NODE_COUNTS = [1, 3] as const;

function kafkaNodes(env: NodeJS.ProcessEnv): number {
  const raw = env.EVENTLINE_KAFKA_NODES;
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!(KAFKA_NODE_COUNTS as readonly number[]).includes(value)) {
    throw new Error(`EVENTLINE_KAFKA_NODES must be ${KAFKA_NODE_COUNTS.join(' or ')} (Kafka nodes in the stack), got "${raw}"`);
  }
  return value;
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const root = findWorkspaceRoot();
  const nodes = kafkaNodes(env);
  return {
    root,
    local: localDir(root),
    kafka: {
      version: pomProperty(join(root, 'infra/kafka/pom.xml'), 'kafka.version'),
      nodes,
      port: port(env, 'EVENTLINE_KAFKA_PORT', 9092),
      controllerPort: port(env, 'EVENTLINE_KAFKA_CONTROLLER_PORT', 9093),
      // Three JVMs beside the registry on a 2-core CI runner or laptop: half a gigabyte each is plenty for tests.
      heap: env.EVENTLINE_KAFKA_HEAP ?? (nodes === 1 ? '1g' : '512m'),
      security: kafkaSecurity(env),
      // Node n's SASL_SSL listener is on this port plus 2(n-1), like the other two.
      saslPort: port(env, 'EVENTLINE_KAFKA_SASL_PORT', 9098),
    },
    registry: {
      version: pomProperty(join(root, 'infra/apicurio/pom.xml'), 'apicurio.version'),
      port: port(env, 'EVENTLINE_REGISTRY_PORT', 8081),
      heap: env.EVENTLINE_REGISTRY_HEAP ?? '512m',
    },
    postgres: { embeddedPort: port(env, 'EVENTLINE_EMBEDDED_PG_PORT', 5433) },
    readyTimeoutMs: Number(env.EVENTLINE_READY_TIMEOUT_MS ?? 120_000),
  };
}
