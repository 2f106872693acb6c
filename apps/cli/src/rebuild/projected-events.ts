import type { IncomingMessage } from '@eventline/kafka-port';
import { rangeKey } from '../ranges/partition-range';

/** Which events the rebuild projected, by position, so the comparison can keep to those the live projection has reached too. */
export class ProjectedEvents {
  private readonly byPartition = new Map<string, Array<{ offset: bigint; eventId: string }>>();

  add(message: IncomingMessage, eventId: string): void {
    const key = rangeKey(message.topic, message.partition);
    let list = this.byPartition.get(key);
    if (!list) this.byPartition.set(key, (list = []));
    list.push({ offset: BigInt(message.offset), eventId: eventId.toLowerCase() });
  }

  /** The event ids below each partition's `reached` offset (absent: none of that partition). */
  below(reached: Map<string, bigint>): string[] {
    return [...this.byPartition].flatMap(([key, events]) => {
      const limit = reached.get(key) ?? 0n;
      return events.filter((e) => e.offset < limit).map((e) => e.eventId);
    });
  }

  get count(): number {
    let n = 0;
    for (const list of this.byPartition.values()) n += list.length;
    return n;
  }
}
