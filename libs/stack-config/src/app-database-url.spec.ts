import { appDatabaseUrl } from './app-database-url';

describe('appDatabaseUrl', () => {
  const platform = 'postgres://owner:secret@db.internal:5432/eventline';

  it("connects to DATABASE_URL's database as the app's own role, without the owner's password", () => {
    expect(appDatabaseUrl('audit-projector', platform, {})).toBe('postgres://eventline_audit_projector@db.internal:5432/eventline');
  });

  it('takes <APP>_DATABASE_URL when it is set', () => {
    const own = 'postgres://eventline_usage_projector:pw@db.internal:5432/eventline';
    expect(appDatabaseUrl('usage-projector', platform, { USAGE_PROJECTOR_DATABASE_URL: own })).toBe(own);
  });
});
