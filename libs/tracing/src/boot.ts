import { startTracing } from './start-tracing';
import { serviceOfEntry } from './service-name';

/**
 * Imported by every app's main.ts right after the Node.js check, before anything loads `pg`, so
 * the pg instrumentation can patch it. The service is the app's folder (apps/<name>/…) unless
 * OTEL_SERVICE_NAME says otherwise.
 */
startTracing({ service: serviceOfEntry(process.argv[1] ?? '') });
