import type { AdminPort } from '@eventline/kafka-port';
import { CliError } from '../errors';
import type { OffsetStorage } from './group-reset';
import type { StoredOffset } from './stored-offsets';

/**
 * The topics to reset: those named, else every topic the group has a position on (its stored
 * rows for a projector, its committed offsets otherwise). Each must exist in the cluster.
 */
export async function resetTopics(admin: AdminPort, group: string, storage: OffsetStorage, stored: StoredOffset[], named?: string[]): Promise<string[]> {
  const topics = named ?? (storage === 'postgresql' ? [...new Set(stored.map((s) => s.topic))] : await admin.groupTopics(group));
  if (topics.length === 0) throw new CliError(`group ${group} has no committed offsets on any topic; name the topics to reset with --topics`);
  const existing = new Set(await admin.listTopics());
  const unknown = topics.filter((topic) => !existing.has(topic));
  if (unknown.length > 0) throw new CliError(`unknown topic(s): ${unknown.join(', ')} (not in the cluster)`);
  return [...topics].sort();
}
