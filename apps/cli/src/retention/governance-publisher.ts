import { userInfo } from 'node:os';
import { Publisher, type UntypedEventInput } from '@eventline/publisher';
import type { CliContext } from '../context';

/** Publishes governance events one at a time and says where each went. */
export interface GovernanceRecorder {
  record(event: UntypedEventInput): Promise<string>;
}

/** Runs `work` with a publisher for governance events, closed afterwards. */
export async function withGovernanceRecorder<T>(context: CliContext, work: (recorder: GovernanceRecorder) => Promise<T>): Promise<T> {
  const publisher = new Publisher({ kafka: context.kafka(), registry: context.registry(), source: 'eventline-cli', catalog: context.catalog });
  try {
    return await work({
      async record(event) {
        const [published] = await publisher.publishUntyped([event]);
        return `${published.event_type} ${published.event_id} on ${published.topic}`;
      },
    });
  } finally {
    await publisher.close();
  }
}

/** Who makes a compliance change: --actor, else EVENTLINE_ACTOR, else the OS user (as for `eventline erase`). */
export function actorOf(options: { actor?: string }): string {
  return options.actor ?? process.env.EVENTLINE_ACTOR ?? userInfo().username;
}
