export { OutboxWriter } from './outbox-writer';
export type { StoredEvent } from './outbox-writer';
export { OutboxRelay, OUTBOX_CHANNEL } from './outbox-relay';
export type { RelayOptions, RelayLogger } from './outbox-relay';
