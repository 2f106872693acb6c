/**
 * Two writers that extended the same chain at once (a member that lost its partition in a
 * rebalance and the new owner): the second fails on audit_logs_chain. That is contention, not bad
 * data, so the batch is retried as transient; the retry reads the new head, or finds the batch
 * already projected by the stored offsets.
 */
export function chainRace(error: unknown): 'transient' | undefined {
  const pg = error as { code?: unknown; constraint?: unknown };
  return pg?.code === '23505' && pg.constraint === 'audit_logs_chain' ? 'transient' : undefined;
}
