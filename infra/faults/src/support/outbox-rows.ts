import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { KafkaPort } from '@eventline/kafka-port';
import { OutboxWriter } from '@eventline/outbox';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';
import { eventually, ticketAssigned } from '@eventline/test-harness';

export const TICKETS_TOPIC = 'tickets.events.v1';

/** Commits `count` TICKET_ASSIGNED rows to the outbox, spread over `tenants`, in transactions of 500; returns their event ids. */
export async function commitOutboxRows(pool: Pool, publisher: Publisher, tenants: string[], count: number, from = 0): Promise<string[]> {
  const writer = new OutboxWriter(publisher);
  const ids: string[] = [];
  for (let start = from; start < from + count; start += 500) {
    const inputs = Array.from({ length: Math.min(500, from + count - start) }, (_, k) => ticketAssigned(tenants[(start + k) % tenants.length], start + k) as UntypedEventInput);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      ids.push(...(await writer.append(client, inputs)));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
  return ids;
}

export const publishedCount = async (pool: Pool, tenants: string[]) =>
  Number((await pool.query('SELECT count(*) FROM outbox WHERE tenant_id = ANY($1) AND published_at IS NOT NULL', [tenants])).rows[0].count);

/**
 * Reads the topic from the beginning until every one of `expected` event ids has been seen (or
 * the wait ends), then a second more for copies still behind them; counts what arrived.
 */
export async function receivedEventIds(kafka: KafkaPort, expected: string[], tenants: string[], timeoutMs = 45_000): Promise<{ distinct: number; messages: number; lost: number; duplicated: number }> {
  const wanted = new Set(expected);
  const keys = new Set(tenants);
  const seen = new Set<string>();
  let messages = 0;
  const consumer = kafka.consumer({ groupId: `fault-reader-${randomUUID()}`, fromBeginning: true });
  await consumer.connect();
  try {
    await consumer.subscribe([TICKETS_TOPIC]);
    await consumer.run(async (batch) => {
      for (const m of batch.messages) {
        if (!keys.has(m.key ?? '')) continue;
        messages += 1;
        if (wanted.has(m.headers.event_id)) seen.add(m.headers.event_id);
      }
    });
    await eventually(`all ${expected.length} event ids on ${TICKETS_TOPIC}`, async () => (seen.size === wanted.size ? true : undefined), timeoutMs).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await consumer.disconnect();
  }
  return { distinct: seen.size, messages, lost: wanted.size - seen.size, duplicated: messages - seen.size };
}
