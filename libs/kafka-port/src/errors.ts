/**
 * Every failure the port reports. `retriable` is the raw material of the consumer runtime's error
 * classification: true when the same call may succeed later (a broker down, a leader moving), so
 * each adapter sets it from its own client's knowledge and callers never look at client errors.
 */
export class KafkaPortError extends Error {
  override readonly name = 'KafkaPortError';

  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
