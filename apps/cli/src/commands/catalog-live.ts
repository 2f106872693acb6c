import pMap from 'p-map';
import { createKafkaPort, kafkaSecurityFromEnv, withAdmin, type AdminPort } from '@eventline/kafka-port';
import type { CliContext } from '../context';
import { CliError } from '../errors';

/** A consumer group the broker knows with committed offsets on a topic. */
export interface LiveGroup {
  group: string;
  /** platform: one of the handlers manifest's groups; downstream: a group the manifest does not name (another team's). */
  kind: 'platform' | 'downstream';
  state: string;
  members: number;
}

const LIVE_DEADLINE_MS = 5_000;

/**
 * The consumer groups with offsets on `topic`, asked of the broker itself. `platformGroups` are
 * the manifest's groups as the broker names them (with EVENTLINE_TOPIC_PREFIX in front when set).
 * A broker that does not answer within a few seconds is an error, not an empty list.
 */
export async function liveGroupsOn(context: CliContext, topic: string, platformGroups: Set<string>): Promise<LiveGroup[]> {
  const brokers = context.endpoints.kafkaBrokers;
  // Silent: the deadline below reports a broker that does not answer, not the client's retry log lines.
  const kafka = createKafkaPort({ brokers, clientId: 'eventline-cli', silent: true, connectionTimeoutMs: 2_000, requestTimeoutMs: LIVE_DEADLINE_MS, ...kafkaSecurityFromEnv() });
  const found = withAdmin(kafka, (admin) => groupsOnTopic(admin, topic));
  const groups = await withinDeadline(found, `the Kafka broker (${brokers.join(', ')})`);
  return groups.map((group) => ({ ...group, kind: platformGroups.has(group.group) ? 'platform' : 'downstream' }));
}

async function groupsOnTopic(admin: AdminPort, topic: string): Promise<Array<Omit<LiveGroup, 'kind'>>> {
  const all = await admin.listGroups();
  const onTopic = await pMap(all, async (group) => ((await admin.groupTopics(group)).includes(topic) ? [group] : []), { concurrency: 8 });
  return pMap(
    onTopic.flat(),
    async (group) => {
      const { state, members } = await admin.describeGroup(group);
      return { group, state, members: members.length };
    },
    { concurrency: 8 },
  );
}

function withinDeadline<T>(work: Promise<T>, broker: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const message = `--live: ${broker} did not answer within ${LIVE_DEADLINE_MS / 1_000} s; is the stack up? (npm run stack:status)`;
    timer = setTimeout(() => reject(new CliError(message)), LIVE_DEADLINE_MS);
  });
  const failed = work.catch((error: unknown) => {
    throw new CliError(`--live: asking ${broker} for its consumer groups failed: ${(error as Error).message}`);
  });
  return Promise.race([failed, deadline]).finally(() => clearTimeout(timer));
}
