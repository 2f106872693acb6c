import { createKafkaPort, withAdmin, type KafkaPort, type PartitionOffset } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import type { Pool } from 'pg';
import { eventlineWith } from '../testing/run-cli';

interface Produced {
  partition: number;
  offset: number;
  timestamp: number;
}

const SECOND = 1_000;

/**
 * Topics of the test's own, written one record at a time so each record's partition, offset and
 * timestamp are known: the expected CURRENT, TARGET and LAG follow from them, not from the CLI.
 */
describe('eventline groups reset (real Kafka and PostgreSQL)', () => {
  jest.setTimeout(60_000);
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'cli-groups-test' });
  const [twoPartitions, onePartition] = [uniqueName('cli.groups.a'), uniqueName('cli.groups.b')];
  const [downstream, busy, projector] = [uniqueName('cli-groups-downstream'), uniqueName('cli-groups-busy'), uniqueName('cli-groups-projector')];
  const base = Math.floor((Date.now() - 3_600 * SECOND) / SECOND) * SECOND;
  // Between the 5th and 6th record of each topic.
  const resetTo = new Date(base + 4.5 * SECOND).toISOString();
  let db: ScratchDatabase;
  let pool: Pool;
  let clusterId: string;
  const produced = new Map<string, Produced[]>();
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url }, 'groups', 'reset', ...args);

  /** What the reset should find, from the records themselves. */
  const endOf = (topic: string, partition: number) => produced.get(topic)!.filter((r) => r.partition === partition).length;
  const targetOf = (topic: string, partition: number) => produced.get(topic)!.filter((r) => r.partition === partition && r.timestamp < Date.parse(resetTo)).length;
  const targets = (topic: string, partitions: number[]): PartitionOffset[] => partitions.map((partition) => ({ partition, offset: String(targetOf(topic, partition)) }));
  const ends = (topic: string, partitions: number[]): PartitionOffset[] => partitions.map((partition) => ({ partition, offset: String(endOf(topic, partition)) }));
  const row = (topic: string, partition: number, current: string) =>
    new RegExp(`^${escape(topic)} +${partition} +${current} +${targetOf(topic, partition)} +${endOf(topic, partition) - targetOf(topic, partition)}$`, 'm');
  const committed = (group: string, topic: string) => withAdmin(kafka, (admin) => admin.committedOffsets(group, topic));
  const storedRows = async (group: string) =>
    (await pool.query('SELECT topic, partition, next_offset::text AS offset FROM consumer_offsets WHERE cluster_id = $1 AND group_id = $2 ORDER BY partition', [clusterId, group])).rows;

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(db.url);
    pool = createPool({ connectionString: db.url, applicationName: 'cli-groups-test' });
    clusterId = await withAdmin(kafka, async (admin) => {
      await admin.ensureTopics([
        { topic: twoPartitions, partitions: 2, replicationFactor: 1 },
        { topic: onePartition, partitions: 1, replicationFactor: 1 },
      ]);
      return (await admin.describeCluster()).clusterId;
    });
    produced.set(twoPartitions, await produceOneByOne(kafka, twoPartitions, 10, base));
    produced.set(onePartition, await produceOneByOne(kafka, onePartition, 8, base));
    expect(new Set(produced.get(twoPartitions)!.map((r) => r.partition))).toEqual(new Set([0, 1]));
    // The downstream group has read everything, as a consumer that commits would have.
    await commitAsMember(kafka, downstream, [
      { topic: twoPartitions, offsets: ends(twoPartitions, [0, 1]) },
      { topic: onePartition, offsets: ends(onePartition, [0]) },
    ]);
  });

  afterAll(async () => {
    await withAdmin(kafka, async (admin) => {
      await admin.deleteGroups([downstream, busy, projector]);
      await admin.deleteTopics([twoPartitions, onePartition]);
    });
    await pool?.end();
    await db?.drop();
  });

  it("dry run: each partition's current, target and lag, on every topic of the group, and nothing changed", async () => {
    const dryRun = await cli('--group', downstream, '--to-datetime', resetTo);
    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout).toContain(`group ${downstream} to ${resetTo}; its offsets live in Kafka's committed offsets`);
    expect(dryRun.stdout).toMatch(/^TOPIC +PARTITION +CURRENT +TARGET +LAG$/m);
    for (const partition of [0, 1]) expect(dryRun.stdout).toMatch(row(twoPartitions, partition, String(endOf(twoPartitions, partition))));
    expect(dryRun.stdout).toMatch(row(onePartition, 0, '8'));
    expect(targetOf(onePartition, 0)).toBe(5);
    expect(dryRun.stdout).toContain('dry run: nothing changed; add --execute to reset these 3 partitions');
    expect(await committed(downstream, twoPartitions)).toEqual(ends(twoPartitions, [0, 1]));
    expect(await committed(downstream, onePartition)).toEqual([{ partition: 0, offset: '8' }]);
  });

  it('--execute moves the committed offsets of the named topics only', async () => {
    const executed = await cli('--group', downstream, '--to-datetime', resetTo, '--topics', twoPartitions, '--execute');
    expect(executed).toMatchObject({ code: 0, stderr: '' });
    expect(executed.stdout).not.toContain(onePartition);
    expect(executed.stdout).toContain(`reset 2 partitions of group ${downstream}`);
    expect(await committed(downstream, twoPartitions)).toEqual(targets(twoPartitions, [0, 1]));
    expect(await committed(downstream, onePartition)).toEqual([{ partition: 0, offset: '8' }]);
  });

  it('refuses a group with an active member, naming it, dry run and --execute alike', async () => {
    const consumer = kafka.consumer({ groupId: busy, fromBeginning: false, autoCommit: false });
    await consumer.connect();
    try {
      await consumer.subscribe([onePartition]);
      await consumer.run(async () => undefined);
      await consumer.commitOffsets([{ topic: onePartition, partition: 0, offset: '8' }]);
      const [member] = await eventually(
        'the member in the group',
        async () => {
          const { members } = await withAdmin(kafka, (admin) => admin.describeGroup(busy));
          return members.length === 1 ? members : undefined;
        },
        30_000,
      );
      expect(member.clientId).toBe('cli-groups-test');
      const refusal = `eventline: group ${busy} has 1 active member(s): cli-groups-test@${member.host} (${member.memberId}); stop them first`;
      for (const extra of [[], ['--execute']]) {
        const refused = await cli('--group', busy, '--to-datetime', resetTo, ...extra);
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim()).toBe(refusal);
        expect(refused.stdout).toBe('');
      }
      expect(await committed(busy, onePartition)).toEqual([{ partition: 0, offset: '8' }]);
    } finally {
      await consumer.disconnect();
    }
  });

  it("an Eventline projector's offsets: read from consumer_offsets, and --execute moves them and their Kafka mirror", async () => {
    const atEnd = ends(twoPartitions, [0, 1]);
    await pool.query(`INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset) SELECT $1, $2, $3, * FROM unnest($4::int[], $5::bigint[])`, [
      clusterId,
      projector,
      twoPartitions,
      atEnd.map((p) => p.partition),
      atEnd.map((p) => p.offset),
    ]);
    const asStored = (offsets: PartitionOffset[]) => offsets.map((p) => ({ topic: twoPartitions, partition: p.partition, offset: p.offset }));
    const noKafkaOffsets = [0, 1].map((partition) => ({ partition, offset: '-1' }));

    // Kafka knows no such group: the stored rows alone make it one, and CURRENT comes from them.
    const dryRun = await cli('--group', projector, '--to-datetime', resetTo);
    expect(dryRun).toMatchObject({ code: 0, stderr: '' });
    expect(dryRun.stdout).toContain("its offsets live in PostgreSQL's consumer_offsets");
    for (const partition of [0, 1]) expect(dryRun.stdout).toMatch(row(twoPartitions, partition, String(endOf(twoPartitions, partition))));
    expect(dryRun.stdout).toContain('dry run: nothing changed; add --execute to reset these 2 partitions');
    expect(await storedRows(projector)).toEqual(asStored(atEnd));
    expect(await committed(projector, twoPartitions)).toEqual(noKafkaOffsets);

    const executed = await cli('--group', projector, '--to-datetime', resetTo, '--execute');
    expect(executed).toMatchObject({ code: 0, stderr: '' });
    expect(executed.stdout).toContain(`reset 2 partitions of group ${projector} in consumer_offsets and in Kafka`);
    expect(await storedRows(projector)).toEqual(asStored(targets(twoPartitions, [0, 1])));
    expect(await committed(projector, twoPartitions)).toEqual(targets(twoPartitions, [0, 1]));
  });

  it('refuses an unknown group, an unknown topic and a time it cannot parse, by name', async () => {
    const [ghost, missingTopic] = [uniqueName('cli-groups-ghost'), uniqueName('cli.groups.missing')];
    const [noGroup, noTopic, badTime] = await Promise.all([
      cli('--group', ghost, '--to-datetime', resetTo),
      cli('--group', downstream, '--to-datetime', resetTo, '--topics', `${twoPartitions},${missingTopic}`),
      cli('--group', downstream, '--to-datetime', 'last tuesday'),
    ]);
    expect(noGroup).toMatchObject({ code: 1, stdout: '' });
    expect(noGroup.stderr.trim()).toBe(`eventline: consumer group ${ghost} does not exist: Kafka knows no such group and PostgreSQL holds no stored offsets for it`);
    expect(noTopic).toMatchObject({ code: 1, stdout: '' });
    expect(noTopic.stderr.trim()).toBe(`eventline: unknown topic(s): ${missingTopic} (not in the cluster)`);
    expect(badTime.code).toBe(1);
    expect(badTime.stderr).toContain(`option '--to-datetime <instant>' argument 'last tuesday' is invalid. "last tuesday" is not an ISO-8601 instant`);
    expect(await committed(downstream, twoPartitions)).toEqual(targets(twoPartitions, [0, 1]));
  });
});

/** One send per record, so each send's metadata says exactly where the record went. */
async function produceOneByOne(kafka: KafkaPort, topic: string, count: number, base: number): Promise<Produced[]> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    const produced: Produced[] = [];
    for (let i = 0; i < count; i++) {
      const timestamp = base + i * SECOND;
      const [metadata] = await producer.send(topic, [{ key: `k${i}`, value: Buffer.from(String(i)), timestamp }]);
      produced.push({ partition: metadata.partition, offset: Number(metadata.baseOffset), timestamp });
    }
    return produced;
  } finally {
    await producer.disconnect();
  }
}

/** Commits as a member of the group would, then leaves it (an empty group can be reset). */
async function commitAsMember(kafka: KafkaPort, groupId: string, positions: Array<{ topic: string; offsets: PartitionOffset[] }>): Promise<void> {
  const consumer = kafka.consumer({ groupId, fromBeginning: false, autoCommit: false });
  await consumer.connect();
  try {
    await consumer.subscribe(positions.map((p) => p.topic));
    await consumer.run(async () => undefined);
    await consumer.commitOffsets(positions.flatMap(({ topic, offsets }) => offsets.map((o) => ({ topic, ...o }))));
  } finally {
    await consumer.disconnect();
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
