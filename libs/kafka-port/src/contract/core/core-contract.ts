import type { KafkaPort } from '../../kafka-port';
import { adminContract } from './admin.contract';
import { groupContract } from './group.contract';
import { produceConsumeContract } from './produce-consume.contract';

/**
 * The port's core contract: what every adapter must do alike, the in-memory one included
 * (memory/memory-kafka.spec.ts), the real ones against the stack's broker (core-*.int.spec.ts,
 * one spec per area so each stays well inside Jest's time per spec). What needs a real broker is
 * in broker/.
 */
export const CORE_CONTRACT = {
  'producing and consuming': produceConsumeContract,
  admin: adminContract,
  'consumer groups': groupContract,
} satisfies Record<string, (kafka: KafkaPort) => void>;

export type CoreContractArea = keyof typeof CORE_CONTRACT;

export function describeCoreContract(name: string, kafka: KafkaPort, areas: CoreContractArea[] = Object.keys(CORE_CONTRACT) as CoreContractArea[]): void {
  describe(`Kafka port core contract (${name})`, () => {
    jest.setTimeout(50_000);
    for (const area of areas) describe(area, () => CORE_CONTRACT[area](kafka));
  });
}
