import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError } from './delivery-error';
import type { PendingNotification, SendResult } from './pending-notification';

/** SMTP reply codes 5xx are permanent (no such mailbox, rejected); 4xx and connection errors are worth retrying. */
const isPermanent = (error: { responseCode?: number }) => typeof error.responseCode === 'number' && error.responseCode >= 500;

/** Email through SMTP_URL (e.g. smtp://127.0.0.1:2525) with nodemailer. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter = nodemailer.createTransport(process.env.SMTP_URL ?? 'smtp://127.0.0.1:2525', {
    from: process.env.NOTIFICATION_EMAIL_FROM ?? 'Eventline <notifications@eventline.local>',
  });

  async send(notification: PendingNotification): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        to: notification.address!,
        subject: notification.subject,
        text: notification.body,
        headers: { 'X-Eventline-Notification-Id': notification.id },
      });
      return { status: 'sent', providerMessageId: info.messageId ?? null };
    } catch (error) {
      const smtp = error as { message?: string; responseCode?: number; code?: string };
      throw new DeliveryError(smtp.message ?? String(error), !isPermanent(smtp), smtp.responseCode ? `smtp_${smtp.responseCode}` : (smtp.code ?? null));
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
