import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { MINIMUM_NODE, assertSupportedNode, isSupportedNode } from './supported-node';

const root = findWorkspaceRoot();

describe('the supported Node.js', () => {
  it('accepts 24.9 and later, refuses older lines and older 24 releases', () => {
    expect(['v24.9.0', 'v24.21.0', 'v26.1.0'].map(isSupportedNode)).toEqual([true, true, true]);
    expect(['v20.20.2', 'v22.22.0', 'v24.8.1'].map(isSupportedNode)).toEqual([false, false, false]);
  });

  it('names the version it needs, the one running and how to get the right one', () => {
    expect(() => assertSupportedNode('v20.20.2')).toThrow(/needs Node\.js 24\.9 or later .* this is Node\.js v20\.20\.2.*\n.*npm run/s);
  });

  it('agrees with package.json engines and the node dev dependency', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: { node: string } };
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE.major}.${MINIMUM_NODE.minor}.0 <${MINIMUM_NODE.major + 1}`);
    expect(isSupportedNode(manifest.devDependencies.node)).toBe(true);
  });

  it('is the Node that runs this test (npm scripts use node_modules/.bin/node)', () => {
    expect(isSupportedNode(process.version)).toBe(true);
  });

  it('stops a CLI started with an older node with that message and exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'old-node-'));
    const pretendOld = join(dir, 'pretend-node-20.js');
    writeFileSync(pretendOld, "Object.defineProperty(process, 'version', { value: 'v20.20.2' });\n");
    const result = await promisify(execFile)(process.execPath, ['--require', pretendOld, 'apps/cli/bin/eventline.js', '--help'], { cwd: root }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('needs Node.js 24.9 or later (LTS 24), but this is Node.js v20.20.2') });
  });
});
