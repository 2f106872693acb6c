import type { Command } from 'commander';
import { bindTenantRole, rlsStates } from '@eventline/tenant-access';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { formatTable } from '../output/table';

/** Who may read which tenant's rows: the roles bound in tenant_roles, and every table's row-level security. */
export function tenantCommands(program: Command, context: CliContext): void {
  const tenants = program.command('tenants').description("tenants' database roles and row-level security");

  tenants
    .command('bind <tenant>')
    .description("create the tenant's database role and bind it in tenant_roles, so per-tenant reads (KPIs) can run as it; idempotent")
    .action(async (tenant: string) => {
      const role = await withDatabase(context, (pool) => bindTenantRole(pool, tenant));
      console.log(`Tenant "${tenant}" is bound to role ${role}.`);
    });

  tenants
    .command('rls')
    .description('every table: whether it has a tenant_id, RLS enabled and forced, its policies, and the roles that can write it')
    .action(async () => {
      const states = await withDatabase(context, (pool) => rlsStates(pool));
      const yes = (value: boolean) => (value ? 'yes' : 'no');
      console.log(
        formatTable(
          ['TABLE', 'TENANT_ID', 'RLS', 'FORCED', 'POLICIES', 'WRITERS'],
          states.map((s) => [s.table, yes(s.hasTenantColumn), yes(s.enabled), yes(s.forced), s.policies.join('; ') || '-', s.writers.join(', ')]),
        ),
      );
      console.log('\nSuperusers and BYPASSRLS roles are not bound by row-level security; owners are, where it is forced.');
    });
}
