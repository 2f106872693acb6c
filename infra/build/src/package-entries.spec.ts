import { findWorkspaceRoot } from '@eventline/stack-config';
import { packageEntries } from './package-entries';
import { findProject } from './projects';
import { SDK_LIBRARIES } from './sdk';

const root = findWorkspaceRoot();

describe("a library package's entry points", () => {
  it('exports each tsconfig alias into the library, subpaths included', () => {
    expect(packageEntries(root, findProject(root, 'node-runtime'))).toEqual([
      { subpath: '.', source: 'libs/node-runtime/src/index.ts', main: 'src/index.js', types: 'src/index.d.ts' },
      { subpath: './check', source: 'libs/node-runtime/src/check.ts', main: 'src/check.js', types: 'src/check.d.ts' },
    ]);
  });

  it('refuses a library without an alias, naming it', () => {
    expect(() => packageEntries(root, { name: 'no-such-lib', root: 'libs/no-such-lib', type: 'library' })).toThrow('no-such-lib has no "@eventline/no-such-lib" path');
  });

  it('lists SDK libraries that exist, once each', () => {
    expect(new Set(SDK_LIBRARIES).size).toBe(SDK_LIBRARIES.length);
    for (const name of SDK_LIBRARIES) expect(findProject(root, name).type).toBe('library');
  });
});
