import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { GatewayError } from './gateway-error';

export interface ErrorResponse {
  status: number;
  body: { error: string; message: string; [detail: string]: unknown };
}

/** Every failure as the JSON the gateway answers with, whatever raised it. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof GatewayError) return { status: exception.getStatus(), body: { error: exception.code, message: exception.message, ...exception.details } };
  if (exception instanceof HttpException) return { status: exception.getStatus(), body: { error: codeFor(exception.getStatus()), message: exception.message } };
  return { status: 500, body: { error: 'internal_error', message: 'The gateway failed to handle the request; quote the request id when reporting it.' } };
}

/** 'Not Found' → 'not_found', so every error code has the same shape. */
function codeFor(status: number): string {
  return (STATUS_CODES[status] ?? `http ${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '_');
}
