import { lastValueFrom } from 'rxjs';
import { performance } from 'node:perf_hooks';
import { ClientKafka } from '@nestjs/microservices';
import { benchJsonEvent } from '../events';
import { fmtInt, rate, ticker } from '../progress';

/** Emits awaiting their acknowledgement at once: what a busy service has in flight. */
const WINDOW = 1_000;

/**
 * The NestJS way a team publishes without Eventline: the stock Kafka transport's ClientKafka
 * (kafkajs underneath, its defaults), one `emit(topic, { key, value })` per event with a JSON
 * value, awaited as an Observable. Returns ms from the first emit to the last acknowledgement.
 */
export async function nestEmit(brokers: string[], topic: string, tenants: string[], count: number, signal: AbortSignal): Promise<number> {
  const client = new ClientKafka({ client: { clientId: 'eventline-bench-nest', brokers }, producerOnlyMode: true });
  await client.connect();
  let acked = 0;
  let inFlight = 0;
  let slot: (() => void) | undefined;
  let failure: unknown;
  const started = performance.now();
  const progress = ticker(2_000, () => `P2 NestJS emit: ${fmtInt(acked)}/${fmtInt(count)} acknowledged (${fmtInt(rate(acked, performance.now() - started))} ev/s)`);
  try {
    for (let n = 0; n < count; n++) {
      signal.throwIfAborted();
      if (failure) throw failure;
      const event = benchJsonEvent(tenants, n);
      inFlight++;
      lastValueFrom(client.emit(topic, { key: event.tenant_id, value: event }), { defaultValue: undefined }).then(
        () => {
          acked++;
          inFlight--;
          slot?.();
        },
        (error: unknown) => {
          failure ??= error;
          inFlight--;
          slot?.();
        },
      );
      while (inFlight >= WINDOW) await new Promise<void>((resolve) => (slot = resolve));
    }
    while (inFlight > 0) await new Promise<void>((resolve) => (slot = resolve));
    if (failure) throw failure;
    return performance.now() - started;
  } finally {
    progress.stop();
    await client.close();
  }
}
