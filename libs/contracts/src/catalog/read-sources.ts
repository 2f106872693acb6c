import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AvroSchema, CatalogSources, SchemaFile } from './types';

export const ENVELOPE_FILE = join('_envelope', 'envelope.avsc');

/** Reads schemas/ as it is; JSON syntax errors name the file. Judging the content is the linter's job. */
export function readSources(schemasDir: string, root: string = join(schemasDir, '..')): CatalogSources {
  const read = (path: string): SchemaFile => {
    const file = relative(root, path);
    try {
      return { file, json: JSON.parse(readFileSync(path, 'utf8')) as AvroSchema };
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  };
  const domainDirs = readdirSync(schemasDir)
    .filter((name) => !name.startsWith('_') && statSync(join(schemasDir, name)).isDirectory())
    .sort();
  const domains: CatalogSources['domains'] = [];
  const events: CatalogSources['events'] = [];
  for (const dir of domainDirs) {
    const files = readdirSync(join(schemasDir, dir)).sort();
    if (files.includes('domain.json')) domains.push({ dir, ...read(join(schemasDir, dir, 'domain.json')) });
    for (const name of files.filter((f) => f.endsWith('.avsc'))) events.push({ dir, ...read(join(schemasDir, dir, name)) });
  }
  return { envelope: read(join(schemasDir, ENVELOPE_FILE)), domains, events };
}
