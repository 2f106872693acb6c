export { KPI_DIMENSIONS, KpiQueryError, parseTokenKpiQuery } from './kpi-query';
export type { KpiDimension, TokenKpiQuery } from './kpi-query';
export { tokenKpis } from './token-kpis';
export type { TokenKpiRow } from './token-kpis';
export { USAGE_EVENT_TYPES, USAGE_FIELDS, usageContracts, usageEventTypes, usageTopics } from './usage-events';
export type { UsageEventType } from './usage-events';
