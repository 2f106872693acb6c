/** One figure of the report: the median of its samples and their spread. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function figure(samples: number[]): Figure {
  if (samples.length === 0) throw new Error('a figure needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples };
}

/** The q-quantile (0..1) of values by nearest rank; NaN for none. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Eventline over baseline, per run pair, so the ratio's spread is that of the pairs. */
export function ratioFigure(eventline: number[], baseline: number[]): Figure {
  return figure(eventline.map((value, i) => value / baseline[Math.min(i, baseline.length - 1)]));
}
