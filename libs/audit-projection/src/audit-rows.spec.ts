import { loadCatalog } from '@eventline/contracts';
import { decodedEvent, type DecodedEvent } from '@eventline/consumer-runtime';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLogRow, domainEventRow } from './audit-rows';
import { Pseudonyms } from './pii/pseudonyms';

const catalog = loadCatalog();
const keyFile = join(mkdtempSync(join(tmpdir(), 'pseudonym-key-')), 'key');
writeFileSync(keyFile, 'ab'.repeat(32));
const pseudonyms = Pseudonyms.fromFile(keyFile);

function decoded(eventType: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}): DecodedEvent {
  return decodedEvent({
    eventType,
    eventId: '4a0f5c1e-7f37-4a43-9f0e-2f0d9f1c1a11',
    tenantId: 'tenant-a',
    schemaId: 1,
    envelope: {
      event_id: '4a0f5c1e-7f37-4a43-9f0e-2f0d9f1c1a11',
      event_type: eventType,
      occurred_at: Date.parse('2026-11-25T10:00:00Z'),
      tenant_id: 'tenant-a',
      actor: { id: 'user-1', type: 'user' },
      entity_type: 'message',
      entity_id: 'm-1',
      source: 'chat-service',
      schema_version: '1',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model: null,
      payload,
      ...extra,
    },
    message: { topic: 't', partition: 2, offset: '41', key: 'tenant-a', value: null, headers: {}, timestamp: 0 },
  });
}

describe('audit rows', () => {
  it('keeps the whole envelope in domain_events, with its Kafka coordinates', () => {
    const row = domainEventRow(decoded('dm.message.created', { body: 'hi' }));
    expect(row).toMatchObject({ event_type: 'dm.message.created', tenant_id: 'tenant-a', actor_id: 'user-1', payload: '{"body":"hi"}', kafka_partition: 2, kafka_offset: '41' });
    expect(row.occurred_at.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('keeps the sealed personal data beside the payload, and null when there is none', () => {
    const sealed = [{ subject_ref: 'r1', generation: 1, fields: ['body'], sealed: 'c2VhbGVk' }];
    expect(domainEventRow(decoded('dm.message.created', { body: '' }, { pii_sealed: sealed })).pii_sealed).toBe(JSON.stringify(sealed));
    expect(domainEventRow(decoded('dm.message.created', { body: 'hi' })).pii_sealed).toBeNull();
  });

  it('leaves PII out of audit_logs.metadata', () => {
    const payload = { message_id: 'm-1', thread_id: 'th-1', sender_id: 'user-1', recipient_ids: ['user-2'], body: 'my phone is 555-0100', sent_at: 1 };
    const row = auditLogRow(decoded('dm.message.created', payload), catalog, pseudonyms);
    const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
    expect(metadata).not.toHaveProperty('body');
    expect(metadata).toMatchObject({ message_id: 'm-1', thread_id: 'th-1' });
    expect(row).toMatchObject({ action: 'dm.message.created', actor_id: 'user-1', entity_id: 'm-1', model_name: null, input_tokens: 0 });
  });

  it("puts a pseudonym where entity_id or actor_id holds personal data: a PII field's value or an e-mail address", () => {
    const unsubscribed = decoded(
      'EMAIL_UNSUBSCRIBED',
      { recipientEmail: 'ann@example.com', unsubscribedAt: 1, source: 'preference_center', messageId: null },
      { entity_id: 'ann@example.com', actor: { id: 'bob@example.org', type: 'contact' } },
    );
    const row = auditLogRow(unsubscribed, catalog, pseudonyms);
    expect(row.entity_id).toMatch(/^pii:[0-9a-f]{32}$/);
    expect(row.actor_id).toMatch(/^pii:[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toMatch(/ann@example\.com|bob@example\.org/);
    // Stable per key, so one person's rows still join; another key, another pseudonym; no key, redacted.
    expect(auditLogRow(unsubscribed, catalog, pseudonyms).entity_id).toBe(row.entity_id);
    const otherFile = join(mkdtempSync(join(tmpdir(), 'pseudonym-key-')), 'key');
    writeFileSync(otherFile, 'cd'.repeat(32));
    expect(auditLogRow(unsubscribed, catalog, Pseudonyms.fromFile(otherFile)).entity_id).not.toBe(row.entity_id);
    expect(auditLogRow(unsubscribed, catalog, Pseudonyms.fromFile(undefined))).toMatchObject({ entity_id: 'pii:redacted', actor_id: 'pii:redacted' });
  });

  it('refuses a pseudonym key shorter than 32 bytes or unreadable, naming the file', () => {
    const short = join(mkdtempSync(join(tmpdir(), 'pseudonym-key-')), 'short');
    writeFileSync(short, 'abcd');
    expect(() => Pseudonyms.fromFile(short)).toThrow(`EVENTLINE_PSEUDONYM_KEY_FILE ${short} holds 2 bytes; a pseudonym key needs at least 32`);
    expect(() => Pseudonyms.fromFile(`${short}.missing`)).toThrow(`EVENTLINE_PSEUDONYM_KEY_FILE ${short}.missing cannot be read: ENOENT`);
  });

  it('fills the AI columns from the payload or the envelope model', () => {
    const usage = { chat_id: 'c', message_id: 'm', assist_mode: 'draft', model_name: 'gpt-4', model_version: '0613', input_tokens: 120, output_tokens: 45, latency_ms: 900, status: 'success' };
    expect(auditLogRow(decoded('chat_message_sent', usage), catalog, pseudonyms)).toMatchObject({
      assist_mode: 'draft',
      model_name: 'gpt-4',
      model_version: '0613',
      input_tokens: 120,
      output_tokens: 45,
    });
    const generated = decoded('POST_GENERATED', { template_id: 't', generation_model: 'gpt-4o', prompt_tokens: 300 }, { model: { name: 'ignored', version: 'v2' } });
    expect(auditLogRow(generated, catalog, pseudonyms)).toMatchObject({ model_name: 'gpt-4o', model_version: 'v2', input_tokens: 300, output_tokens: 0 });
  });
});
