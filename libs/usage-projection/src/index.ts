export { projectUsageEvents } from './project-usage';
export { usageRecordRow } from './usage-rows';
export type { UsageRecordRow } from './usage-rows';
export { recordUsage, USAGE_RECORD_COLUMNS } from './usage-store';
export type { UsageWriteResult } from './usage-store';
