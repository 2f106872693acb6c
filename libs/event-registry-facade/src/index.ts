export { EventRegistry } from './event-registry';
export type { EventRegistryOptions } from './event-registry';
export { EventCategoryError } from './event-category-error';
export type { RecordContext, RecordFailureContext, RecordStatus } from './record-context';
