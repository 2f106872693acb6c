import type { GenericContainer, StartedNetwork, StartedTestContainer, WaitStrategy } from 'testcontainers';
import { StackError } from '../errors';
import { waitUntil } from '../net';
import type { StackSettings } from '../settings';
import type { StackEnv } from '../stack';
import { writeEnvFile } from '../write-env-file';
import { readComposeServers, type ComposeServer } from './compose-servers';
import { containerPlans, containerStackEnv, kafkaStarterScript, type ContainerPlan } from './container-plans';
import { requireDocker } from './docker-required';
import { STARTER_READY, STARTER_SCRIPT, WAITING_MESSAGE } from './kafka-listeners';

type Testcontainers = typeof import('testcontainers');

export interface ContainerStack {
  env: StackEnv;
  /** Removes the containers and their network. */
  stop(): Promise<void>;
}

export interface ContainerStackOptions {
  /** Finds the container runtime; testcontainers' own lookup unless a test passes another. */
  probe?: () => Promise<unknown>;
}

/**
 * docker-compose.yml's Kafka, schema registry and PostgreSQL in containers on random host ports,
 * with their endpoints written to `.local/stack.env`. testcontainers is loaded here, on first use,
 * so the embedded stack never loads it.
 */
export async function startContainerStack(settings: StackSettings, options: ContainerStackOptions = {}): Promise<ContainerStack> {
  const servers = readComposeServers(settings.root);
  const plans = containerPlans(servers);
  const tc = loadTestcontainers();
  await requireDocker(options.probe ?? (() => tc.getContainerRuntimeClient()));

  const started: Array<{ stop(): Promise<unknown> }> = [];
  const stop = async () => {
    for (const resource of [...started].reverse()) await resource.stop().catch(() => undefined);
  };
  try {
    const network = await new tc.Network().start();
    started.push(network);
    const [kafka, postgres] = await bothStarted(
      startKafka(tc, plans.kafka, network, settings).then(track(started)),
      start(withHealthCheck(container(tc, plans.postgres, network), plans.postgres).withWaitStrategy(postgresReady(tc)), settings).then(track(started)),
    );
    await waitForKafka(kafka, plans.kafka, servers.kafka, settings);
    const registryPlan = plans['schema-registry'];
    const registry = await start(withHealthCheck(container(tc, registryPlan, network), registryPlan).withWaitStrategy(tc.Wait.forHealthCheck()), settings).then(track(started));

    const published = (c: StartedTestContainer, plan: ContainerPlan) => ({ host: c.getHost(), port: c.getMappedPort(plan.containerPort) });
    const env = containerStackEnv(plans, { kafka: published(kafka, plans.kafka), 'schema-registry': published(registry, registryPlan), postgres: published(postgres, plans.postgres) });
    writeEnvFile(settings, env, 'Written by `EVENTLINE_STACK=containers npm test`; its containers are removed when it ends.');
    return { env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** require, not import(): Jest runs CommonJS, where a dynamic import() needs an experimental flag. */
function loadTestcontainers(): Testcontainers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the reason above
  return require('testcontainers') as Testcontainers;
}

/** Like Promise.all, but waits for both, so a failure never leaves the other container starting unseen. */
async function bothStarted<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

const track =
  (started: Array<{ stop(): Promise<unknown> }>) =>
  <T extends { stop(): Promise<unknown> }>(resource: T): T => {
    started.push(resource);
    return resource;
  };

function container(tc: Testcontainers, plan: ContainerPlan, network: StartedNetwork): GenericContainer {
  const built = new tc.GenericContainer(plan.image).withNetwork(network).withNetworkAliases(plan.networkAlias).withEnvironment(plan.environment).withExposedPorts(plan.containerPort);
  return plan.command ? built.withCommand(plan.command) : built;
}

/** compose's healthcheck, checked every second rather than every five. */
function withHealthCheck(built: GenericContainer, plan: ContainerPlan): GenericContainer {
  return built.withHealthCheck({ test: ['CMD', ...plan.healthcheck], interval: 1_000, timeout: 10_000, retries: 180 });
}

function start(built: GenericContainer, settings: StackSettings): Promise<StartedTestContainer> {
  return built.withStartupTimeout(settings.readyTimeoutMs).start();
}

/** The image's first server is initdb's temporary one; the second is the real server. */
function postgresReady(tc: Testcontainers): WaitStrategy {
  return tc.Wait.forAll([tc.Wait.forLogMessage(/database system is ready to accept connections/, 2), tc.Wait.forHealthCheck()]);
}

/** Starts the container up to its wait loop; Kafka itself starts once the starter script is in (see kafka-listeners.ts). */
function startKafka(tc: Testcontainers, plan: ContainerPlan, network: StartedNetwork, settings: StackSettings): Promise<StartedTestContainer> {
  return start(container(tc, plan, network).withWaitStrategy(tc.Wait.forLogMessage(WAITING_MESSAGE)), settings);
}

/** Kafka has no Docker healthcheck here: compose's starts a JVM, too heavy to run every second for the container's life. */
async function waitForKafka(kafka: StartedTestContainer, plan: ContainerPlan, server: ComposeServer, settings: StackSettings): Promise<void> {
  const script = kafkaStarterScript(server, { host: kafka.getHost(), port: kafka.getMappedPort(plan.containerPort) });
  await kafka.copyContentToContainer([{ content: script, target: STARTER_SCRIPT, mode: 0o755 }]);
  await kafka.copyContentToContainer([{ content: '', target: STARTER_READY }]);
  const ready = await waitUntil(async () => (await kafka.exec(plan.healthcheck)).exitCode === 0, { timeoutMs: settings.readyTimeoutMs, intervalMs: 1_000 });
  if (!ready.ok) throw new StackError(`Kafka in container ${kafka.getId().slice(0, 12)} did not answer: ${ready.reason}. \`docker logs ${kafka.getId().slice(0, 12)}\` shows why.`);
}
