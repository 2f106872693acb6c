import { UnsupportedNodeError, assertSupportedNode } from './supported-node';

/**
 * Imported first by every entry point (`import '@eventline/node-runtime/check'`), so a process started with an older
 * `node` stops with one clear message instead of failing later inside an ESM-only dependency.
 */
try {
  assertSupportedNode();
} catch (error) {
  if (!(error instanceof UnsupportedNodeError)) throw error;
  console.error(error.message);
  process.exit(1);
}
