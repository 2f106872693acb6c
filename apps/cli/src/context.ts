import { loadCatalog, type Catalog } from '@eventline/contracts';
import { createKafkaPort, kafkaSecurityFromEnv, type KafkaPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints, type StackEndpoints } from '@eventline/stack-config';

/** What commands need, created on first use: `catalog show` never connects to anything. */
export class CliContext {
  private endpointsValue?: StackEndpoints;
  private catalogValue?: Catalog;

  get catalog(): Catalog {
    return (this.catalogValue ??= loadCatalog());
  }

  get endpoints(): StackEndpoints {
    return (this.endpointsValue ??= loadStackEndpoints());
  }

  registry(): SchemaRegistryClient {
    return new SchemaRegistryClient(this.endpoints.schemaRegistryUrl);
  }

  kafka(): KafkaPort {
    return createKafkaPort({ brokers: this.endpoints.kafkaBrokers, clientId: 'eventline-cli', ...kafkaSecurityFromEnv() });
  }
}
