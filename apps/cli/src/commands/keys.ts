import type { Command } from 'commander';
import { ApiKeyStore, type ApiKey } from '@eventline/api-keys';
import { bindTenantRole } from '@eventline/tenant-access';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { collect, toNewKey, unmatchedPatterns, type CreateKeyOptions } from '../keys/key-options';
import { withKeyStore } from '../keys/key-store';
import { formatTable } from '../output/table';

export function keyCommands(program: Command, context: CliContext): void {
  const keys = program.command('keys').description('API keys of the HTTP ingest gateway, scoped to tenants and event types');

  keys
    .command('create')
    .description('create a key and print it, once')
    .option('--name <name>', 'what the key is for, e.g. billing-sync')
    .option('--tenant <id>', "a tenant the key may publish for; repeat for more, '*' for every tenant", collect, [])
    .option('--types <patterns>', "comma-separated event types or prefixes ending in '*', e.g. 'TICKET_*,USER_LOGIN_FAILED' (for the publish scope)")
    .option('--scope <scope>', 'publish (the gateway) or read (the KPI API); repeat for both; default publish', collect, [])
    .action(async (options: CreateKeyOptions) => {
      const input = toNewKey(options);
      for (const pattern of unmatchedPatterns(input.eventTypes, context.catalog)) {
        console.error(`warning: "${pattern}" matches no event type in the catalog today`);
      }
      const { key, plaintext } = await withDatabase(context, async (pool) => {
        // A read key's tenants are served as their bound roles: bind them first, so the key works at once.
        if (input.scopes.includes('read')) for (const tenant of input.tenantIds) await bindTenantRole(pool, tenant);
        return new ApiKeyStore(pool).create(input);
      });
      console.log(`Created API key "${key.name}"\n  id       ${key.id}\n  scopes   ${key.scopes.join(', ')}\n  tenants  ${key.tenantIds.join(', ')}\n  types    ${key.eventTypes.join(', ') || '-'}\n`);
      console.log(`  ${plaintext}\n`);
      console.log('Copy the key now: it is not shown again (only its hash is stored).');
    });

  keys
    .command('list')
    .description('every key with its scope; revoked keys stay listed')
    .action(async () => {
      const all = await withKeyStore(context, (store) => store.list());
      if (all.length === 0) return void console.log('No API keys yet: `eventline keys create --help` shows how to make one.');
      console.log(formatTable(['ID', 'NAME', 'PREFIX', 'SCOPES', 'TENANTS', 'TYPES', 'CREATED', 'REVOKED'], all.map(row)));
    });

  keys
    .command('revoke <id>')
    .description('stop a key from working; the gateway refuses it from the next request on')
    .action(async (id: string) => {
      const outcome = await withKeyStore(context, (store) => store.revoke(id));
      if (outcome === 'not_found') throw new CliError(`No API key has id "${id}"; \`eventline keys list\` shows them.`);
      console.log(outcome === 'revoked' ? `Revoked API key ${id}.` : `API key ${id} was already revoked.`);
    });
}

function row(key: ApiKey): string[] {
  return [key.id, key.name, key.keyPrefix, key.scopes.join(','), key.tenantIds.join(','), key.eventTypes.join(',') || '-', minute(key.createdAt), key.revokedAt ? minute(key.revokedAt) : '-'];
}

const minute = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
