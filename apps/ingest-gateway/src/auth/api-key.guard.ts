import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { hasScope, presentedKey, type KeyLookup } from '@eventline/api-keys';
import { GatewayError } from '../http/gateway-error';
import { rememberKey } from './authenticated-key';
import { KEY_LOOKUP } from './key-lookup';

/**
 * 401 unless the request presents an active key (looked up through the short-lived key cache), 403
 * when that key lacks the publish scope; which tenants and types it allows is checked per event later.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(KEY_LOOKUP) private readonly keys: KeyLookup) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const presented = presentedKey(req.headers);
    if (!presented) throw unauthorized('No API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`.');
    const key = await this.keys.findByPresentedKey(presented);
    if (!key) throw unauthorized('The API key is unknown or has been revoked.');
    if (!hasScope(key, 'publish')) throw new GatewayError(403, 'forbidden', `The API key has the scope(s) ${key.scopes.join(', ')}; publishing needs the publish scope.`);
    rememberKey(req, key);
    return true;
  }
}

function unauthorized(message: string): GatewayError {
  return new GatewayError(401, 'unauthorized', message);
}
