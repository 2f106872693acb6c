import { join } from 'node:path';
import { ESLint } from 'eslint';
import { findWorkspaceRoot } from '@eventline/stack-config';

// The fixtures exist only as text handed to lintText under a project's path, so `npm run lint` and
// the typecheck never see them. Type information is off (the project service knows no file that is
// not on disk); the boundaries rule needs none.
const root = findWorkspaceRoot();
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === '@nx/enforce-module-boundaries',
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

// Apps have no import alias, so a relative path is the only way into one, and the rule refuses it.
const relativeAcrossProjects = '@nx/enforce-module-boundaries: Projects cannot be imported by a relative or absolute path, and must begin with a npm scope';

describe('module boundaries (npm run lint)', () => {
  it('fails a lib that imports an app', async () => {
    const errors = await boundaryErrors('libs/persistence/src/boundary-fixture.ts', "export { main } from '../../../apps/cli/src/main';\n");
    expect(errors).toEqual([relativeAcrossProjects]);
  });

  it('fails an app that imports another app', async () => {
    const errors = await boundaryErrors('apps/cli/src/boundary-fixture.ts', "export { samplePayload } from '../../demo/src/sample-payload';\n");
    expect(errors).toEqual([relativeAcrossProjects]);
  });

  it('fails a lib that imports test-harness outside its specs', async () => {
    const errors = await boundaryErrors('libs/persistence/src/boundary-fixture.ts', "export { uniqueName } from '@eventline/test-harness';\n");
    expect(errors).toEqual(['@nx/enforce-module-boundaries: A project tagged with "scope:shared" can only depend on libs tagged with "scope:shared"']);
  });

  it('passes a lib that imports a lib, and a spec that imports test-harness', async () => {
    expect(await boundaryErrors('libs/persistence/src/boundary-fixture.ts', "export { loadStackEndpoints } from '@eventline/stack-config';\n")).toEqual([]);
    expect(await boundaryErrors('libs/persistence/src/boundary-fixture.spec.ts', "export { uniqueName } from '@eventline/test-harness';\n")).toEqual([]);
  });
});
