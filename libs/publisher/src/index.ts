export { Publisher, BatchValidationError } from './publisher';
export type { PublisherOptions, PublishResult } from './publisher';
export { EventEncoder, CONTENT_TYPE } from './event-encoder';
export type { PreparedEvent } from './event-encoder';
export { EventValidationError } from './validation-error';
export type { FieldProblem } from './validation-error';
export { ContractNotRegisteredError } from './schema-ids';
export { PublishUnavailableError } from './publish-unavailable';
export type { EventInput, UntypedEventInput, PayloadInput, Actor } from './event-input';
