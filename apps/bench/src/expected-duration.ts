import type { BenchOptions, Phase } from './options';

/**
 * A rough forecast, printed at the start so a reader knows what to expect: rates seen on a
 * loaded two-core machine (ev/s) plus fixed costs (JVM and group start, app start). Not a measurement.
 */
const ASSUMED = { sdk: 12_000, java: 50_000, nestEmit: 6_000, consume: 30_000, javaConsume: 150_000, projection: 6_000, copy: 20_000, nestInsert: 600, gateway: 1_500 };

export function expectedSeconds(o: BenchOptions, adapters: number): Record<Phase, number> {
  const r = o.runs;
  return {
    P1: r * (o.p1Events / ASSUMED.java + 3 + adapters * (o.p1Events / ASSUMED.sdk)),
    P2: r * (o.p2Events / ASSUMED.nestEmit + o.p2Events / ASSUMED.sdk + 2),
    P2b: o.p3Events / ASSUMED.sdk + r * (o.p3Events / ASSUMED.javaConsume + 6 + adapters * (o.p3Events / ASSUMED.consume + 4)),
    P3: r * (adapters * (o.p3Events / ASSUMED.projection + 4) + (o.p3Events / ASSUMED.copy) * 2),
    P4: (2 * o.p4Events) / ASSUMED.sdk + r * (o.p4Events / ASSUMED.nestInsert + o.p4Events / ASSUMED.projection + 10),
    P5: o.p5Seconds + 35,
    P6: o.p6Events / ASSUMED.sdk + o.p6Events / ASSUMED.projection + 5,
    P10: 20 + 2 + r * 2 * (o.p10Seconds + 1),
  };
}
