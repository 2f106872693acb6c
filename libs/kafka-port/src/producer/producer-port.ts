import type { OutgoingMessage, RecordMetadata } from '../types';

export interface ProducerOptions {
  /** Idempotent producer with acks=all. On unless a caller has a reason to trade safety away. */
  idempotent?: boolean;
  /**
   * How a failed send is retried before it fails. Without it an idempotent producer retries for
   * ever, so a send to a broker that is gone never returns; a caller with a time budget bounds it.
   */
  retry?: { retries: number; initialRetryTimeMs?: number; maxRetryTimeMs?: number };
}

export interface ProducerPort {
  connect(): Promise<void>;
  /** Flushes what is queued, then closes. */
  disconnect(): Promise<void>;
  send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]>;
}
