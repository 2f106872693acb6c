import { StackError } from './errors';

export const STACK_KINDS = ['embedded', 'containers'] as const;
export type StackKind = (typeof STACK_KINDS)[number];

/** EVENTLINE_STACK picks the servers `npm test` runs against: the embedded stack unless it says containers. */
export function stackKind(env: NodeJS.ProcessEnv = process.env): StackKind {
  const raw = env.EVENTLINE_STACK ?? '';
  if (raw === '') return 'embedded';
  if ((STACK_KINDS as readonly string[]).includes(raw)) return raw as StackKind;
  throw new StackError(`EVENTLINE_STACK must be one of ${STACK_KINDS.join(', ')} (unset means embedded), got "${env.EVENTLINE_STACK}".`);
}
