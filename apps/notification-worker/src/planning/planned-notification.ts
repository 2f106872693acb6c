import type { Channel } from '../rules';

/** A notifications row before insert: status is 'pending', or 'suppressed' for a suppressed address. */
export interface PlannedNotification {
  tenantId: string;
  eventId: string;
  eventType: string;
  recipientId: string;
  channel: Channel;
  address: string | null;
  templateId: string;
  entityType: string | null;
  entityId: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'suppressed';
  /** Whose sealed personal data the event carried: `eventline erase` redacts the row by these. */
  subjectRefs: string[];
}
