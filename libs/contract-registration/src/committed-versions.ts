import { posix } from 'node:path';
import { composeEventSchema, subjectFor, type AvroSchema } from '@eventline/contracts';
import { directoryHistory, readBlobs, type DirectoryCommit } from './git-history';

export interface CommittedVersion {
  commit: string;
  /** The composed record, as `schemas:register` at that commit would have registered it. */
  schema: AvroSchema;
}

const ENVELOPE = '_envelope/envelope.avsc';
const DOMAIN_FILE = 'domain.json';

/**
 * subject → every distinct schema the committed history of `<repoRoot>/<schemasDir>` would have
 * registered under it, oldest first.
 *
 * What production would have had registered: a deploy registers the catalog of one commit, each
 * event composed from the envelope and its payload as they stood together in that commit. So each
 * commit that touches the envelope, a domain.json or a payload recomposes the events it affects
 * with the files of that same commit; an envelope change therefore adds a version to every
 * subject, as `schemas:register` after it would. Keying by subject (topic from domain.json, record
 * full name from the .avsc) keeps a moved file's history and separates a renamed record, whose new
 * subject starts empty in production too. A commit whose files cannot be composed (invalid JSON,
 * no envelope or domain.json yet) is skipped: a deploy of it would have failed `schemas:lint`.
 */
export function committedVersions(repoRoot: string, schemasDir = 'schemas'): Map<string, CommittedVersion[]> {
  const commits = directoryHistory(repoRoot, schemasDir);
  const texts = readBlobs(
    repoRoot,
    commits.flatMap((c) => c.changes.flatMap((change) => change.blob ?? [])),
  );
  const parse = jsonOf(texts);
  const tree = new Map<string, string>();
  const history = new Map<string, CommittedVersion[]>();
  for (const { commit, changes } of commits) {
    for (const { path, blob } of changes) {
      if (blob) tree.set(path, blob);
      else tree.delete(path);
    }
    for (const path of affectedEvents(changes, tree, schemasDir)) {
      const composed = composeAt(path, tree, parse, schemasDir);
      if (composed) appendIfChanged(history, composed.subject, { commit, schema: composed.schema });
    }
  }
  return history;
}

/** The event files whose registered schema this commit may have changed. */
function affectedEvents(changes: DirectoryCommit['changes'], tree: Map<string, string>, schemasDir: string): string[] {
  const events = [...tree.keys()].filter((path) => isEventFile(path, schemasDir));
  if (changes.some((c) => c.path === posix.join(schemasDir, ENVELOPE))) return events;
  const domains = new Set(changes.filter((c) => posix.basename(c.path) === DOMAIN_FILE).map((c) => posix.dirname(c.path)));
  const changed = new Set(changes.map((c) => c.path));
  return events.filter((path) => changed.has(path) || domains.has(posix.dirname(path)));
}

/** schemas/<domain>/<EVENT>.avsc, the layout `readSources` reads; `_`-folders hold no events. */
function isEventFile(path: string, schemasDir: string): boolean {
  const parts = posix.relative(schemasDir, path).split('/');
  return parts.length === 2 && !parts[0].startsWith('_') && !parts[0].startsWith('..') && parts[1].endsWith('.avsc');
}

function composeAt(path: string, tree: Map<string, string>, parse: (blob?: string) => AvroSchema | undefined, schemasDir: string) {
  const envelope = parse(tree.get(posix.join(schemasDir, ENVELOPE)));
  const domain = parse(tree.get(posix.join(posix.dirname(path), DOMAIN_FILE)));
  const payload = parse(tree.get(path));
  if (!envelope || !domain || !payload || typeof domain.topic !== 'string') return undefined;
  const subject = subjectFor(domain.topic, `${String(payload.namespace)}.${String(payload.name)}`);
  return { subject, schema: composeEventSchema(envelope, payload) };
}

function jsonOf(texts: Map<string, string>): (blob?: string) => AvroSchema | undefined {
  const parsed = new Map<string, AvroSchema | undefined>();
  return (blob) => {
    if (!blob) return undefined;
    if (!parsed.has(blob)) parsed.set(blob, tryParse(texts.get(blob)));
    return parsed.get(blob);
  };
}

function tryParse(text: string | undefined): AvroSchema | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as AvroSchema) : undefined;
  } catch {
    return undefined;
  }
}

/** Only versions that differ: re-saving a file, or reformatting its JSON, adds no version. */
function appendIfChanged(history: Map<string, CommittedVersion[]>, subject: string, version: CommittedVersion): void {
  const versions = history.get(subject) ?? [];
  const last = versions.at(-1);
  if (!last || JSON.stringify(last.schema) !== JSON.stringify(version.schema)) versions.push(version);
  history.set(subject, versions);
}
