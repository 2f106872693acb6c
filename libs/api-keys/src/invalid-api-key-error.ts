/** A key definition the store refuses to save; the message says what to change. */
export class InvalidApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidApiKeyError';
  }
}
