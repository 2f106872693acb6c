import type { BatchContext, Middleware, Transactional, TransactionalContext } from '../context';
import { Pipeline } from './pipeline';

/** Each stage of the runtime, built for one consumer, for apps to compose their own pipeline from. */
export interface PipelineStages {
  /** Batch durations, outcomes and handled events by type; absent without a metrics registry. */
  metrics?: Middleware;
  failurePolicy: Middleware;
  /** Present when the consumer has a database pool. */
  transaction?: Middleware<BatchContext, Transactional>;
  storedOffsets?: Middleware<TransactionalContext>;
  decode: Middleware;
  /** A span per batch and per event, children of the producers' spans (`traceparent` headers). */
  tracing: Middleware;
  deadLetters: Middleware<BatchContext & Partial<Transactional>>;
  /** The app's own stages (opening PII, tracing, dedup, …), run just before the handlers. */
  extra: Middleware[];
}

export type TransactionalStages = PipelineStages & Required<Pick<PipelineStages, 'transaction' | 'storedOffsets'>>;

export const isTransactional = (stages: PipelineStages): stages is TransactionalStages => stages.transaction !== undefined && stages.storedOffsets !== undefined;

/**
 * The preset: metrics → failure policy → transaction → stored offsets → decode → tracing → dead
 * letters → extra → handlers. Metrics and the failure policy sit outside the transaction, so a
 * retry opens a fresh one; decode runs inside it, after stored offsets drop what was already
 * projected; tracing needs the decoded events, and puts the handlers' writes in the batch's span.
 */
export function defaultPipeline(stages: TransactionalStages): Pipeline<TransactionalContext>;
export function defaultPipeline(stages: PipelineStages): Pipeline<BatchContext>;
export function defaultPipeline(stages: PipelineStages): Pipeline<BatchContext> | Pipeline<TransactionalContext> {
  const outer = stages.metrics ? Pipeline.start().use(stages.metrics) : Pipeline.start();
  const guarded = outer.use(stages.failurePolicy);
  if (!isTransactional(stages)) return guarded.use(stages.decode).use(stages.tracing).use(stages.deadLetters).useAll(stages.extra);
  return guarded.use(stages.transaction).use(stages.storedOffsets).use(stages.decode).use(stages.tracing).use(stages.deadLetters).useAll(stages.extra);
}
