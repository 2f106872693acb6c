import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..', '..');
/** Tools that run from the checkout, not deployed apps: the CLI is the privileged step, demo and bench make their own databases. */
const TOOLS = new Set(['cli', 'demo', 'bench']);
const APPS = readdirSync(join(WORKSPACE, 'apps')).filter((app) => !TOOLS.has(app));

/** The production sources of an app: not its specs, nor its test fixtures. */
function productionSources(app: string): string[] {
  return readdirSync(join(WORKSPACE, 'apps', app, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !/\.(int\.|dist-)?spec\.ts$/.test(file) && !file.split('/').includes('testing'))
    .map((file) => join('apps', app, 'src', file));
}

/** What migrating takes: persistence's migrate() or node-pg-migrate itself. */
const MIGRATES = [/import\s*\{[^}]*\bmigrate\b[^}]*\}\s*from\s*'@eventline\/persistence'/, /from\s*'node-pg-migrate'/, /require\('node-pg-migrate'\)/];

describe('deployed apps never migrate; they only check the schema', () => {
  it.each(APPS)('%s imports no migration runner in its production code', (app) => {
    const migrating = productionSources(app).filter((file) => MIGRATES.some((pattern) => pattern.test(readFileSync(join(WORKSPACE, file), 'utf8'))));
    expect(migrating).toEqual([]);
  });

  it('covers the six deployed apps', () => {
    expect(APPS).toEqual(expect.arrayContaining(['audit-projector', 'ingest-gateway', 'moderation-worker', 'notification-worker', 'outbox-relay', 'usage-projector']));
  });
});
