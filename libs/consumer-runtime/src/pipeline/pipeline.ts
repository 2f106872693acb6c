import { compose, type BatchContext, type Middleware } from '../context';

/**
 * Middleware in the order they run, built Watermill-style: `pipeline().use(a).use(b).handle(router)`.
 * Each `use` grows the context's type by what the stage adds, and a stage that needs something an
 * earlier one adds (stored offsets need the transaction's `tx`) does not compile before it.
 */
export class Pipeline<C extends BatchContext> {
  private constructor(private readonly stages: ReadonlyArray<Middleware<never, object>>) {}

  static start(): Pipeline<BatchContext> {
    return new Pipeline([]);
  }

  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  use<Added extends object = {}>(stage: Middleware<C, Added>): Pipeline<C & Added> {
    return new Pipeline<C & Added>([...this.stages, stage as Middleware<never, object>]);
  }

  /** Several stages that add nothing to the context (dedup, tracing, opening PII, …). */
  useAll(stages: ReadonlyArray<Middleware<C>>): Pipeline<C> {
    return stages.reduce<Pipeline<C>>((built, stage) => built.use(stage), this);
  }

  /** The runnable chain, ending in the terminal stage (the router's dispatch). */
  handle(terminal: (context: C) => Promise<void>): (context: BatchContext) => Promise<void> {
    const stages = [...this.stages, (context: C) => terminal(context)] as Array<Middleware<BatchContext, object>>;
    return compose(stages);
  }
}

export const pipeline = (): Pipeline<BatchContext> => Pipeline.start();
