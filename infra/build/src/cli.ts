import '@eventline/node-runtime/check';
import { buildApplications } from './build-app';
import { buildLibraries } from './build-lib';
import { findProject, listProjects, type Project } from './projects';

/** Projects that are tooling, not deliverables: they run from the checkout. */
const NOT_BUILT = new Set(['demo', 'bench', 'test-harness']);

/**
 * `npx nx build <project>` (Nx passes the project's name) and `npm run build` (`--all`): applications to deployable
 * folders, libraries to packages, each kind compiled by one tsc run.
 */
async function main(args: string[]): Promise<void> {
  if (args.length === 0) throw new Error('usage: build --all | <project> [<project> …]');
  const workspaceRoot = process.cwd();
  const projects = args.includes('--all') ? listProjects(workspaceRoot).filter((p) => !NOT_BUILT.has(p.name)) : args.map((name) => findProject(workspaceRoot, name));
  await timed('applications', () => buildApplications(workspaceRoot, ofType(projects, 'application')));
  await timed('libraries', () => buildLibraries(workspaceRoot, ofType(projects, 'library')));
}

function ofType(projects: Project[], type: Project['type']): Project[] {
  return projects.filter((project) => project.type === type);
}

async function timed(what: string, build: () => Promise<void>): Promise<void> {
  const started = Date.now();
  await build();
  console.log(`build: ${what} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
