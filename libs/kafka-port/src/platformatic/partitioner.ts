import { compatibilityPartitioner, type MessageToProduce } from '@platformatic/kafka';

/**
 * Kafka's Java producer puts a keyed record on toPositive(murmur2(key bytes)) % partitions
 * (kafkajs' DefaultPartitioner does the same); @platformatic/kafka's own default does not mask
 * the sign bit the same way, so tenants would land elsewhere after a switch. Its
 * `compatibilityPartitioner` is the Java formula (the client applies `% partitions` itself), but
 * it sends every unkeyed record to partition 0, so those are spread round-robin here instead.
 */
export function javaCompatiblePartitioner(): (message: MessageToProduce, key: Buffer | undefined) => number {
  const next = new Map<string, number>();
  // The producer hands the same Buffer for a repeated key (its BufferCache), so its hash is kept with it.
  const hashes = new WeakMap<Buffer, number>();
  return (message, key) => {
    if (Buffer.isBuffer(key)) {
      let hash = hashes.get(key);
      if (hash === undefined) hashes.set(key, (hash = compatibilityPartitioner(message, key)));
      return hash;
    }
    const counter = next.get(message.topic) ?? 0;
    next.set(message.topic, (counter + 1) % 0x7fffffff);
    return counter;
  };
}
