import { describeCoreContract } from '../contract/core/core-contract';
import { createMemoryKafka } from '../index';

// The same core contract the real adapters pass against the stack's broker (contract/core.int.spec.ts).
describeCoreContract('memory', createMemoryKafka({ clientId: 'kafka-port-contract-memory' }));
