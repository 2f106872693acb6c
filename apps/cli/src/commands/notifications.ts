import type { Command } from 'commander';
import type { Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { maskAddress } from '../notifications/mask-address';
import { formatTable } from '../output/table';

export function notificationCommands(program: Command, context: CliContext): void {
  const notifications = program.command('notifications').description("the notification worker's emails whose sending was interrupted: list and resolve them");

  notifications
    .command('uncertain')
    .description('emails a worker died sending: the SMTP server may or may not have them; oldest first')
    .action(async () => {
      const { rows } = await withDatabase(context, (pool) =>
        pool.query(
          `SELECT n.id, n.tenant_id, n.channel, n.address, n.event_id, s.started_at, s.worker
             FROM notification_sends s JOIN notifications n ON n.id = s.notification_id
            WHERE s.state = 'uncertain' ORDER BY s.started_at`,
        ),
      );
      if (rows.length === 0) return void console.log('No uncertain notifications: every interrupted send has been resolved.');
      console.log(
        formatTable(
          ['ID', 'TENANT', 'CHANNEL', 'RECIPIENT', 'EVENT', 'SINCE', 'WORKER'],
          rows.map((r) => [r.id, r.tenant_id, r.channel, maskAddress(r.address ?? ''), r.event_id, second(r.started_at), r.worker]),
        ),
      );
      console.log(`\n${rows.length} uncertain. Check the mail server's log, then \`eventline notifications resolve <id> --sent\` (it arrived) or \`--resend\`.`);
    });

  notifications
    .command('resolve <id>')
    .description('decide an uncertain email: --sent records it as sent (NOTIFICATION_SENT is published), --resend sends it again')
    .option('--sent', 'the email did arrive: record it, do not send it')
    .option('--resend', 'the email did not arrive: send it again')
    .action(async (id: string, options: { sent?: boolean; resend?: boolean }) => {
      if (Boolean(options.sent) === Boolean(options.resend)) throw new CliError('notifications resolve needs exactly one of --sent or --resend');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new CliError(`"${id}" is not a notification id; \`eventline notifications uncertain\` lists them.`);
      const decision = options.sent ? 'sent' : 'resend';
      const resolved = await withDatabase(context, (pool) => resolve(pool, id, decision));
      if (!resolved) throw new CliError(`No uncertain notification has id "${id}"; \`eventline notifications uncertain\` lists them.`);
      console.log(decision === 'sent' ? `Notification ${id} recorded as sent; the worker publishes its NOTIFICATION_SENT.` : `Notification ${id} will be sent again by the worker.`);
    });
}

/** Hands the row back to the worker: its send record now says what to do ('sent': finish without sending). */
function resolve(pool: Pool, id: string, decision: 'sent' | 'resend'): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const { rowCount } = await client.query(`UPDATE notification_sends SET state = $2, updated_at = now() WHERE notification_id = $1 AND state = 'uncertain'`, [id, decision]);
    if (rowCount === 1) await client.query(`UPDATE notifications SET status = 'pending', next_attempt_at = now(), last_error = NULL WHERE id = $1`, [id]);
    return rowCount === 1;
  });
}

const second = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
