import { randomUUID } from 'node:crypto';
import type { EventInput } from '@eventline/publisher';

/** What the downstream consumer is fed: one response answered, regenerated, acted on and refused once; three ebook downloads. */
export function downstreamEvents(tenant: string) {
  const responseId = randomUUID();
  const at = Date.parse('2026-12-01T10:00:00Z');
  const ai = { tenant_id: tenant, entity_id: responseId, actor: { id: 'gpt-4o', type: 'ai_model' } } as const;
  const usage = { response_id: responseId, chat_id: 'chat-7' };
  const created = (version: number, markdown: string, occurredAt: number): EventInput<'ai_response.created'> => ({
    ...ai,
    event_type: 'ai_response.created',
    event_id: randomUUID(),
    occurred_at: occurredAt,
    payload: { ...usage, raw_markdown: markdown, structured_blocks: JSON.stringify([{ type: 'paragraph', text: markdown }]), model: 'gpt-4o', confidence: 0.5 + version / 10, version },
  });
  const first = created(1, 'First answer', at);
  const regenerated: EventInput<'ai_response.regenerated'> = {
    ...ai,
    event_type: 'ai_response.regenerated',
    event_id: randomUUID(),
    occurred_at: at + 60_000,
    payload: { ...usage, previous_version: 1, new_version: 2 },
  };
  const second = created(2, 'Second answer', at + 61_000);
  const action: EventInput<'ai_response.action_executed'> = {
    tenant_id: tenant,
    entity_id: responseId,
    actor: { id: 'user-1', type: 'user' },
    event_type: 'ai_response.action_executed',
    event_id: randomUUID(),
    occurred_at: at + 120_000,
    payload: { ...usage, command: 'open_ticket', label: 'Open a ticket', confidence: 0.9 },
  };
  const download = (count: number): EventInput<'ebook.watermark_issued'> => ({
    tenant_id: tenant,
    entity_id: 'ebook-42',
    actor: { id: 'user-1', type: 'user' },
    event_type: 'ebook.watermark_issued',
    event_id: randomUUID(),
    occurred_at: at + count,
    payload: {
      watermark_id: `wm-${count}`,
      ebook_id: 'ebook-42',
      user_id: 'user-1',
      format: 'epub',
      device_id: 'device-1',
      ip_address: '192.0.2.7',
      download_count: count,
      download_limit: 3,
      issued_at: at + count,
    },
  });
  const sanitization: EventInput<'ai_response.sanitization_failed'> = {
    ...ai,
    event_type: 'ai_response.sanitization_failed',
    event_id: randomUUID(),
    occurred_at: at + 180_000,
    payload: { ...usage, reason: 'script tag in a link' },
  };
  const downloads = [download(1), download(2), download(3)];
  // The first answer and the first download once more (a re-publication: same event ids), each followed by one more
  // event on its partition: once that one is in, the duplicate has been handled.
  return { responseId, events: [first, regenerated, second, action, first, sanitization, downloads[0], downloads[1], downloads[0], downloads[2]] };
}
