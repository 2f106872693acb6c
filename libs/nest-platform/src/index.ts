import 'reflect-metadata';

export { PlatformModule } from './platform.module';
export type { PlatformOptions } from './platform.module';
export { CATALOG, KAFKA, METRICS, PG_POOL, STACK_ENDPOINTS, PLATFORM_OPTIONS } from './tokens';
