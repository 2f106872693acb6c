import type { AdminPort } from '@eventline/kafka-port';
import type { Pool } from 'pg';
import type { PartitionReset, ResetPlan } from './group-reset';
import { writeStoredOffsets } from './stored-offsets';

/** Moves the group to the plan's targets: Kafka's committed offsets, and the stored ones first where those are the truth. */
export async function executeReset(admin: AdminPort, pool: Pool, clusterId: string, plan: ResetPlan): Promise<void> {
  if (plan.storage === 'kafka') return setKafkaOffsets(admin, plan);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await writeStoredOffsets(client, clusterId, plan.group, plan.partitions);
    // Inside the transaction: the broker refuses a group that gained a member since the check,
    // and then the stored offsets roll back too, so PostgreSQL and its mirror do not disagree.
    await setKafkaOffsets(admin, plan);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function setKafkaOffsets(admin: AdminPort, plan: ResetPlan): Promise<void> {
  for (const [topic, resets] of byTopic(plan.partitions)) {
    await admin.setGroupOffsets(
      plan.group,
      topic,
      resets.map((r) => ({ partition: r.partition, offset: r.target })),
    );
  }
}

function byTopic(resets: PartitionReset[]): Map<string, PartitionReset[]> {
  const topics = new Map<string, PartitionReset[]>();
  for (const reset of resets) topics.set(reset.topic, [...(topics.get(reset.topic) ?? []), reset]);
  return topics;
}
