import type { KafkaPort } from '../kafka-port';
import type { AdminPort } from './admin-port';

/**
 * Runs `use` with a connected admin client, disconnected afterwards whatever happens. A failing
 * disconnect does not hide the result (or the error) of `use`.
 */
export async function withAdmin<T>(kafka: KafkaPort, use: (admin: AdminPort) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await use(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
