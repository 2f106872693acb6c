import { basename, extname } from 'node:path';

/** `apps/ingest-gateway/src/main.ts` (or its built copy under dist/) → `ingest-gateway`; any other script → its file name. */
export function serviceOfEntry(entry: string): string {
  const app = /(?:^|[\\/])apps[\\/]([^\\/]+)[\\/]/.exec(entry)?.[1];
  return app ?? (basename(entry, extname(entry)) || 'eventline');
}
