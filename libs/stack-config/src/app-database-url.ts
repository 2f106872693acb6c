/**
 * The connection string of one app's own database role (issue 12: least privilege).
 * `<APP>_DATABASE_URL` (e.g. AUDIT_PROJECTOR_DATABASE_URL) wins. Without it, the app connects to
 * DATABASE_URL's server and database as `eventline_<app>`, the role the migrations create, with
 * no password: right for the local stack's trust authentication, and a deployment that uses
 * passwords sets the app's own variable.
 */
export function appDatabaseUrl(service: string, databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[appDatabaseUrlVariable(service)];
  if (own) return own;
  const url = new URL(databaseUrl);
  url.username = appDatabaseRole(service);
  url.password = '';
  return url.toString();
}

/** `audit-projector` → `eventline_audit_projector`. */
export const appDatabaseRole = (service: string) => `eventline_${service.replace(/-/g, '_')}`;

/** `audit-projector` → `AUDIT_PROJECTOR_DATABASE_URL`. */
export const appDatabaseUrlVariable = (service: string) => `${service.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`;
