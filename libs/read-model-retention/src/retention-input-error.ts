/** Input retention refuses, naming the field (as the CLI spells its option), the value and why. */
export class RetentionInputError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`--${field} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'RetentionInputError';
  }
}
