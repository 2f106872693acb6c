import { hostname } from 'node:os';
import type { ClientBase, Pool } from 'pg';

/**
 * The idempotency record of one email: 'sending' is committed before the SMTP transaction starts,
 * 'sent' right after the server accepted the message. 'uncertain' is a send interrupted in between
 * (the server may or may not have the message); 'resend' is an operator's decision to send it again.
 */
export type SendState = 'sending' | 'sent' | 'uncertain' | 'resend';

export interface SendRecord {
  state: SendState;
  providerMessageId: string | null;
}

/**
 * Writing a send record failed (the database, not the mail server). It must not count as a
 * delivery failure: the round rolls back, attempts stay as they were, and a record left at
 * 'sending' makes the email uncertain rather than resent or reported failed.
 */
export class SendRecordError extends Error {
  override readonly name = 'SendRecordError';
}

async function writeRecord(what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new SendRecordError(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** Names this process in the records it writes, for the operator who looks at an uncertain send. */
const WORKER = `${hostname()}:${process.pid}`;

/** Autocommitted on a connection of its own: the record must be durable before the email leaves. */
export async function recordSending(pool: Pool, notificationId: string): Promise<void> {
  await writeRecord('recording the send', () =>
    pool.query(
      `INSERT INTO notification_sends (notification_id, state, worker) VALUES ($1, 'sending', $2)
     ON CONFLICT (notification_id) DO UPDATE SET state = 'sending', worker = $2, provider_message_id = NULL, started_at = now(), updated_at = now()`,
      [notificationId, WORKER],
    ),
  );
}

/** Only a record still 'sending' (this process's): one another worker marked uncertain stays so. */
export async function recordSent(pool: Pool, notificationId: string, providerMessageId: string | null): Promise<void> {
  await writeRecord('recording the email as sent', () =>
    pool.query(`UPDATE notification_sends SET state = 'sent', provider_message_id = $2, updated_at = now() WHERE notification_id = $1 AND state = 'sending'`, [notificationId, providerMessageId]),
  );
}

/** The server refused the message: nothing was sent, so a retry starts from no record. */
export async function forgetSend(pool: Pool, notificationId: string): Promise<void> {
  await writeRecord('forgetting a refused send', () => pool.query('DELETE FROM notification_sends WHERE notification_id = $1', [notificationId]));
}

export async function sendRecordsOf(client: ClientBase, notificationIds: string[]): Promise<Map<string, SendRecord>> {
  if (notificationIds.length === 0) return new Map();
  const { rows } = await client.query<{ notification_id: string; state: SendState; provider_message_id: string | null }>(
    'SELECT notification_id, state, provider_message_id FROM notification_sends WHERE notification_id = ANY($1::uuid[])',
    [notificationIds],
  );
  return new Map(rows.map((row) => [row.notification_id, { state: row.state, providerMessageId: row.provider_message_id }]));
}

/**
 * A 'sending' record on a row this worker could claim belongs to a process that died mid-send: a
 * live sender holds the row's lock until its record says 'sent' or is gone. Such an email is never
 * sent again blindly; it waits for `eventline notifications resolve`.
 */
export async function markUncertain(client: ClientBase, notificationId: string): Promise<void> {
  await client.query(`UPDATE notification_sends SET state = 'uncertain', updated_at = now() WHERE notification_id = $1 AND state = 'sending'`, [notificationId]);
  await client.query(`UPDATE notifications SET status = 'uncertain', last_error = 'interrupted between the SMTP send and its record' WHERE id = $1`, [notificationId]);
}

export async function countUncertain(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM notification_sends WHERE state = 'uncertain'`);
  return Number(rows[0].count);
}
