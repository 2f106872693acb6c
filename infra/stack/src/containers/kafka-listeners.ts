/**
 * A Kafka client is sent to the address the broker advertises, so the broker must advertise the host
 * port Docker picked, known only once the container exists. As testcontainers' own Kafka modules do,
 * the container waits for a starter script, which exports the advertised listeners and then runs the
 * image's usual start command.
 */
export const STARTER_SCRIPT = '/tmp/eventline-kafka-start.sh';
/** Written after the script, so the wait loop never runs a script docker cp is still writing. */
export const STARTER_READY = '/tmp/eventline-kafka-start.ready';
export const WAITING_MESSAGE = 'Waiting for the Eventline starter script';
/** apache/kafka's own CMD. */
const IMAGE_START = '/etc/kafka/docker/run';

export function waitingCommand(): string[] {
  return ['sh', '-c', `echo '${WAITING_MESSAGE}'; while [ ! -f ${STARTER_READY} ]; do sleep 0.1; done; exec ${STARTER_SCRIPT}`];
}

/** The listener docker-compose.yml binds on the published container port, e.g. HOST for HOST://:9092. */
export function hostListenerName(listeners: string, containerPort: number): string {
  const entry = listeners.split(',').find((listener) => listener.trim().endsWith(`:${containerPort}`));
  if (!entry) throw new Error(`KAFKA_LISTENERS "${listeners}" has no listener on port ${containerPort}`);
  return entry.trim().split('://')[0];
}

/** docker-compose.yml's advertised listeners with the host listener pointed at the mapped port. */
export function advertisedListeners(composeValue: string, hostListener: string, host: string, mappedPort: number): string {
  const entries = composeValue.split(',').map((entry) => entry.trim());
  if (!entries.some((entry) => entry.startsWith(`${hostListener}://`))) {
    throw new Error(`KAFKA_ADVERTISED_LISTENERS "${composeValue}" does not advertise the ${hostListener} listener`);
  }
  return entries.map((entry) => (entry.startsWith(`${hostListener}://`) ? `${hostListener}://${host}:${mappedPort}` : entry)).join(',');
}

export function starterScript(advertised: string): string {
  return `#!/bin/sh\nexport KAFKA_ADVERTISED_LISTENERS='${advertised}'\nexec ${IMAGE_START}\n`;
}
