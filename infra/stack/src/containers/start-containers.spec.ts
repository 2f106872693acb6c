import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, stackEnvPath } from '@eventline/stack-config';
import { StackError } from '../errors';
import { loadSettings } from '../settings';
import { startContainerStack } from './start-containers';

/** No Docker engine runs where these tests run everywhere, so the runtime lookup is given; the rest is the real path. */
describe('the containers stack without Docker', () => {
  const testcontainersVerdict = () => Promise.reject(new Error('Could not find a working container runtime strategy'));

  function workspaceCopy() {
    const root = mkdtempSync(join(tmpdir(), 'eventline-containers-'));
    copyFileSync(join(findWorkspaceRoot(), 'docker-compose.yml'), join(root, 'docker-compose.yml'));
    return { ...loadSettings({}), root, local: join(root, '.local') };
  }

  it('says Docker is missing, quotes testcontainers, and names the embedded stack', async () => {
    const attempt = startContainerStack(workspaceCopy(), { probe: testcontainersVerdict });
    await expect(attempt).rejects.toThrow(StackError);
    await expect(attempt).rejects.toThrow(
      'EVENTLINE_STACK=containers needs a running Docker engine, and testcontainers found none (Could not find a working container runtime strategy). ' +
        'Start Docker, or use the embedded stack instead: leave EVENTLINE_STACK unset or set it to "embedded"',
    );
  });

  it('writes no stack.env when it could not start', async () => {
    const settings = workspaceCopy();
    await startContainerStack(settings, { probe: testcontainersVerdict }).catch(() => undefined);
    expect(existsSync(stackEnvPath(settings.root))).toBe(false);
  });
});
