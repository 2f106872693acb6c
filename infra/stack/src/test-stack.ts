import { startContainerStack } from './containers/start-containers';
import type { StackSettings } from './settings';
import { up, type StackEnv } from './stack';
import { stackKind } from './stack-kind';

export interface TestStack {
  env: StackEnv;
  /** Containers go when the run ends; the embedded stack stays up, as after `npm run stack:up`. */
  stop(): Promise<void>;
}

/** The servers `npm test` runs against, as EVENTLINE_STACK chooses. */
export async function startTestStack(settings: StackSettings, env: NodeJS.ProcessEnv = process.env): Promise<TestStack> {
  if (stackKind(env) === 'containers') {
    console.log('Starting Kafka, the schema registry and PostgreSQL in containers (EVENTLINE_STACK=containers)…');
    console.log("  (the embedded stack's lifecycle test, infra/stack/src/stack.int.spec.ts, runs only without it)");
    return startContainerStack(settings);
  }
  console.log('Bringing the local stack up (a no-op when it runs)…');
  const { env: endpoints } = await up(settings);
  return { env: endpoints, stop: async () => undefined };
}
