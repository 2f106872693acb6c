import type { IncomingMessage } from 'node:http';
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { hasScope, mayRead, presentedKey, type KeyLookup } from '@eventline/api-keys';

export const READ_KEY_LOOKUP = Symbol('READ_KEY_LOOKUP');

/**
 * 401 without an active key; 403 when the key lacks the read scope or does not name the tenant
 * asked for. A request without a tenant passes on, to be refused (400) by the query's parser.
 */
@Injectable()
export class ReadKeyGuard implements CanActivate {
  constructor(@Inject(READ_KEY_LOOKUP) private readonly keys: KeyLookup) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const presented = presentedKey(req.headers);
    if (!presented) throw new UnauthorizedException('No API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>` with a key of the read scope.');
    const key = await this.keys.findByPresentedKey(presented);
    if (!key) throw new UnauthorizedException('The API key is unknown or has been revoked.');
    if (!hasScope(key, 'read')) throw new ForbiddenException(`The API key has the scope(s) ${key.scopes.join(', ')}; reading KPIs needs the read scope.`);
    const tenant = new URL(req.url ?? '/', 'http://kpis').searchParams.get('tenant');
    if (tenant && !mayRead(key, tenant)) throw new ForbiddenException(`The API key does not allow reading tenant "${tenant}".`);
    return true;
  }
}
