import type { Catalog, EventContract } from '@eventline/contracts';

/** Payload fields that mean "this event reports model usage". New contracts with them are projected without code changes. */
export const USAGE_FIELDS: ReadonlySet<string> = new Set(['model_name', 'generation_model', 'model', 'input_tokens', 'output_tokens', 'prompt_tokens']);

/** Every contract whose payload names a model or counts tokens, derived from the catalog at start rather than listed by hand. */
export function usageContracts(catalog: Catalog): EventContract[] {
  return catalog.events.filter((contract) => {
    const fields = (contract.payloadSchema.fields as Array<{ name: string }> | undefined) ?? [];
    return fields.some((field) => USAGE_FIELDS.has(field.name));
  });
}

export const usageEventTypes = (catalog: Catalog): Set<string> => new Set(usageContracts(catalog).map((c) => c.eventType));

/** Only the topics that carry usage events: the group never fetches the rest of the catalog. */
export const usageTopics = (catalog: Catalog): string[] => [...new Set(usageContracts(catalog).map((c) => c.topic))].sort();
