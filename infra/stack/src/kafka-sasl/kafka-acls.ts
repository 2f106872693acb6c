import { AclOperations, AclPermissionTypes, Admin, ResourcePatternTypes, ResourceTypes, type Acl } from '@platformatic/kafka';
import type { AppAccess } from './app-access';

type Operation = keyof typeof AclOperations;

const allow = (user: string, resourceType: number, resourceName: string, operation: Operation): Acl => ({
  resourceType: resourceType as Acl['resourceType'],
  resourceName,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: `User:${user}`,
  host: '*',
  operation: AclOperations[operation],
  permissionType: AclPermissionTypes.ALLOW,
});

/** The ACLs that give one app exactly its AppAccess: literal names only, so no prefix lets it reach a neighbour's topic. */
export function appAcls(access: AppAccess): Acl[] {
  const { user } = access;
  return [
    ...access.reads.map((topic) => allow(user, ResourceTypes.TOPIC, topic, 'READ')),
    ...access.writes.map((topic) => allow(user, ResourceTypes.TOPIC, topic, 'WRITE')),
    // Producers and the runtime's admin look their topics up (metadata, partition counts, offsets).
    ...access.writes.map((topic) => allow(user, ResourceTypes.TOPIC, topic, 'DESCRIBE')),
    ...access.creates.map((topic) => allow(user, ResourceTypes.TOPIC, topic, 'CREATE')),
    ...(access.group ? [allow(user, ResourceTypes.GROUP, access.group, 'READ')] : []),
  ];
}

/** Creates every app's ACLs through the PLAINTEXT listener; Kafka keeps an existing ACL as it is, so repeating is harmless. */
export async function createAppAcls(brokers: string[], apps: AppAccess[]): Promise<number> {
  const creations = apps.flatMap(appAcls);
  const admin = new Admin({ clientId: 'eventline-stack-acls', bootstrapBrokers: brokers, retries: 3 });
  try {
    await admin.createAcls({ creations });
  } finally {
    await admin.close();
  }
  return creations.length;
}
