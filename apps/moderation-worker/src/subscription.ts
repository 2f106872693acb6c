import { defineSubscription } from '@eventline/consumer-runtime';
import { MODERATED_EVENT_TYPES } from '@eventline/moderation-policies';

/** The events that carry user-written text, login failures, blocks and direct cases (MODERATED_EVENT_TYPES). */
export const MODERATION_SUBSCRIPTION = defineSubscription({ app: 'moderation-worker', group: 'moderation-worker', events: MODERATED_EVENT_TYPES });
