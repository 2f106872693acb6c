import { Publisher, type PublishResult, type UntypedEventInput } from '@eventline/publisher';
import type { CliContext } from '../context';

/** Publishes governance events (erasures, replays, holds, retention runs, checkpoints) one at a time. */
export interface GovernanceRecorder {
  record(event: UntypedEventInput): Promise<PublishResult>;
}

/** Where a recorded event went, for the terminal. */
export const describeRecorded = (published: PublishResult): string => `${published.event_type} ${published.event_id} on ${published.topic}`;

/** Runs `work` with a publisher for governance events, closed afterwards. */
export async function withGovernanceRecorder<T>(context: CliContext, work: (recorder: GovernanceRecorder) => Promise<T>): Promise<T> {
  const publisher = new Publisher({ kafka: context.kafka(), registry: context.registry(), source: 'eventline-cli', catalog: context.catalog });
  try {
    return await work({
      async record(event) {
        const [published] = await publisher.publishUntyped([event]);
        return published;
      },
    });
  } finally {
    await publisher.close();
  }
}

/** One governance event, published and acknowledged. */
export function recordGovernanceEvent(context: CliContext, event: UntypedEventInput): Promise<PublishResult> {
  return withGovernanceRecorder(context, (recorder) => recorder.record(event));
}
