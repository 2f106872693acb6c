import type { Catalog, EventContract, EventType } from '@eventline/contracts';

/**
 * The events the usage projector handles, listed so routing is visible (`eventline catalog handlers`)
 * and handlers are typed. usage-events.spec.ts keeps it equal to usageContracts(): a new contract
 * with a model or token field fails that spec until it is added here.
 */
export const USAGE_EVENT_TYPES = [
  'ai_response.action_executed',
  'ai_response.created',
  'ai_response.regenerated',
  'ai_response.sanitization_failed',
  'cross_case_summary_generated',
  'chat_message_sent',
  'POST_GENERATED',
  'TEMPLATE_USED',
] as const satisfies readonly EventType[];

export type UsageEventType = (typeof USAGE_EVENT_TYPES)[number];

/** Payload fields that mean "this event reports model usage". New contracts with them are projected without code changes. */
export const USAGE_FIELDS: ReadonlySet<string> = new Set(['model_name', 'generation_model', 'model', 'input_tokens', 'output_tokens', 'prompt_tokens']);

/** Every contract whose payload names a model or counts tokens: what USAGE_EVENT_TYPES must list. */
export function usageContracts(catalog: Catalog): EventContract[] {
  return catalog.events.filter((contract) => {
    const fields = (contract.payloadSchema.fields as Array<{ name: string }> | undefined) ?? [];
    return fields.some((field) => USAGE_FIELDS.has(field.name));
  });
}

export const usageEventTypes = (catalog: Catalog): Set<string> => new Set(usageContracts(catalog).map((c) => c.eventType));

/** Only the topics that carry usage events: the group never fetches the rest of the catalog. */
export const usageTopics = (catalog: Catalog): string[] => [...new Set(usageContracts(catalog).map((c) => c.topic))].sort();
