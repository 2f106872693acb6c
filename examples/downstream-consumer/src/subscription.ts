import { defineSubscription } from '@eventline/consumer-runtime';
import { AI_RESPONSE_EVENTS } from './ai-responses';
import { WATERMARK_EVENTS } from './watermarks';

/** Its own group, and only the events its read models are made of: the runtime reads just the topics carrying them. */
export const DOWNSTREAM_SUBSCRIPTION = defineSubscription({
  app: 'downstream-consumer',
  group: 'downstream-consumer',
  events: [...AI_RESPONSE_EVENTS, ...WATERMARK_EVENTS],
});
