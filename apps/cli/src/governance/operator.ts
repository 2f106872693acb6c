import { userInfo } from 'node:os';

/** Who runs a governance command: --actor, else EVENTLINE_ACTOR, else the OS user. */
export function operatorOf(actor: string | undefined): string {
  return actor ?? process.env.EVENTLINE_ACTOR ?? userInfo().username;
}
