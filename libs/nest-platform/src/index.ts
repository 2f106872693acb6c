import 'reflect-metadata';

export { PlatformModule } from './platform.module';
export type { PlatformOptions } from './platform.module';
export { CATALOG, KAFKA, PG_POOL, STACK_ENDPOINTS, PLATFORM_OPTIONS } from './tokens';
