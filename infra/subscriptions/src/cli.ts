import '@eventline/node-runtime/check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchemasDir, loadCatalog, SUBSCRIPTIONS_FILE } from '@eventline/contracts';
import { exportSubscriptions } from './export-subscriptions';

// `--check` fails when the committed manifest is not what the apps declare, instead of rewriting it.
const workspaceRoot = join(__dirname, '..', '..', '..');
const file = join(defaultSchemasDir(), SUBSCRIPTIONS_FILE);
const manifest = exportSubscriptions(workspaceRoot, loadCatalog());
const text = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(file, 'utf8');
  if (current !== text) {
    console.error(`subscriptions: ${file} is out of date with the apps' subscriptions; run \`npm run subscriptions:export\``);
    process.exit(1);
  }
  console.log(`subscriptions: ${file} matches the ${manifest.apps.length} consumer apps`);
} else {
  writeFileSync(file, text);
  const handlers = manifest.apps.reduce((sum, app) => sum + app.handlers.length, 0);
  console.log(`subscriptions: ${manifest.apps.length} consumer apps, ${handlers} handlers written to ${file}`);
}
