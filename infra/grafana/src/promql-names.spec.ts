import { groupingLabels, metricNames } from './promql-names';

describe('PromQL names', () => {
  it('finds the metrics of an expression, not its functions, labels, ranges or keywords', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (group, le) (rate(eventline_batch_duration_seconds_bucket{group="$group", a=~"x\\\\.y"}[$__rate_interval])))')).toEqual([
      'eventline_batch_duration_seconds_bucket',
    ]);
    expect(metricNames('count((a_seconds > 30) and on (group, topic) (b_lag > 0)) or vector(0)')).toEqual(['a_seconds', 'b_lag']);
    expect(metricNames('topk(10, sum by (event_type) (increase(c_total[$__range])))')).toEqual(['c_total']);
  });

  it('finds the labels an expression groups and matches by', () => {
    expect(groupingLabels('sum by (group, le) (x) and on (group, topic) y')).toEqual(['group', 'le', 'topic']);
  });
});
