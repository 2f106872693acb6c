import type { EventContract } from '@eventline/contracts';
import { RegistryHttpError, type SchemaRegistryClient } from '@eventline/schema-registry';

export class ContractNotRegisteredError extends Error {
  constructor(subject: string) {
    super(`The contract is not registered under subject ${subject}; run \`npm run schemas:register\` (or \`npm start\`).`);
    this.name = 'ContractNotRegisteredError';
  }
}

export interface RegisteredSchema {
  id: number;
  version: number;
}

/**
 * Registry ids per subject, looked up once per process: the registry is asked on the first event
 * of a type, never per event. Producers look ids up rather than register, so a contract only
 * changes through `schemas:register` and its compatibility gate.
 */
export class SchemaIdCache {
  private readonly ids = new Map<string, Promise<RegisteredSchema>>();

  constructor(private readonly registry: SchemaRegistryClient) {}

  resolve(contract: EventContract): Promise<RegisteredSchema> {
    let pending = this.ids.get(contract.subject);
    if (!pending) {
      pending = this.lookup(contract);
      this.ids.set(contract.subject, pending);
      pending.catch(() => this.ids.delete(contract.subject));
    }
    return pending;
  }

  private async lookup(contract: EventContract): Promise<RegisteredSchema> {
    try {
      const { id, version } = await this.registry.lookup(contract.subject, contract.schema);
      return { id, version };
    } catch (error) {
      if (error instanceof RegistryHttpError && error.status === 404) throw new ContractNotRegisteredError(contract.subject);
      throw error;
    }
  }
}
