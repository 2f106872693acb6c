import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { StackError } from '../errors';

export const SERVER_SERVICES = ['kafka', 'schema-registry', 'postgres'] as const;
export type ServerService = (typeof SERVER_SERVICES)[number];

/** What the containers stack takes from one docker-compose.yml service, so both run the same servers. */
export interface ComposeServer {
  service: ServerService;
  image: string;
  environment: Record<string, string>;
  /** The container side of the service's one published port. */
  containerPort: number;
  healthcheck: string[];
}

/** The three servers of docker-compose.yml; a service or field missing from it is named with the file. */
export function readComposeServers(root: string): Record<ServerService, ComposeServer> {
  const file = join(root, 'docker-compose.yml');
  const services = (parse(readFileSync(file, 'utf8'), { merge: true }) as { services?: Record<string, unknown> })?.services ?? {};
  const entries = SERVER_SERVICES.map((service) => [service, composeServer(file, service, services[service])] as const);
  return Object.fromEntries(entries) as Record<ServerService, ComposeServer>;
}

function composeServer(file: string, service: ServerService, raw: unknown): ComposeServer {
  const fail = (reason: string): never => {
    throw new StackError(`${file}: service "${service}" ${reason}; the containers stack runs what that file declares.`);
  };
  if (!raw || typeof raw !== 'object') return fail('is missing');
  const { image, environment, ports, healthcheck } = raw as Record<string, unknown>;
  if (typeof image !== 'string' || image === '') fail('has no image');
  if (!environment || typeof environment !== 'object' || Array.isArray(environment)) fail('has no environment map');
  if (!Array.isArray(ports) || ports.length !== 1) fail('must publish exactly one port');
  const containerPort = Number(
    String((ports as unknown[])[0])
      .split(':')
      .at(-1),
  );
  if (!Number.isInteger(containerPort) || containerPort < 1) fail(`has an unreadable port "${String((ports as unknown[])[0])}"`);
  const test = (healthcheck as { test?: unknown } | undefined)?.test;
  if (!Array.isArray(test) || test.length < 2) fail('has no healthcheck test');
  return {
    service,
    image: image as string,
    // Compose writes numbers and booleans bare (KAFKA_NODE_ID: 1); containers take strings.
    environment: Object.fromEntries(Object.entries(environment as object).map(([key, value]) => [key, String(value)])),
    containerPort,
    healthcheck: (test as unknown[]).map(String),
  };
}
