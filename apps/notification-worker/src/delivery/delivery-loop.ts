import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Pool, PoolClient } from 'pg';
import { PG_POOL } from '@eventline/nest-platform';
import { OutboxWriter } from '@eventline/outbox';
import { withTransaction } from '@eventline/persistence';
import { Publisher, type UntypedEventInput } from '@eventline/publisher';
import { DeliveryError } from './delivery-error';
import { backoffMs, deliverySettings, hangAfterSendIfAsked } from './delivery-settings';
import { EmailChannel } from './email-channel';
import { failedEvent, sentEvents } from './notification-events';
import type { PendingNotification, SendResult } from './pending-notification';
import { forgetSend, markUncertain, recordSending, recordSent, SendRecordError, sendRecordsOf, type SendRecord } from './send-records';
import { WebhookChannel } from './webhook-channel';

/**
 * Sends committed 'pending' rows. Each round claims due rows with FOR UPDATE SKIP LOCKED, sends
 * them, and in the same transaction sets their status and writes the NOTIFICATION_* events to the
 * outbox (outbox-relay publishes them). A row leaves 'pending' only in that commit, so a sent row
 * is never picked again. An email also has a send record committed around the SMTP transaction
 * (send-records.ts), so a crash between send and commit never mails twice: the next round finishes
 * a 'sent' one without sending and marks an interrupted one 'uncertain' for an operator. Webhooks
 * may be resent after such a crash; they carry an Idempotency-Key for that.
 */
@Injectable()
export class DeliveryLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly settings = deliverySettings();
  private readonly outbox: OutboxWriter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(Publisher) publisher: Publisher,
    @Inject(EmailChannel) private readonly email: EmailChannel,
    @Inject(WebhookChannel) private readonly webhook: WebhookChannel,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {
    this.outbox = new OutboxWriter(publisher);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .then((claimed) => this.schedule(claimed === this.settings.batchSize ? 0 : this.settings.pollMs))
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'delivery round failed; retrying');
          this.schedule(this.settings.pollMs * 4);
        });
    }, delayMs);
  }

  /** One claim-send-record transaction; returns how many rows it claimed. */
  round(): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<PendingNotification>(
        `SELECT id, tenant_id, event_id, event_type, recipient_id, channel, address, template_id, entity_type, entity_id, subject, body, attempts
           FROM notifications WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.settings.batchSize],
      );
      const records = await sendRecordsOf(
        client,
        rows.filter((row) => row.channel === 'email').map((row) => row.id),
      );
      const events = (await Promise.all(rows.map((row) => this.deliver(client, row, records.get(row.id))))).flat();
      await this.outbox.append(client, events);
      return rows.length;
    });
  }

  private async deliver(client: PoolClient, row: PendingNotification, record: SendRecord | undefined): Promise<UntypedEventInput[]> {
    if (record?.state === 'sending') {
      await markUncertain(client, row.id);
      this.logger.warn({ notificationId: row.id, tenantId: row.tenant_id }, 'an earlier process died while sending this email; marked uncertain, not resent (eventline notifications uncertain)');
      return [];
    }
    const attempts = row.attempts + 1;
    try {
      // 'sent': the server accepted it before a crash lost the row's commit (or an operator said so).
      const result: SendResult = record?.state === 'sent' ? { status: 'sent', providerMessageId: record.providerMessageId } : await this.send(row);
      await client.query('UPDATE notifications SET status = $2, attempts = $3, sent_at = now(), last_error = NULL WHERE id = $1', [row.id, result.status, attempts]);
      return sentEvents(row, result, Date.now());
    } catch (error) {
      if (error instanceof SendRecordError) throw error;
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String((error as Error)?.message ?? error), true);
      if (failure.retryable && attempts < this.settings.maxAttempts) {
        const delay = backoffMs(attempts, this.settings.retryBaseMs);
        await client.query(`UPDATE notifications SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1`, [
          row.id,
          attempts,
          failure.message,
          delay,
        ]);
        this.logger.warn({ notificationId: row.id, channel: row.channel, attempts, retryInMs: delay, error: failure.message }, 'delivery failed; will retry');
        return [];
      }
      await client.query(`UPDATE notifications SET status = 'failed', attempts = $2, last_error = $3 WHERE id = $1`, [row.id, attempts, failure.message]);
      this.logger.warn({ notificationId: row.id, channel: row.channel, attempts, error: failure.message }, 'delivery failed for good');
      return [failedEvent(row, failure, Date.now())];
    }
  }

  private send(row: PendingNotification): Promise<SendResult> {
    switch (row.channel) {
      // The row is the in-app notification: committing it delivered it.
      case 'in_app':
        return Promise.resolve({ status: 'delivered', providerMessageId: null });
      case 'email':
        return this.sendEmail(row);
      case 'webhook':
        return this.webhook.send(row);
    }
  }

  /** The record is committed before and after the SMTP transaction; see send-records.ts. */
  private async sendEmail(row: PendingNotification): Promise<SendResult> {
    await recordSending(this.pool, row.id);
    let result: SendResult;
    try {
      result = await this.email.send(row);
    } catch (error) {
      await forgetSend(this.pool, row.id);
      throw error;
    }
    await hangAfterSendIfAsked();
    await recordSent(this.pool, row.id, result.providerMessageId);
    return result;
  }
}
