import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The stack's own SASL super user (super.users), for tools a deployment runs over SASL_SSL: registration, the CLI. */
export const KAFKA_ADMIN_USER = 'eventline-admin';

export type Passwords = Record<string, string>;

export const passwordsFile = (local: string) => join(local, 'kafka-tls', 'passwords.json');

/** One random password per user, made once and kept (mode 0600), so a restarted stack keeps its clients' credentials. */
export function ensurePasswords(local: string, users: string[]): Passwords {
  const file = passwordsFile(local);
  const known: Passwords = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Passwords) : {};
  const missing = users.filter((user) => !known[user]);
  if (missing.length > 0) {
    for (const user of missing) known[user] = randomBytes(18).toString('base64url');
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries(users.map((user) => [user, known[user]]));
}
