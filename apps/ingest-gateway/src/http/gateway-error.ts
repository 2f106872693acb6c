import { HttpException } from '@nestjs/common';

/** A refusal the client can act on: `error` is a stable code for programs, `message` is for people. */
export class GatewayError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds for a Retry-After header: the refusal is temporary and the same request may succeed then. */
    readonly retryAfterS?: number,
  ) {
    super({ error: code, message, ...details }, status);
  }
}
