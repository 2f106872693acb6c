/** A start-up failure the user can act on: the message says what and why, the log tail shows the server's side. */
export class StackError extends Error {
  constructor(
    message: string,
    readonly logTail?: { file: string; lines: string },
  ) {
    super(message);
    this.name = 'StackError';
  }
}
