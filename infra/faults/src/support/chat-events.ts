import { randomUUID } from 'node:crypto';
import type { UntypedEventInput } from '@eventline/publisher';

/** A chat message that reports model usage: the audit and the usage projector both take it. */
export function chatMessage(tenant: string, inputTokens: number, outputTokens: number): UntypedEventInput {
  const id = randomUUID();
  return {
    event_type: 'chat_message_sent',
    tenant_id: tenant,
    entity_id: id,
    actor: { id: 'u-1', type: 'user' },
    payload: {
      chat_id: 'c-1',
      message_id: id,
      assist_mode: 'draft',
      model_name: 'gpt-4o',
      model_version: '0613',
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      latency_ms: 100,
      status: 'success',
    },
  };
}
