import type { ClientBase } from 'pg';

/** What the batch needs to know about its recipients, read with one query per table. */
export interface Directory {
  contact(tenantId: string, recipientId: string): { email: string | null; webhookUrl: string | null } | undefined;
  channelDisabled(tenantId: string, recipientId: string, channel: string): boolean;
  suppressed(tenantId: string, address: string): boolean;
}

const key = (...parts: string[]) => JSON.stringify(parts);

export async function loadDirectory(tx: ClientBase, people: Array<{ tenantId: string; recipientId: string }>, emails: Array<{ tenantId: string; address: string }>): Promise<Directory> {
  const tenants = people.map((p) => p.tenantId);
  const ids = people.map((p) => p.recipientId);
  const contacts = await tx.query<{ tenant_id: string; recipient_id: string; email: string | null; webhook_url: string | null }>(
    `SELECT r.tenant_id, r.recipient_id, r.email, r.webhook_url FROM notification_recipients r
       JOIN unnest($1::text[], $2::text[]) AS p(tenant_id, recipient_id) USING (tenant_id, recipient_id)`,
    [tenants, ids],
  );
  const prefs = await tx.query<{ tenant_id: string; recipient_id: string; channel: string }>(
    `SELECT n.tenant_id, n.recipient_id, n.channel FROM notification_preferences n
       JOIN unnest($1::text[], $2::text[]) AS p(tenant_id, recipient_id) USING (tenant_id, recipient_id)
      WHERE NOT n.enabled`,
    [tenants, ids],
  );
  const contactMap = new Map(contacts.rows.map((r) => [key(r.tenant_id, r.recipient_id), { email: r.email, webhookUrl: r.webhook_url }]));
  const disabled = new Set(prefs.rows.map((r) => key(r.tenant_id, r.recipient_id, r.channel)));

  // Addresses come from the directory as well as from payloads, so suppressions are read last.
  const addresses = [...emails, ...contacts.rows.filter((r) => r.email).map((r) => ({ tenantId: r.tenant_id, address: r.email! }))];
  const suppressions = await tx.query<{ tenant_id: string; address: string }>(
    `SELECT s.tenant_id, s.address FROM notification_suppressions s
       JOIN unnest($1::text[], $2::text[]) AS a(tenant_id, address) USING (tenant_id, address)`,
    [addresses.map((a) => a.tenantId), addresses.map((a) => a.address.toLowerCase())],
  );
  const suppressed = new Set(suppressions.rows.map((r) => key(r.tenant_id, r.address)));

  return {
    contact: (tenantId, recipientId) => contactMap.get(key(tenantId, recipientId)),
    channelDisabled: (tenantId, recipientId, channel) => disabled.has(key(tenantId, recipientId, channel)),
    suppressed: (tenantId, address) => suppressed.has(key(tenantId, address.toLowerCase())),
  };
}
