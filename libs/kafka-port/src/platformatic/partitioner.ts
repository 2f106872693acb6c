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
  return (message, key) => {
    if (Buffer.isBuffer(key)) return compatibilityPartitioner(message, key);
    const counter = next.get(message.topic) ?? 0;
    next.set(message.topic, (counter + 1) % 0x7fffffff);
    return counter;
  };
}
