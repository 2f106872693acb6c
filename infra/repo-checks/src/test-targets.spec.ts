import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: workspaceRoot, encoding: 'utf8' }).split('\n');
// The dist and SDK specs run in their own npm scripts, after a build; everything else is `npm test`'s.
const isSpec = (file: string) => file.endsWith('.spec.ts') && !file.startsWith('examples/');

describe('npm test runs every spec', () => {
  it('gives every project holding specs a test target', () => {
    const projects = tracked.filter((file) => file.endsWith('project.json')).map(dirname);
    const withoutTarget = projects.filter((root) => {
      const targets = (JSON.parse(readFileSync(join(workspaceRoot, root, 'project.json'), 'utf8')) as { targets?: Record<string, unknown> }).targets ?? {};
      return !('test' in targets) && tracked.some((file) => file.startsWith(`${root}/`) && isSpec(file));
    });
    expect(projects.length).toBeGreaterThan(30);
    expect(withoutTarget).toEqual([]);
  });
});
