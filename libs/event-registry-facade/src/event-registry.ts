import { loadCatalog, type Catalog } from '@eventline/contracts';
import type { Publisher, PublishResult } from '@eventline/publisher';
import type { RecordContext, RecordFailureContext } from './record-context';
import { resolveSeedEvent } from './resolve-seed-event';
import { toEventInput, type Outcome } from './to-event-input';

export interface EventRegistryOptions {
  publisher: Pick<Publisher, 'publishUntyped'>;
  /** The tenant the events belong to: seed 003 has no tenants, every Eventline event is keyed by one. */
  tenantId: string;
  /** Defaults to the contracts in `schemas/`. */
  catalog?: Catalog;
}

/**
 * Seed 003's `EventRegistry`, so code written for the seed publishes Eventline events unchanged:
 * `record(category, name, context)` and `recordFailure(category, name, error, context)`, as
 * instance methods or, after `EventRegistry.configure(...)`, statically as the seed calls them.
 * Each call is validated against the event's contract before anything is sent; EventCategoryError
 * and EventValidationError reach the caller, who decides whether a lost analytics event matters.
 */
export class EventRegistry {
  private static configuredInstance: EventRegistry | undefined;
  private readonly catalog: Catalog;

  constructor(private readonly options: EventRegistryOptions) {
    if (!options.tenantId) throw new Error('EventRegistry: tenantId is required (the tenant its events belong to)');
    this.catalog = options.catalog ?? loadCatalog();
  }

  /** Sets the instance behind the static `EventRegistry.record` / `recordFailure`. */
  static configure(options: EventRegistryOptions): EventRegistry {
    EventRegistry.configuredInstance = new EventRegistry(options);
    return EventRegistry.configuredInstance;
  }

  static async record(category: string, name: string, context?: RecordContext): Promise<PublishResult> {
    return EventRegistry.configured().record(category, name, context);
  }

  static async recordFailure(category: string, name: string, error: unknown, context?: RecordFailureContext): Promise<PublishResult> {
    return EventRegistry.configured().recordFailure(category, name, error, context);
  }

  /** Records a business event; `status` defaults to success. */
  record(category: string, name: string, context: RecordContext = {}): Promise<PublishResult> {
    return this.publish(category, name, context, { status: context.status ?? 'success' });
  }

  /** Records a failed one: status `failed`, error_message from `error`. */
  recordFailure(category: string, name: string, error: unknown, context: RecordFailureContext = {}): Promise<PublishResult> {
    return this.publish(category, name, context, { status: 'failed', errorMessage: messageOf(error) });
  }

  private async publish(category: string, name: string, context: RecordContext, outcome: Outcome): Promise<PublishResult> {
    const contract = resolveSeedEvent(this.catalog, category, name);
    const [result] = await this.options.publisher.publishUntyped([toEventInput(contract, this.options.tenantId, context, outcome)]);
    return result;
  }

  private static configured(): EventRegistry {
    if (!EventRegistry.configuredInstance) {
      throw new Error('EventRegistry: call EventRegistry.configure({ publisher, tenantId }) before the static record/recordFailure');
    }
    return EventRegistry.configuredInstance;
  }
}

/** Seed code passes whatever it caught: usually an Error, sometimes a string. */
function messageOf(error: unknown): string | undefined {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return undefined;
}
