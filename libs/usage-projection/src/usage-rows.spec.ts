import { loadCatalog } from '@eventline/contracts';
import { decodedEvent, type DecodedEvent } from '@eventline/consumer-runtime';
import { usageEventTypes, usageTopics } from '@eventline/usage-kpis';
import { usageRecordRow } from './usage-rows';

function decoded(eventType: string, payload: Record<string, unknown>, model: { name: string; version: string | null } | null = null): DecodedEvent {
  const eventId = '4a0f5c1e-7f37-4a43-9f0e-2f0d9f1c1a11';
  return decodedEvent({
    eventType,
    eventId,
    tenantId: 'tenant-a',
    schemaId: 1,
    envelope: {
      event_id: eventId,
      event_type: eventType,
      occurred_at: Date.parse('2026-11-25T10:00:00Z'),
      tenant_id: 'tenant-a',
      actor: { id: 'user-1', type: 'user' },
      entity_type: 'x',
      entity_id: 'x-1',
      source: 'test',
      schema_version: '1',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model,
      payload,
    },
    message: { topic: 't', partition: 0, offset: '1', key: 'tenant-a', value: null, headers: {}, timestamp: 0 },
  });
}

describe('usage events from the catalog', () => {
  it('finds every contract that names a model or counts tokens, and nothing else', () => {
    const types = usageEventTypes(loadCatalog());
    for (const type of ['chat_message_sent', 'ai_response.created', 'ai_response.regenerated', 'POST_GENERATED', 'TEMPLATE_USED', 'cross_case_summary_generated']) {
      expect(types).toContain(type);
    }
    expect(types).not.toContain('TICKET_ASSIGNED');
    expect(types).not.toContain('folder.created');
    expect(usageTopics(loadCatalog())).toEqual(expect.arrayContaining(['chat.events.v1', 'posts.events.v1']));
  });
});

describe('usageRecordRow', () => {
  it('maps a chat message: the actor is the user, the event time is ts, every seed 004 column', () => {
    const usage = { chat_id: 'c', message_id: 'm', assist_mode: 'draft', model_name: 'gpt-4', model_version: '0613', input_tokens: 120, output_tokens: 45, latency_ms: 900, status: 'success' };
    const row = usageRecordRow(decoded('chat_message_sent', usage));
    expect(row).toMatchObject({
      event_type: 'chat_message_sent',
      tenant_id: 'tenant-a',
      user_id: 'user-1',
      assist_mode: 'draft',
      model_name: 'gpt-4',
      model_version: '0613',
      input_tokens: 120,
      output_tokens: 45,
      latency_ms: 900,
      status: 'success',
    });
    expect(row.ts.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('reads seed 003 names (generation_model, prompt_tokens) and falls back to the envelope model, then unknown', () => {
    const post = usageRecordRow(decoded('POST_GENERATED', { template_id: 't', generation_model: 'gpt-4o', prompt_tokens: 300, status: 'success' }, { name: 'ignored', version: 'v2' }));
    expect(post).toMatchObject({ model_name: 'gpt-4o', model_version: 'v2', input_tokens: 300, output_tokens: 0, assist_mode: null, latency_ms: null });
    expect(usageRecordRow(decoded('X', {}, { name: 'claude', version: null })).model_name).toBe('claude');
    expect(usageRecordRow(decoded('X', {})).model_name).toBe('unknown');
  });
});
