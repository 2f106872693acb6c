import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StartupState } from './startup-state';

export const LIVENESS_PATH = '/health/live';
const READINESS_PATHS = new Set(['/health', '/health/ready']);

/**
 * Express middleware placed before Nest's routes, which exist only once the app is initialised:
 * until the app is ready it answers liveness itself (the process is up), readiness with 503
 * naming what the app waits for, and any other request with 503. Then it steps aside.
 */
export function startupGate(state: StartupState) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (state.phase === 'ready') return next();
    const path = (request.url ?? '/').split('?')[0].replace(/\/$/, '') || '/';
    if (path === LIVENESS_PATH) return json(response, 200, { status: 'live', node: process.version });
    const body = { status: state.phase, ...(state.waiting ? { waitingFor: state.waiting.dependency, error: state.waiting.error, since: state.waiting.since } : {}), node: process.version };
    json(response, 503, READINESS_PATHS.has(path) ? body : { ...body, message: 'the app is not ready; see /health/ready' });
  };
}

function json(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
