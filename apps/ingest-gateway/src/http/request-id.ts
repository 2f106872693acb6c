import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Anything a caller's tracing might send, but nothing that could break a header or a log line. */
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/**
 * Honours the caller's X-Request-Id or makes one, and echoes it. It is stored as `req.id`
 * because that is where pino-http looks, so the request's log lines carry the same id.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const incoming = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const id = typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: IncomingMessage): string {
  return String(req.id ?? '');
}

/** The current request's id, as a controller parameter. */
export const RequestId = createParamDecorator((_: unknown, context: ExecutionContext) => requestIdOf(context.switchToHttp().getRequest<IncomingMessage>()));
