import type { OutgoingMessage, RecordMetadata } from '../types';

export interface ProducerOptions {
  /** Idempotent producer with acks=all. On unless a caller has a reason to trade safety away. */
  idempotent?: boolean;
}

export interface ProducerPort {
  connect(): Promise<void>;
  /** Flushes what is queued, then closes. */
  disconnect(): Promise<void>;
  send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]>;
}
