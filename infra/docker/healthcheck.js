// Docker HEALTHCHECK: exit 0 when the app answers /health/live on HEALTH_PORT. Liveness only: a dependency outage
// makes an app not ready, and restarting it would not help.
const port = Number(process.env.HEALTH_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('healthcheck: HEALTH_PORT must name the port the app serves /health/live on');
  process.exit(1);
}
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
