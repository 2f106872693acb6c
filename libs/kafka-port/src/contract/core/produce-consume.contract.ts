import { uniqueName } from '@eventline/test-harness';
import type { KafkaPort } from '../../kafka-port';
import { freshTopic, produce, RecordingMember, withAdmin } from '../fixture';

/** Producing and consuming: keys, headers, order, commits, start positions, seek, pause and resume. */
export function produceConsumeContract(kafka: KafkaPort): void {
  it('keeps a key on one partition, carries headers, and a group commits what it consumed', async () => {
    const topic = await freshTopic(kafka, 'contract.roundtrip', 3);
    const groupId = uniqueName('contract-group');
    const sent = await produce(
      kafka,
      topic,
      Array.from({ length: 5 }, (_, i) => ({ key: 'tenant-a', value: `v${i}`, headers: { n: String(i), event_type: 'TICKET_ASSIGNED' } })),
    );
    expect(new Set(sent.map((r) => r.partition)).size).toBe(1);
    expect(sent[0].baseOffset).toBe('0');

    const member = await new RecordingMember(kafka, { groupId, fromBeginning: true }).start([topic]);
    await member.waitFor(5);
    await member.stop();
    expect(member.values()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect(member.received.map((m) => m.headers)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n: String(n), event_type: 'TICKET_ASSIGNED' })));
    expect(member.received.map((m) => m.offset)).toEqual(['0', '1', '2', '3', '4']);
    expect(member.received.every((m) => m.key === 'tenant-a' && m.partition === sent[0].partition && m.topic === topic)).toBe(true);

    const committed = await withAdmin(kafka, (admin) => admin.committedOffsets(groupId, topic));
    expect(committed.find((p) => p.partition === sent[0].partition)?.offset).toBe('5');
  });

  it('without autoCommit commits only what commitOffsets says, and a new member starts there', async () => {
    const topic = await freshTopic(kafka, 'contract.manual', 1);
    const groupId = uniqueName('contract-manual');
    await produce(
      kafka,
      topic,
      Array.from({ length: 6 }, (_, i) => ({ key: 'k', value: `m${i}` })),
    );
    const first = await new RecordingMember(kafka, { groupId, fromBeginning: true, autoCommit: false }).start([topic]);
    await first.waitFor(6);
    await first.consumer.commitOffsets([{ topic, partition: 0, offset: '4' }]);
    await first.stop();
    expect(await withAdmin(kafka, (admin) => admin.committedOffsets(groupId, topic))).toEqual([{ partition: 0, offset: '4' }]);

    const second = await new RecordingMember(kafka, { groupId, fromBeginning: true, autoCommit: false }).start([topic]);
    await second.waitFor(2);
    await second.stop();
    expect(second.values()).toEqual(['m4', 'm5']);
  });

  it('starts a new group at the end unless fromBeginning', async () => {
    const topic = await freshTopic(kafka, 'contract.latest', 1);
    await produce(kafka, topic, [{ key: 'k', value: 'old' }]);
    const member = await new RecordingMember(kafka, { groupId: uniqueName('contract-latest') }).start([topic]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await produce(kafka, topic, [{ key: 'k', value: 'new' }]);
    await member.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await member.stop();
    expect(member.values()).toEqual(['new']);
  });

  it('seeks a partition back from inside the handler, and reads it again from there', async () => {
    const topic = await freshTopic(kafka, 'contract.seek', 1);
    await produce(
      kafka,
      topic,
      Array.from({ length: 4 }, (_, i) => ({ key: 'k', value: `s${i}` })),
    );
    let rewound = false;
    const member = new RecordingMember(kafka, { groupId: uniqueName('contract-seek'), fromBeginning: true });
    await member.start([topic], (messages) => {
      if (!rewound && messages.some((m) => m.offset === '3')) {
        rewound = true;
        member.consumer.seek({ topic, partition: 0, offset: '1' });
      }
    });
    await member.waitFor(7);
    await member.stop();
    expect(member.values()).toEqual(['s0', 's1', 's2', 's3', 's1', 's2', 's3']);
  });

  it('pauses one partition while the others flow, and resumes it where it stopped', async () => {
    const topic = await freshTopic(kafka, 'contract.pause', 2);
    const member = new RecordingMember(kafka, { groupId: uniqueName('contract-pause'), fromBeginning: true });
    await member.start([topic]);
    member.consumer.seek({ topic, partition: 0, offset: '0' });
    member.consumer.pause([{ topic, partitions: [0] }]);
    const sent = await produce(
      kafka,
      topic,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((key) => ({ key, value: key })),
    );
    const perPartition = await withAdmin(kafka, (admin) => admin.endOffsets(topic));
    const onOne = Number(perPartition.find((p) => p.partition === 1)?.offset);
    const onZero = Number(perPartition.find((p) => p.partition === 0)?.offset);
    expect(sent.length).toBe(2);
    await member.waitFor(onOne);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(member.received.every((m) => m.partition === 1)).toBe(true);

    member.consumer.resume([{ topic, partitions: [0] }]);
    await member.waitFor(onOne + onZero);
    await member.stop();
    expect(member.received.filter((m) => m.partition === 0).map((m) => m.offset)).toEqual(Array.from({ length: onZero }, (_, i) => String(i)));
  });
}
