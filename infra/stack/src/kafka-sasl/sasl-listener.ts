import { loadCatalog } from '@eventline/contracts';
import { createAcls, upsertScramUsers } from '@eventline/kafka-port';
import { saslStackEntries } from '@eventline/stack-config';
import { StackError } from '../errors';
import type { KafkaCluster } from '../kafka-layout';
import { isPortOpen } from '../net';
import { runningPid } from '../processes';
import { appAccess } from './app-access';
import { appGrants } from './kafka-acls';
import { kafkaTlsFiles } from './kafka-tls';
import { ensurePasswords, KAFKA_ADMIN_USER } from './kafka-users';

/**
 * A broker started without the listener keeps running without it (the stack never restarts a
 * running broker), so asking for it then is refused rather than silently ignored.
 */
export async function requireSaslListener(cluster: KafkaCluster): Promise<void> {
  for (const node of cluster.nodes) {
    if (node.saslPort === undefined || runningPid(node.process) === undefined) continue;
    if (!(await isPortOpen(node.saslPort))) {
      throw new StackError(
        `EVENTLINE_KAFKA_SECURITY=sasl_ssl asks for a SASL_SSL listener on ${node.saslPort}, but Kafka node ${node.id} runs without one. Run \`npm run stack:down\` first (data is kept), then start the stack again.`,
      );
    }
  }
}

/**
 * Once the brokers answer: every app's SCRAM user (and eventline-admin), then every app's ACLs,
 * both through the PLAINTEXT listener. Returns the stack.env lines for the listener.
 */
export async function provisionSaslListener(cluster: KafkaCluster, local: string): Promise<Record<string, string>> {
  const plaintext = cluster.nodes.map((node) => `127.0.0.1:${node.port}`);
  const apps = appAccess(loadCatalog());
  const passwords = ensurePasswords(local, [KAFKA_ADMIN_USER, ...apps.map((app) => app.user)]);
  await upsertScramUsers(plaintext[0], passwords);
  await createAcls(plaintext, apps.flatMap(appGrants));
  return saslStackEntries({
    brokers: cluster.nodes.map((node) => `127.0.0.1:${node.saslPort}`).join(','),
    mechanism: 'SCRAM-SHA-512',
    caFile: kafkaTlsFiles(local).caCert,
    passwords,
  });
}
