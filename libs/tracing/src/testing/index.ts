export { OtlpReceiver } from './otlp-receiver';
export type { ReceivedSpan, SpanKindName } from './otlp-receiver';
