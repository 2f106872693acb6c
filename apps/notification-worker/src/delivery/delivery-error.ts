/** A failed send. `retryable` separates a busy server (try again later) from a rejected message (give up now). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
