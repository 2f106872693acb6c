/** A read for a tenant that has no role bound in tenant_roles: nothing is served, rather than unscoped rows. */
export class TenantNotBoundError extends Error {
  constructor(readonly tenantId: string) {
    super(`tenant "${tenantId}" has no database role bound in tenant_roles; run \`npx eventline tenants bind ${tenantId}\` (keys create --scope read does it too)`);
    this.name = 'TenantNotBoundError';
  }
}
