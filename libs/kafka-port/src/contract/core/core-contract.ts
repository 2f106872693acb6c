import type { KafkaPort } from '../../kafka-port';
import { adminContract } from './admin.contract';
import { groupContract } from './group.contract';
import { produceConsumeContract } from './produce-consume.contract';

/**
 * The port's core contract: what every adapter must do alike, the in-memory one included
 * (memory/memory-kafka.spec.ts), the real ones against the stack's broker (core.int.spec.ts).
 * What needs a real broker is in broker/.
 */
export function describeCoreContract(name: string, kafka: KafkaPort): void {
  describe(`Kafka port core contract (${name})`, () => {
    jest.setTimeout(50_000);
    describe('producing and consuming', () => produceConsumeContract(kafka));
    describe('admin', () => adminContract(kafka));
    describe('consumer groups', () => groupContract(kafka));
  });
}
