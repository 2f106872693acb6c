import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { enforcePolicy, type EnforceOptions, type Evidence, type ProgressSink } from './enforce-policy';
import type { RetentionPolicy } from './policies';

/** Called after each policy's evidence row is written, before the next policy runs (the CLI publishes it). */
export type RecordEnforcement = (evidence: Evidence) => Promise<void>;

export interface RunOptions extends Omit<EnforceOptions, 'runId' | 'progress'> {
  runId?: string;
  progressFor?: (policy: RetentionPolicy) => ProgressSink;
}

/** One run: every policy given, one after another, under one run id. */
export async function runRetention(pool: Pool, policies: RetentionPolicy[], options: RunOptions, record: RecordEnforcement): Promise<Evidence[]> {
  const { progressFor, ...rest } = options;
  const runId = options.runId ?? randomUUID();
  const evidence: Evidence[] = [];
  for (const policy of policies) {
    const enforced = await enforcePolicy(pool, policy, { ...rest, runId, progress: progressFor?.(policy) });
    await record(enforced);
    evidence.push(enforced);
  }
  return evidence;
}
