import { withAdmin, type AdminPort } from '@eventline/kafka-port';
import type { Pool } from 'pg';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { executeReset } from './execute-reset';
import type { ResetPlan } from './group-reset';
import { refuseActiveMembers, refuseUnknownGroup } from './group-guards';
import { planTopic } from './plan-reset';
import { resetHeading, resetSummary, resetTable } from './reset-report';
import { resetTopics } from './reset-topics';
import { readStoredOffsets } from './stored-offsets';

export interface ResetRequest {
  group: string;
  at: Date;
  topics?: string[];
  execute: boolean;
}

/**
 * `groups reset`: plans the reset, prints it, and carries it out only when asked. PostgreSQL is
 * asked even for a downstream team's group: only its consumer_offsets rows tell one of Eventline's
 * own projectors, whose Kafka offsets are a mirror that a reset there alone would not move.
 */
export function resetGroup(context: CliContext, request: ResetRequest, print: (text: string) => void): Promise<void> {
  return withDatabase(context, (pool) =>
    withAdmin(context.kafka(), async (admin) => {
      const { clusterId } = await admin.describeCluster();
      const plan = await planReset(admin, pool, clusterId, request);
      print(`${resetHeading(plan)}\n\n${resetTable(plan)}\n`);
      if (request.execute) await executeReset(admin, pool, clusterId, plan);
      print(resetSummary(plan, request.execute));
    }),
  );
}

async function planReset(admin: AdminPort, pool: Pool, clusterId: string, request: ResetRequest): Promise<ResetPlan> {
  const { group, at } = request;
  const [description, stored] = await Promise.all([admin.describeGroup(group), readStoredOffsets(pool, clusterId, group)]);
  refuseActiveMembers(group, description);
  refuseUnknownGroup(group, description, stored.length);
  const storage = stored.length > 0 ? 'postgresql' : 'kafka';
  const topics = await resetTopics(admin, group, storage, stored, request.topics);
  const partitions = await Promise.all(topics.map((topic) => planTopic(admin, group, topic, at, storage, stored)));
  return { group, at, storage, partitions: partitions.flat() };
}
