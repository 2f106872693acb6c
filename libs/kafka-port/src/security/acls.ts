import { AclOperations, AclPermissionTypes, Admin, ResourcePatternTypes, ResourceTypes, type Acl } from '@platformatic/kafka';

/** One ALLOW rule on one literal name: what the stack grants an app's user (deny is Kafka's default with an authorizer). */
export interface AclGrant {
  user: string;
  resource: 'topic' | 'group';
  name: string;
  operation: 'READ' | 'WRITE' | 'DESCRIBE' | 'CREATE';
}

const RESOURCES = { topic: ResourceTypes.TOPIC, group: ResourceTypes.GROUP } as const;

const toAcl = (grant: AclGrant): Acl => ({
  resourceType: RESOURCES[grant.resource],
  resourceName: grant.name,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal: `User:${grant.user}`,
  host: '*',
  operation: AclOperations[grant.operation],
  permissionType: AclPermissionTypes.ALLOW,
});

/**
 * Creates the grants as ACLs (CreateAcls) through `brokers`, which must let this client do so (the
 * stack's PLAINTEXT listener, whose principal is a super user). Kafka keeps an existing ACL as it
 * is, so repeating is harmless. kafkajs' admin has no CreateAcls, so this uses @platformatic/kafka.
 */
export async function createAcls(brokers: string[], grants: AclGrant[]): Promise<void> {
  const admin = new Admin({ clientId: 'eventline-acls', bootstrapBrokers: brokers, retries: 3 });
  try {
    await admin.createAcls({ creations: grants.map(toAcl) });
  } finally {
    await admin.close();
  }
}
