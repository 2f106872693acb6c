import type { ClientBase } from 'pg';

/** Who is erased: the tenant, the subject as its contracts name it, and its keyed ref. */
export interface ErasedSubject {
  tenantId: string;
  subjectId: string;
  subjectRef: string;
}

/** What one purge changed, per read model. */
export interface PurgedCopies {
  notificationsRedacted: number;
  directoryEntriesRemoved: number;
  preferencesRemoved: number;
}

export const REDACTED = '[erased]';

/**
 * Destroying a subject's key erases every sealed copy; these are the read models that hold opened
 * ones. A notification is redacted, not deleted, so the inbox and delivery history keep their
 * shape: its text, address and entity go, and an e-mail address used as the recipient id becomes
 * `erased:<row id>`. A notification not yet sent is never sent. The subject's own contact entry
 * and preferences are removed. Suppressions stay: they exist so that an address is not mailed
 * again. Running it again changes nothing more.
 */
export async function purgeSubjectCopies(tx: ClientBase, subject: ErasedSubject): Promise<PurgedCopies> {
  const params = [subject.tenantId, subject.subjectRef, subject.subjectId];
  const notifications = await tx.query(
    `UPDATE notifications
        SET subject = $4, body = $4, address = NULL, entity_id = NULL, last_error = NULL,
            recipient_id = CASE WHEN recipient_id LIKE '%@%' THEN 'erased:' || id ELSE recipient_id END,
            status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END
      WHERE tenant_id = $1 AND (subject_refs @> ARRAY[$2::text] OR recipient_id = $3) AND body <> $4`,
    [...params, REDACTED],
  );
  const directory = await tx.query('DELETE FROM notification_recipients WHERE tenant_id = $1 AND recipient_id = $2', [subject.tenantId, subject.subjectId]);
  const preferences = await tx.query('DELETE FROM notification_preferences WHERE tenant_id = $1 AND recipient_id = $2', [subject.tenantId, subject.subjectId]);
  return {
    notificationsRedacted: notifications.rowCount ?? 0,
    directoryEntriesRemoved: directory.rowCount ?? 0,
    preferencesRemoved: preferences.rowCount ?? 0,
  };
}
