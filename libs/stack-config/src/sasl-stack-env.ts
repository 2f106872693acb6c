import { readEnvFile } from './env-file';
import { stackEnvPath } from './stack-env';
import { workspaceRootOrUndefined } from './workspace-root';

/**
 * The stack's SASL_SSL listener, as `EVENTLINE_KAFKA_SECURITY=sasl_ssl npm run stack:up` writes it
 * into `.local/stack.env`. Under names of their own: the KAFKA_SASL_* a client reads would put
 * every process that reads stack.env on one user; a test or a launcher hands each app its own
 * (saslClientEnv).
 */
export interface SaslStack {
  brokers: string;
  mechanism: string;
  caFile: string;
  /** Password per SCRAM user: each app's service name, and eventline-admin. */
  passwords: Record<string, string>;
}

const PASSWORD_PREFIX = 'STACK_KAFKA_SASL_PASSWORD_';
const passwordKey = (user: string) => `${PASSWORD_PREFIX}${user.toUpperCase().replace(/-/g, '_')}`;

export const SASL_STACK_KEYS = { brokers: 'STACK_KAFKA_SASL_BROKERS', mechanism: 'STACK_KAFKA_SASL_MECHANISM', caFile: 'STACK_KAFKA_SASL_CA_FILE' } as const;

/** The stack.env lines for the listener. */
export function saslStackEntries(stack: SaslStack): Record<string, string> {
  const passwords = Object.entries(stack.passwords).map(([user, password]) => [passwordKey(user), password]);
  return { [SASL_STACK_KEYS.brokers]: stack.brokers, [SASL_STACK_KEYS.mechanism]: stack.mechanism, [SASL_STACK_KEYS.caFile]: stack.caFile, ...Object.fromEntries(passwords) };
}

/** The listener of the running stack (environment first, stack.env second), or an error saying how to start it. */
export function loadSaslStack(users: string[], env: NodeJS.ProcessEnv = process.env, fileEntries: Record<string, string> = checkoutStackEnv()): SaslStack {
  const value = (key: string) => env[key] || fileEntries[key];
  const missing = [...Object.values(SASL_STACK_KEYS), ...users.map(passwordKey)].filter((key) => !value(key));
  if (missing.length > 0) {
    throw new Error(
      `The stack has no SASL_SSL listener (${missing.join(', ')} missing from the environment and .local/stack.env). Start it with \`EVENTLINE_KAFKA_SECURITY=sasl_ssl npm run stack:up\` (after \`npm run stack:down\` if the stack runs without it); \`npm test\` does so by default.`,
    );
  }
  return {
    brokers: value(SASL_STACK_KEYS.brokers)!,
    mechanism: value(SASL_STACK_KEYS.mechanism)!,
    caFile: value(SASL_STACK_KEYS.caFile)!,
    passwords: Object.fromEntries(users.map((user) => [user, value(passwordKey(user))!])),
  };
}

/** What an app needs in its environment to run as `user` over the listener: the variables the Kafka port reads. */
export function saslClientEnv(stack: SaslStack, user: string): Record<string, string> {
  const password = stack.passwords[user];
  if (!password) throw new Error(`the stack made no SASL user "${user}"`);
  return { KAFKA_BROKERS: stack.brokers, KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD: password, KAFKA_SASL_MECHANISM: stack.mechanism, KAFKA_SSL_CA_FILE: stack.caFile };
}

function checkoutStackEnv(): Record<string, string> {
  const root = workspaceRootOrUndefined();
  return root ? readEnvFile(stackEnvPath(root)) : {};
}
