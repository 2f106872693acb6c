import type { IncomingMessage } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiKey } from '@eventline/api-keys';

/** Keys by request, so the guard hands the key to the handler without widening the request type. */
const keys = new WeakMap<IncomingMessage, ApiKey>();

export function rememberKey(req: IncomingMessage, key: ApiKey): void {
  keys.set(req, key);
}

/** The key ApiKeyGuard accepted for this request. */
export const AuthenticatedKey = createParamDecorator((_: unknown, context: ExecutionContext): ApiKey => {
  const key = keys.get(context.switchToHttp().getRequest<IncomingMessage>());
  if (!key) throw new Error('AuthenticatedKey used on a route without ApiKeyGuard');
  return key;
});
