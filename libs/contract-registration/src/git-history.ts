import { execFileSync } from 'node:child_process';

/** One commit's effect on a file: the blob it holds afterwards, or `undefined` once deleted. */
export interface FileChange {
  path: string;
  blob: string | undefined;
}

export interface DirectoryCommit {
  commit: string;
  changes: FileChange[];
}

const DELETED = /^0+$/;
const MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * Every commit that changed `dir` in the repository at `repoRoot`, oldest first, with the blobs it
 * left behind. Follows the first-parent line (what main deployed, one snapshot per commit), and
 * compares each merge with its first parent, so a merged branch counts as one change. Paths are
 * relative to `repoRoot`, which may lie below the repository's top. Renames are
 * read as delete + add: a moved contract keeps its history through its subject, not its path.
 */
export function directoryHistory(repoRoot: string, dir: string): DirectoryCommit[] {
  if (!hasCommits(repoRoot)) return [];
  const log = git(repoRoot, ['log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--no-renames', '--raw', '--relative', '--no-abbrev', '--format=commit %H', '--', dir]);
  const commits: DirectoryCommit[] = [];
  for (const line of log.toString('utf8').split('\n')) {
    if (line.startsWith('commit ')) commits.push({ commit: line.slice('commit '.length), changes: [] });
    else if (line.startsWith(':')) commits.at(-1)?.changes.push(parseRawLine(line));
  }
  return commits;
}

/** A shallow clone lacks the commits before its cut, so the history it gives is partial. */
export function isShallowClone(repoRoot: string): boolean {
  return git(repoRoot, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
}

/** The text of each blob, read through one `git cat-file --batch` rather than a process per file. */
export function readBlobs(repoRoot: string, blobs: string[]): Map<string, string> {
  const unique = [...new Set(blobs)];
  const texts = new Map<string, string>();
  if (unique.length === 0) return texts;
  const output = git(repoRoot, ['cat-file', '--batch'], `${unique.join('\n')}\n`);
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0x0a, offset);
    const [id, type, size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (type !== 'blob') throw new Error(`git cat-file: ${id} is ${type ?? 'unreadable'}, not a blob, in ${repoRoot}`);
    const start = headerEnd + 1;
    texts.set(id, output.subarray(start, start + Number(size)).toString('utf8'));
    offset = start + Number(size) + 1;
  }
  return texts;
}

/** `:100644 100644 <old> <new> M\t<path>` */
function parseRawLine(line: string): FileChange {
  const [meta, path] = line.split('\t');
  const blob = meta.split(' ')[3];
  return { path, blob: DELETED.test(blob) ? undefined : blob };
}

/** A repository without commits yet has no history; a directory that is no repository is an error. */
function hasCommits(repoRoot: string): boolean {
  try {
    git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD']);
    return true;
  } catch (error) {
    if (error instanceof GitError && error.status === 1) return false;
    throw error;
  }
}

class GitError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

function git(repoRoot: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', ['-C', repoRoot, '-c', 'core.quotePath=false', ...args], { input, maxBuffer: MAX_OUTPUT, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const { stderr, status } = error as { stderr?: Buffer; status?: number | null };
    const reason = String(stderr ?? '').trim() || (error as Error).message;
    throw new GitError(`git ${args[0]} failed in ${repoRoot}: ${reason}`, status ?? null);
  }
}
