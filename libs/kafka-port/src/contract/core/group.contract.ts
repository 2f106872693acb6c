import { uniqueName } from '@eventline/test-harness';
import type { KafkaPort } from '../../kafka-port';
import { freshTopic, produce, RecordingMember } from '../fixture';

/** A member working on several partitions at once. */
export function groupContract(kafka: KafkaPort): void {
  it('hands a batch to the handler for several partitions at once (partitionsConcurrently)', async () => {
    const topic = await freshTopic(kafka, 'contract.concurrent', 3);
    await produce(
      kafka,
      topic,
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    let inHandler = 0;
    let most = 0;
    const member = new RecordingMember(kafka, { groupId: uniqueName('contract-concurrent'), fromBeginning: true, partitionsConcurrently: 3 });
    await member.start([topic], async () => {
      most = Math.max(most, ++inHandler);
      await new Promise((resolve) => setTimeout(resolve, 300));
      inHandler--;
    });
    await member.waitFor(30);
    await member.stop();
    expect(most).toBeGreaterThan(1);
    expect(new Set(member.received.map((m) => `${m.partition}:${m.offset}`)).size).toBe(30);
  });
}
