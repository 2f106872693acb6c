/**
 * Fault tests run in two sizes: `npm test` runs the short ones, so CI stays under 30 minutes;
 * `npm run test:faults` (EVENTLINE_FAULTS=full) runs the heavy ones the issue sets as the goal.
 */
export type FaultSize = 'short' | 'full';

export function faultSize(env: NodeJS.ProcessEnv = process.env): FaultSize {
  return env.EVENTLINE_FAULTS === 'full' ? 'full' : 'short';
}

/** Picks the figure for the size this run has. */
export function bySize<T>(sizes: Record<FaultSize, T>): T {
  return sizes[faultSize()];
}
