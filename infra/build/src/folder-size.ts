import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of the files below `dir` (links counted as themselves), in MB. */
export function folderMegabytes(dir: string): number {
  const bytes = readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((sum, entry) => sum + lstatSync(join(dir, entry)).size, 0);
  return bytes / 1024 / 1024;
}
