import type { AclGrant } from '@eventline/kafka-port';
import type { AppAccess } from './app-access';

/** The grants that give one app exactly its AppAccess: literal names only, so no prefix reaches a neighbour's topic. */
export function appGrants(access: AppAccess): AclGrant[] {
  const { user } = access;
  const topic = (name: string, operation: AclGrant['operation']): AclGrant => ({ user, resource: 'topic', name, operation });
  return [
    ...access.reads.map((name) => topic(name, 'READ')),
    ...access.writes.map((name) => topic(name, 'WRITE')),
    // Producers and the runtime's admin look their topics up (metadata, partition counts, offsets).
    ...access.writes.map((name) => topic(name, 'DESCRIBE')),
    ...access.creates.map((name) => topic(name, 'CREATE')),
    ...(access.group ? [{ user, resource: 'group' as const, name: access.group, operation: 'READ' as const }] : []),
  ];
}
