import { parseTokenKpiQuery } from './kpi-query';

describe('parseTokenKpiQuery', () => {
  it('defaults to grouping by model with an open range', () => {
    expect(parseTokenKpiQuery({ tenant: 't-1' })).toEqual({ tenant: 't-1', by: 'model', from: undefined, to: undefined });
    expect(parseTokenKpiQuery({ tenant: 't-1', by: 'day', from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ by: 'day', from: '2026-11-01', to: '2026-11-30' });
  });

  it('refuses a missing tenant, an unknown dimension and impossible days', () => {
    expect(() => parseTokenKpiQuery({})).toThrow('tenant is required');
    expect(() => parseTokenKpiQuery({ tenant: 't', by: 'model_name; DROP TABLE x' })).toThrow('by must be one of model, day, user');
    expect(() => parseTokenKpiQuery({ tenant: 't', from: '2026-02-30' })).toThrow('from must be a day');
    expect(() => parseTokenKpiQuery({ tenant: 't', to: '11/25/2026' })).toThrow('to must be a day');
  });
});
