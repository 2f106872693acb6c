import type { IncomingMessage, ServerResponse } from 'node:http';
import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PinoLogger } from 'nestjs-pino';
import { toErrorResponse } from './error-response';
import { GatewayError } from './gateway-error';
import { requestIdOf } from './request-id';

/**
 * The only place responses for failures are written: always JSON, always with the request id.
 * It also receives the body parser's errors, which Nest routes through its global filters.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(GatewayExceptionFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    const res = http.getResponse<ServerResponse>();
    const { status, body } = toErrorResponse(exception);
    const requestId = requestIdOf(req);
    const fields = { request_id: requestId, status, error: body.error, method: req.method, url: req.url };
    if (status >= 500) this.logger.error({ ...fields, err: exception }, body.message);
    else this.logger.info(fields, `request refused: ${body.message}`);
    if (res.headersSent) return;
    if (exception instanceof GatewayError && exception.retryAfterS !== undefined) res.setHeader('Retry-After', String(exception.retryAfterS));
    this.adapterHost.httpAdapter.reply(res, { ...body, request_id: requestId }, status);
  }
}
