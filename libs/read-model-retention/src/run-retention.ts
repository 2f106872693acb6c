import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { enforcePolicy, type EnforceOptions, type Evidence } from './enforce-policy';
import type { RetentionPolicy } from './policies';

/** Called after each policy's evidence row is written, before the next policy runs (the CLI publishes it). */
export type RecordEnforcement = (evidence: Evidence) => Promise<void>;

/** One run: every policy given, one after another, under one run id. */
export async function runRetention(
  pool: Pool,
  policies: RetentionPolicy[],
  options: Omit<EnforceOptions, 'runId'> & { runId?: string },
  record: RecordEnforcement,
): Promise<Evidence[]> {
  const runId = options.runId ?? randomUUID();
  const evidence: Evidence[] = [];
  for (const policy of policies) {
    const enforced = await enforcePolicy(pool, policy, { ...options, runId });
    await record(enforced);
    evidence.push(enforced);
  }
  return evidence;
}
