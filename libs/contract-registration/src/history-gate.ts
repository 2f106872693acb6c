import { join } from 'node:path';
import { loadCatalog, type EventContract } from '@eventline/contracts';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { committedVersions, type CommittedVersion } from './committed-versions';
import { isShallowClone } from './git-history';
import pMap from 'p-map';
import { EVENT_COMPATIBILITY } from './register-catalog';
import { fieldProblems, NO_FIELD_EXPLAINS } from './schema-diff';
import { addScratchVersion, removeScratchSubject, withRetry } from './scratch-subjects';

export interface HistoryGateOptions {
  /** The repository whose committed history and working tree are compared; holds schemas/ at its root. */
  repoRoot: string;
  registry: SchemaRegistryClient;
  /** Prefix of this run's own subjects; unique per run unless given. */
  subjectPrefix?: string;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export type NoHistoryReason = 'never committed' | 'committed only as in the working tree' | 'every committed version refused by the registry';

export interface RefusedVersion {
  commit: string;
  error: string;
}

interface Gated {
  subject: string;
  eventType: string;
  file: string;
}

export type HistoryGateResult = Gated &
  (
    | { status: 'no-history'; reason: NoHistoryReason }
    | { status: 'compatible'; versions: number; refused: RefusedVersion[] }
    | { status: 'incompatible'; versions: number; refused: RefusedVersion[]; problems: string[]; registryRefused: boolean }
  );

export interface HistoryGateReport {
  subjectPrefix: string;
  results: HistoryGateResult[];
  /** Committed versions registered into the run's own subjects. */
  versionsRegistered: number;
  /** Temporary subjects the registry would not delete (best effort: they do not fail the gate). */
  cleanupErrors: string[];
  /** True when the repository is a shallow clone, so older versions could not be read. */
  shallowClone: boolean;
  seconds: number;
}

/**
 * The CI gate: replays each contract's committed history into fresh subjects of this run's own,
 * at FULL_TRANSITIVE as production pins them, then asks the registry whether the working tree's
 * version may follow all of it. Unlike `checkCompatibility`, it needs no registry that has seen the
 * catalog before, so it can fail on a fresh clone. The verdict is the one `schemas:check` gives:
 * the registry's answer, backed by the field diff that explains it.
 */
export async function runHistoryGate(options: HistoryGateOptions): Promise<HistoryGateReport> {
  const started = performance.now();
  const catalog = loadCatalog(join(options.repoRoot, 'schemas'));
  const history = committedVersions(options.repoRoot);
  const subjectPrefix = options.subjectPrefix ?? uniqueSubjectPrefix();
  const concurrency = options.concurrency ?? 8;
  const run: GateRun = { registry: options.registry, subjectPrefix, scratch: new Map() };
  let done = 0;
  let failure: { error: unknown } | undefined;
  options.onProgress?.(done, catalog.events.length);
  const results = await pMap(
    catalog.events,
    async (event) => {
      if (failure) return undefined;
      const result = await gateEvent(event, history.get(event.subject) ?? [], run).catch((error: unknown) => void (failure ??= { error }));
      options.onProgress?.(++done, catalog.events.length);
      return result;
    },
    { concurrency },
  );
  // Only once no registration is in flight: a registry that failed for good still gets its subjects back.
  const cleanupErrors = await cleanUp(run, concurrency);
  if (failure) throw failure.error;
  const versionsRegistered = [...run.scratch.values()].reduce((sum, n) => sum + n, 0);
  const shallowClone = isShallowClone(options.repoRoot);
  return { subjectPrefix, results: results as HistoryGateResult[], versionsRegistered, cleanupErrors, shallowClone, seconds: (performance.now() - started) / 1000 };
}

interface GateRun {
  registry: SchemaRegistryClient;
  subjectPrefix: string;
  /** scratch subject → versions registered under it, for the clean-up. */
  scratch: Map<string, number>;
}

async function gateEvent(event: EventContract, committed: CommittedVersion[], run: GateRun): Promise<HistoryGateResult> {
  const gated: Gated = { subject: event.subject, eventType: event.eventType, file: event.file };
  const earlier = withoutWorkingTree(committed, event.schema);
  if (earlier.length === 0) return { ...gated, status: 'no-history', reason: committed.length > 0 ? 'committed only as in the working tree' : 'never committed' };
  const subject = `${run.subjectPrefix}-${event.subject}`;
  run.scratch.set(subject, 0);
  await withRetry(() => run.registry.setCompatibility(subject, EVENT_COMPATIBILITY));
  const accepted: CommittedVersion[] = [];
  const refused: RefusedVersion[] = [];
  // A version the registry refuses never reached production either (its deploy would have
  // failed), so it is reported and left out of what the working tree must follow.
  for (const version of earlier) {
    const refusal = await addScratchVersion(run.registry, subject, version.schema);
    if (refusal) refused.push({ commit: version.commit, ...refusal });
    else run.scratch.set(subject, accepted.push(version));
  }
  if (accepted.length === 0) return { ...gated, status: 'no-history', reason: 'every committed version refused by the registry' };
  const registryAccepts = await withRetry(() => run.registry.isCompatible(subject, event.schema));
  const problems = fieldProblems(
    accepted.map((v) => ({ label: `commit ${shortCommit(v.commit)}`, schema: v.schema })),
    event.schema,
  );
  const versions = accepted.length;
  if (registryAccepts && problems.length === 0) return { ...gated, status: 'compatible', versions, refused };
  const explained = problems.length > 0 ? problems : [NO_FIELD_EXPLAINS];
  return { ...gated, status: 'incompatible', versions, refused, problems: explained, registryRefused: !registryAccepts };
}

/**
 * After every check, not interleaved with them: Apicurio sweeps orphaned content on each permanent
 * delete, which would race with this run's own registrations.
 */
async function cleanUp(run: GateRun, concurrency: number): Promise<string[]> {
  const subjects = [...run.scratch];
  const errors = await pMap(subjects, ([subject, versions]) => removeScratchSubject(run.registry, subject, versions > 0), { concurrency });
  return errors.flat();
}

/** The working tree's own committed version is the candidate, not part of what it must follow. */
function withoutWorkingTree(committed: CommittedVersion[], workingTree: unknown): CommittedVersion[] {
  const last = committed.at(-1);
  return last && JSON.stringify(last.schema) === JSON.stringify(workingTree) ? committed.slice(0, -1) : committed;
}

/** `gate-<UTC timestamp>-<random>`: no other run, and nothing in production, shares these subjects. */
function uniqueSubjectPrefix(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `gate-${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}

const shortCommit = (commit: string) => commit.slice(0, 8);
