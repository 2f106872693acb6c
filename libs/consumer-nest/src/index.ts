export { OnEvent, ON_EVENT_METADATA } from './on-event';
export type { EventHandlerMethod, OnEventDeclaration } from './on-event';
export { EventlineTransport } from './eventline-transport';
export type { TransportOptions } from './eventline-transport';
export { startConsumerApp } from './start-consumer-app';
export type { ConsumerAppOptions } from './start-consumer-app';
