/**
 * The oldest Node.js Eventline runs on: 24.9 is the first 24 LTS release whose Jest can `require()` the ESM-only
 * packages (NestJS 12, commander 15, node-pg-migrate 9). package.json's `engines` says the same; a test keeps them equal.
 */
export const MINIMUM_NODE = { major: 24, minor: 9 } as const;

export class UnsupportedNodeError extends Error {
  constructor(readonly running: string) {
    super(
      `Eventline needs Node.js ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or later (LTS ${MINIMUM_NODE.major}), but this is Node.js ${running}.\n` +
        'Run it through npm: `npm run …` and `npx …` use the Node that `npm ci` installed into node_modules/.bin ' +
        '(the `node` dev dependency). Or install Node.js 24 LTS and put it first on PATH.',
    );
    this.name = 'UnsupportedNodeError';
  }
}

export function isSupportedNode(version: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor);
}

export function assertSupportedNode(version: string = process.version): void {
  if (!isSupportedNode(version)) throw new UnsupportedNodeError(version);
}
