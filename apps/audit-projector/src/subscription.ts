import { ALL_EVENTS, defineSubscription } from '@eventline/consumer-runtime';

/** The audit log records every event the platform carries, so it truly takes everything. */
export const AUDIT_SUBSCRIPTION = defineSubscription({ app: 'audit-projector', group: 'audit-projector', events: ALL_EVENTS });
