import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from './gateway-error';

/** Errors express's body parser raises (the `http-errors` shape), identified by their `type`. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
  limit?: number;
}

/**
 * Express error middleware, placed right after the body parser. It must run before Nest's own
 * error handler, which turns a parse failure into a bare BadRequestException and so loses the
 * difference between invalid JSON and any other bad request.
 */
export function translateBodyParserErrors(error: unknown, _req: IncomingMessage, _res: ServerResponse, next: (error: unknown) => void): void {
  next(isBodyParserError(error) ? fromBodyParserError(error) : error);
}

export function fromBodyParserError(error: BodyParserError): GatewayError {
  switch (error.type) {
    case 'entity.parse.failed':
      return new GatewayError(400, 'invalid_json', `The request body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new GatewayError(413, 'payload_too_large', `The request body is larger than the limit of ${error.limit} bytes; send fewer or smaller events.`, {
        limit_bytes: error.limit,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new GatewayError(415, 'unsupported_encoding', error.message);
    default:
      return new GatewayError(error.status, 'unreadable_body', error.message);
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate?.type === 'string' && typeof candidate.status === 'number' && candidate.status >= 400 && candidate.status < 500;
}
