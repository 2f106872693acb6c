import type { StackEnv } from '../stack';
import type { ComposeServer, ServerService } from './compose-servers';
import { advertisedListeners, hostListenerName, starterScript, waitingCommand } from './kafka-listeners';

/** One container to start: docker-compose.yml's image, environment and container port, on a random host port. */
export interface ContainerPlan {
  service: ServerService;
  image: string;
  /** The compose service name, so the servers find each other as they do under docker compose. */
  networkAlias: string;
  environment: Record<string, string>;
  containerPort: number;
  /** The command compose's healthcheck runs, ready for `docker exec`. */
  healthcheck: string[];
  command?: string[];
}

export type ContainerPlans = Record<ServerService, ContainerPlan>;

/** Where Docker published each server's port on the host. */
export type PublishedPorts = Record<ServerService, { host: string; port: number }>;

export function containerPlans(servers: Record<ServerService, ComposeServer>): ContainerPlans {
  const plan = (server: ComposeServer): ContainerPlan => ({
    service: server.service,
    image: server.image,
    networkAlias: server.service,
    environment: { ...server.environment },
    containerPort: server.containerPort,
    healthcheck: healthcheckCommand(server.healthcheck),
  });
  // The starter script sets the advertised listeners once the host port is known.
  const { KAFKA_ADVERTISED_LISTENERS: _advertised, ...kafkaEnvironment } = servers.kafka.environment;
  return {
    kafka: { ...plan(servers.kafka), environment: kafkaEnvironment, command: waitingCommand() },
    'schema-registry': plan(servers['schema-registry']),
    postgres: plan(servers.postgres),
  };
}

/** compose's `["CMD-SHELL", "…"]` or `["CMD", …]` as the argv to exec. */
export function healthcheckCommand(test: string[]): string[] {
  const [kind, ...rest] = test;
  if (kind === 'CMD-SHELL') return ['sh', '-c', rest.join(' ')];
  if (kind === 'CMD') return rest;
  throw new Error(`healthcheck test must start with CMD or CMD-SHELL, got "${kind}"`);
}

/** The script that starts Kafka advertising the host port Docker mapped to its host listener. */
export function kafkaStarterScript(kafka: ComposeServer, published: { host: string; port: number }): string {
  const listener = hostListenerName(kafka.environment.KAFKA_LISTENERS ?? '', kafka.containerPort);
  return starterScript(advertisedListeners(kafka.environment.KAFKA_ADVERTISED_LISTENERS ?? '', listener, published.host, published.port));
}

/** The three endpoints, as `.local/stack.env` and every test read them. */
export function containerStackEnv(plans: ContainerPlans, published: PublishedPorts): StackEnv {
  const pg = plans.postgres.environment;
  const user = pg.POSTGRES_USER ?? 'postgres';
  const password = pg.POSTGRES_PASSWORD ? `:${encodeURIComponent(pg.POSTGRES_PASSWORD)}` : '';
  const database = pg.POSTGRES_DB ?? user;
  const at = (service: ServerService) => `${published[service].host}:${published[service].port}`;
  return {
    KAFKA_BROKERS: at('kafka'),
    SCHEMA_REGISTRY_URL: `http://${at('schema-registry')}`,
    DATABASE_URL: `postgres://${encodeURIComponent(user)}${password}@${at('postgres')}/${encodeURIComponent(database)}`,
  };
}
