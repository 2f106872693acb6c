import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { findOutsideReferences, type TrackedFile } from './outside-references';

// The sibling folder exists on CI and on the first machines, so only reading the sources catches a reference to it.
const parent = '..';
const sibling = `${parent}/${'shared'}`;

function trackedFiles(root: string): TrackedFile[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
  // A file deleted in the working tree but not yet in the index has nothing left to check.
  return paths.filter((path) => existsSync(join(root, path))).map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

describe('the repository is self-contained', () => {
  it(`has no tracked file that refers to ${sibling}`, () => {
    const files = trackedFiles(findWorkspaceRoot());
    expect(files.length).toBeGreaterThan(100);
    expect(findOutsideReferences(files)).toEqual([]);
  });

  it('names the file and line of a path written out or joined from parts', () => {
    const files = [
      { path: 'README.md', text: `# Title\nSee ${sibling}/ARCHITECTURE.md.` },
      { path: 'a.spec.ts', text: `const dir = join(root, '${parent}', 'shared', 'seeds');` },
      { path: 'b.ts', text: `const windows = '${parent}\\shared';\nconst fine = '${parent}/sharedLibs';` },
    ];
    expect(findOutsideReferences(files)).toEqual([
      `README.md:2: See ${sibling}/ARCHITECTURE.md.`,
      `a.spec.ts:1: const dir = join(root, '${parent}', 'shared', 'seeds');`,
      `b.ts:1: const windows = '${parent}\\shared';`,
    ]);
  });

  it('leaves other folders of the same name alone', () => {
    expect(findOutsideReferences([{ path: 'x.ts', text: "import { a } from './shared/a';\nconst tag = 'scope:shared';" }])).toEqual([]);
  });
});
