import { defineSubscription } from '@eventline/consumer-runtime';
import { USAGE_EVENT_TYPES } from '@eventline/usage-kpis';

/** Model usage: every contract with a model or token field (USAGE_EVENT_TYPES, kept equal to the catalog by its spec). */
export const USAGE_SUBSCRIPTION = defineSubscription({ app: 'usage-projector', group: 'usage-projector', events: USAGE_EVENT_TYPES });
