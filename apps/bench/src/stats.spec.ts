import { figure, quantile, ratioFigure } from './stats';

describe('bench statistics', () => {
  it('takes the median and the spread of the samples', () => {
    expect(figure([3, 1, 2])).toMatchObject({ median: 2, min: 1, max: 3 });
    expect(figure([4, 1, 2, 3]).median).toBe(2.5);
  });

  it('quantiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
  });

  it('pairs the runs of a ratio', () => {
    expect(ratioFigure([10, 20, 30], [10, 10, 10])).toMatchObject({ median: 2, min: 1, max: 3 });
  });
});
