import { StackError } from '../errors';

/**
 * Asks testcontainers for a container runtime before anything is created, so a machine without
 * Docker hears at once what to run instead.
 */
export async function requireDocker(probe: () => Promise<unknown>): Promise<void> {
  try {
    await probe();
  } catch (error) {
    throw new StackError(
      `EVENTLINE_STACK=containers needs a running Docker engine, and testcontainers found none (${(error as Error).message}). ` +
        'Start Docker, or use the embedded stack instead: leave EVENTLINE_STACK unset or set it to "embedded" ' +
        '(Kafka and the registry from Maven jars, which needs Java 17+ and Maven, not Docker).',
    );
  }
}
