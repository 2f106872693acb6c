import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { alterUserScramCredentialsV0, Connection } from '@platformatic/kafka';

/** SCRAM-SHA-512's code in AlterUserScramCredentials; Kafka takes 4096 iterations and up. */
const SCRAM_SHA_512 = 2;
const ITERATIONS = 8192;

/**
 * Creates or resets each user's SCRAM-SHA-512 credential through `broker`, a listener that lets
 * this client alter users (the stack's PLAINTEXT one), with AlterUserScramCredentials (KIP-554:
 * the KRaft way, no ZooKeeper). The client sends only the
 * salted password, never the password. kafkajs has no such API, so this uses @platformatic/kafka.
 */
export async function upsertScramUsers(broker: string, passwords: Record<string, string>): Promise<void> {
  const [host, port] = broker.split(':');
  const connection = new Connection('eventline-scram-users');
  await connection.connect(host, Number(port));
  try {
    const upsertions = Object.entries(passwords).map(([name, password]) => {
      const salt = randomBytes(32);
      // SCRAM's Hi() is PBKDF2 with the mechanism's HMAC, output as long as its hash (RFC 5802).
      return { name, mechanism: SCRAM_SHA_512, iterations: ITERATIONS, salt, saltedPassword: pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512') };
    });
    await alterUserScramCredentialsV0.api.async(connection, [], upsertions);
  } finally {
    await connection.close();
  }
}
