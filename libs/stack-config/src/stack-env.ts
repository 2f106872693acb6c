import { readEnvFile } from './env-file';
import { findWorkspaceRoot, localDir, workspaceRootOrUndefined } from './workspace-root';

export const STACK_ENV_KEYS = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DATABASE_URL'] as const;
export type StackEnvKey = (typeof STACK_ENV_KEYS)[number];

export interface StackEndpoints {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  databaseUrl: string;
}

export function stackEnvPath(root: string = findWorkspaceRoot()): string {
  return localDir(root, 'stack.env');
}

/** `.local/stack.env` of the checkout the process runs in; nothing outside a checkout, where only the environment counts. */
function checkoutStackEnv(): Record<string, string> {
  const root = workspaceRootOrUndefined();
  return root ? readEnvFile(stackEnvPath(root)) : {};
}

/**
 * Endpoints of the running stack: the process environment first, `.local/stack.env` second.
 * Throws naming every missing variable, so a test or app started before `npm run stack:up`
 * says what to do instead of failing on a connection later.
 */
export function loadStackEndpoints(env: NodeJS.ProcessEnv = process.env, fileEntries: Record<string, string> = checkoutStackEnv()): StackEndpoints {
  const value = (key: StackEnvKey) => env[key] || fileEntries[key];
  const missing = STACK_ENV_KEYS.filter((key) => !value(key));
  if (missing.length > 0) {
    throw new Error(`Missing stack endpoint(s): ${missing.join(', ')}. Set them in the environment or run \`npm run stack:up\`, which writes .local/stack.env.`);
  }
  return {
    kafkaBrokers: value('KAFKA_BROKERS')!
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    schemaRegistryUrl: value('SCHEMA_REGISTRY_URL')!,
    databaseUrl: value('DATABASE_URL')!,
  };
}
