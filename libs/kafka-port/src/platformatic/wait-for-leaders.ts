import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from '@platformatic/kafka';

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * A topic just created has no partition leaders for a moment; kafkajs' createTopics waits for
 * them (waitForLeaders), so producing right after ensureTopics works with either adapter.
 */
export async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    const ready = await admin.metadata({ topics, forceUpdate: true }).then(
      (metadata) => topics.every((topic) => metadata.topics.get(topic)?.partitions.every((partition) => partition.leader >= 0) === true),
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`the partitions of ${topics.join(', ')} have no leader after ${LEADERS_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}
