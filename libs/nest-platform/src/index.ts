import 'reflect-metadata';

export { PlatformModule } from './platform.module';
export type { PlatformOptions } from './platform.module';
export { CATALOG, KAFKA, KAFKA_PROBE, METRICS, PG_POOL, STACK_ENDPOINTS, PLATFORM_OPTIONS, SUBJECT_KEYS } from './tokens';
export { startPlatformApp } from './startup/start-platform-app';
export type { PlatformStartOptions } from './startup/start-platform-app';
export { exitWithParent } from './startup/exit-with-parent';
export { readStartupBudgetMs, STARTUP_BUDGET_VARIABLE } from './startup/startup-budget';
export { StartupState } from './startup/startup-state';
export { WorkReadiness } from './work-readiness';
export type { WorkCheck } from './work-readiness';
