import '@eventline/node-runtime/check';
import { describePacked, packSdk } from './sdk';

/** `npm run pack:sdk`: the SDK's libraries built and packed into dist/sdk/*.tgz, one line per package. */
async function main(): Promise<void> {
  const workspaceRoot = process.cwd();
  const started = Date.now();
  const packed = await packSdk(workspaceRoot);
  for (const result of packed) console.log(describePacked(workspaceRoot, result));
  console.log(`pack: ${packed.length} packages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
