import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, localDir } from '@eventline/stack-config';

export interface StackSettings {
  root: string;
  local: string;
  kafka: { version: string; port: number; controllerPort: number; heap: string };
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

export function loadSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const root = findWorkspaceRoot();
  return {
    root,
    local: localDir(root),
    kafka: {
      version: pomProperty(join(root, 'infra/kafka/pom.xml'), 'kafka.version'),
      port: port(env, 'EVENTLINE_KAFKA_PORT', 9092),
      controllerPort: port(env, 'EVENTLINE_KAFKA_CONTROLLER_PORT', 9093),
      heap: env.EVENTLINE_KAFKA_HEAP ?? '1g',
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
