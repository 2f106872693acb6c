export { OtlpReceiver } from './otlp-receiver';
export type { ReceivedSpan } from './otlp-receiver';
