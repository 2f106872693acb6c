import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alterUserScramCredentialsV0, Connection } from '@platformatic/kafka';

/** The stack's own SASL super user (super.users), for tools a deployment runs over SASL_SSL: registration, the CLI. */
export const KAFKA_ADMIN_USER = 'eventline-admin';

/** SCRAM-SHA-512's code in AlterUserScramCredentials, and the iteration count Kafka requires at least. */
const SCRAM_SHA_512 = 2;
const ITERATIONS = 8192;

export type Passwords = Record<string, string>;

export const passwordsFile = (local: string) => join(local, 'kafka-tls', 'passwords.json');

/** One random password per user, made once and kept (mode 0600), so a restarted stack keeps its clients' credentials. */
export function ensurePasswords(local: string, users: string[]): Passwords {
  const file = passwordsFile(local);
  const known: Passwords = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Passwords) : {};
  const missing = users.filter((user) => !known[user]);
  if (missing.length === 0) return pick(known, users);
  for (const user of missing) known[user] = randomBytes(18).toString('base64url');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(known, null, 2)}\n`, { mode: 0o600 });
  return pick(known, users);
}

const pick = (passwords: Passwords, users: string[]) => Object.fromEntries(users.map((user) => [user, passwords[user]]));

/**
 * Creates or resets each user's SCRAM-SHA-512 credential through the PLAINTEXT listener
 * (AlterUserScramCredentials, KIP-554: the KRaft way, no ZooKeeper). The client sends only the
 * salted password, never the password. kafkajs has no such API, so this uses @platformatic/kafka.
 */
export async function upsertScramUsers(broker: string, passwords: Passwords): Promise<void> {
  const [host, port] = broker.split(':');
  const connection = new Connection('eventline-stack-users');
  await connection.connect(host, Number(port));
  try {
    const upsertions = Object.entries(passwords).map(([name, password]) => {
      const salt = randomBytes(32);
      return { name, mechanism: SCRAM_SHA_512, iterations: ITERATIONS, salt, saltedPassword: pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512') };
    });
    await alterUserScramCredentialsV0.api.async(connection, [], upsertions);
  } finally {
    await connection.close();
  }
}
