import type { GroupDescription } from '@eventline/kafka-port';
import { CliError } from '../errors';

/**
 * Members would overwrite the reset with their next commit (or, for a projector, its next batch),
 * so a group in use is refused, dry runs too, as kafka-consumer-groups does.
 */
export function refuseActiveMembers(group: string, description: GroupDescription): void {
  const { members } = description;
  if (members.length === 0) return;
  const named = members.map((m) => `${m.clientId}@${m.host} (${m.memberId})`).join(', ');
  throw new CliError(`group ${group} has ${members.length} active member(s): ${named}; stop them first`);
}

/** A misspelt group name must not look like a group with nothing to reset. */
export function refuseUnknownGroup(group: string, description: GroupDescription, storedRows: number): void {
  if (description.state !== 'Dead' || storedRows > 0) return;
  throw new CliError(`consumer group ${group} does not exist: Kafka knows no such group and PostgreSQL holds no stored offsets for it`);
}
