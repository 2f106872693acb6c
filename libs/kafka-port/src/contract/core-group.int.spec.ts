import { EACH_CLIENT, portFor } from './contract-fixture';
import { describeCoreContract } from './core/core-contract';

// The memory adapter runs the same contract without a broker: memory/memory-kafka.spec.ts.
describe.each(EACH_CLIENT)('%s', (client) => describeCoreContract(client, portFor(client), ['consumer groups']));
