import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, localDir } from '@eventline/stack-config';

/** The Kafka client jars the local stack runs its broker from (the version infra/kafka/pom.xml pins). */
export function kafkaJars(root = findWorkspaceRoot()): string {
  const version = readFileSync(join(root, 'infra/kafka/pom.xml'), 'utf8').match(/<kafka\.version>([^<]+)</)?.[1];
  const libs = localDir(root, 'artifacts', `kafka-${version}`);
  if (!version || !existsSync(join(libs, `kafka-clients-${version}.jar`))) throw new Error(`no kafka-clients jar in ${libs}: run npm run stack:up first (it resolves the jars)`);
  return libs;
}

/** Where Kafka's own Java producer puts each key on each topic (infra/kafka/partitions/KeyPartitions.java), by topic, then key. */
export async function javaPartitions(brokers: string[], topics: string[], keys: string[]): Promise<Map<string, Map<string, number>>> {
  const root = findWorkspaceRoot();
  const program = join(root, 'infra/kafka/partitions/KeyPartitions.java');
  const log4j = join(root, 'infra/kafka/log4j2.properties');
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile('java', [`-Dlog4j2.configurationFile=${log4j}`, '-cp', `${kafkaJars(root)}/*`, program, brokers.join(','), ...topics], { maxBuffer: 16 * 1024 * 1024 }, (error, out, err) =>
      error ? reject(new Error(`KeyPartitions.java failed: ${error.message}\n${err}`)) : resolve(out),
    );
    child.stdin?.end(`${keys.join('\n')}\n`);
  });
  const partitions = new Map(topics.map((topic) => [topic, new Map<string, number>()]));
  for (const line of stdout.split('\n')) {
    const [marker, topic, partition, ...key] = line.split('\t');
    if (marker === 'P') partitions.get(topic)?.set(key.join('\t'), Number(partition));
  }
  return partitions;
}
