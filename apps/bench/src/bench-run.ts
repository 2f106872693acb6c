import { buildCatalog, defaultSchemasDir, findEvent, readSources, type Catalog, type CatalogSources } from '@eventline/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafkaPort, kafkaClientChoice, KafkaPortError, topicDurability, type AdminPort, type KafkaClientName, type KafkaPort, type TopicSpec } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints, type StackEndpoints } from '@eventline/stack-config';
import { createBenchDatabase, type BenchDatabase } from './bench-database';
import { Cleanup } from './cleanup';
import type { BenchOptions } from './options';
import { log } from './progress';

/** Every bench topic and group starts with this; nothing else is ever deleted. */
export const BENCH_NAMESPACE = 'bench.';
/** Bench databases: bench_run_<run id>. */
export const BENCH_DATABASE_PREFIX = 'bench_run_';
/** The event every comparison sends: the catalog's workhorse. */
export const BENCH_EVENT_TYPE = 'TICKET_ASSIGNED';

export type Adapter = { client: KafkaClientName; port: KafkaPort } | { client: KafkaClientName; unavailable: string };

/** What every comparison shares: names under the run's namespace, the stack's endpoints, the bench database, cleanup. */
export class BenchRun {
  readonly id = Date.now().toString(36);
  /** `bench.<run>.`: the root of every topic and group of this run. */
  readonly namespace = `${BENCH_NAMESPACE}${this.id}.`;
  readonly cleanup = new Cleanup();
  readonly abort = new AbortController();
  readonly endpoints: StackEndpoints = loadStackEndpoints();
  readonly registry = new SchemaRegistryClient(this.endpoints.schemaRegistryUrl);
  readonly adapters: Adapter[];
  /** The platform's own client per side (EVENTLINE_KAFKA_CLIENT and the per-side variables, else the default). */
  readonly choice = kafkaClientChoice();
  /**
   * What "Eventline" means in the single-client comparisons (P2, P4, P5, P6, the pre-fills): a port
   * built as the platform builds it, each side from its own adapter. `client` labels it in the table.
   */
  readonly main: { client: string; port: KafkaPort };
  readonly groups = new Set<string>();
  /** Comparisons an adapter could not take part in, and why: reported in the table, not fatal. */
  readonly unavailable: Array<{ id: string; client: KafkaClientName; reason: string }> = [];
  private readonly sources: CatalogSources = readSources(defaultSchemasDir());
  private readonly catalogs = new Map<string, Catalog>();
  /** Partitions of the real catalog topic the bench event goes to (tickets.events.v1). */
  readonly partitions: number;
  private durability = topicDurability(1);
  admin!: AdminPort;
  db!: BenchDatabase;

  constructor(readonly options: BenchOptions) {
    this.adapters = options.clients.map((client) => this.adapter(client));
    const working = this.adapters.filter((a): a is { client: KafkaClientName; port: KafkaPort } => 'port' in a);
    if (working.length === 0)
      throw new Error(
        `none of the Kafka adapters asked for (${options.clients.join(', ')}) can be created: ${this.adapters.map((a) => ('unavailable' in a ? `${a.client}: ${a.unavailable}` : '')).join('; ')}`,
      );
    const { producer, consumer } = this.choice;
    this.main = { client: producer === consumer ? producer : `${producer}/${consumer}`, port: createKafkaPort({ brokers: this.endpoints.kafkaBrokers, clientId: 'eventline-bench' }) };
    const contract = findEvent(this.catalog(''), BENCH_EVENT_TYPE)!;
    this.partitions = this.catalog('').domains.find((domain) => domain.topic === contract.topic)!.partitions;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Connects the admin client and creates the bench database; registers their undoing first, so it runs last. */
  async open(): Promise<void> {
    this.admin = this.main.port.admin();
    await this.admin.connect();
    this.cleanup.add('disconnect the admin client', () => this.admin.disconnect());
    this.cleanup.add(`delete the ${this.namespace}* topics`, () => this.deleteTopics());
    this.cleanup.add(`delete the ${this.namespace}* consumer groups`, () => this.deleteGroups());
    this.durability = topicDurability((await this.admin.describeCluster()).brokers);
    const dbName = `${BENCH_DATABASE_PREFIX}${this.id}`;
    this.cleanup.add(`drop database ${dbName}`, () => this.db?.drop());
    this.db = await createBenchDatabase(this.endpoints.databaseUrl, dbName);
  }

  /** The catalog with every topic under `<namespace><scope>.` (scope '' is the platform's own): subjects, schema ids and bytes stay the platform's. */
  catalog(scope: string): Catalog {
    let catalog = this.catalogs.get(scope);
    if (!catalog) this.catalogs.set(scope, (catalog = buildCatalog(this.sources, scope === '' ? '' : this.prefix(scope))));
    return catalog;
  }

  prefix(scope: string): string {
    return `${this.namespace}${scope}.`;
  }

  /** The bench event's topic in `scope`'s catalog, created with the real topic's partition count. */
  async eventTopic(scope: string): Promise<string> {
    const topic = findEvent(this.catalog(scope), BENCH_EVENT_TYPE)!.topic;
    await this.createTopics([topic]);
    return topic;
  }

  /** Every catalog topic of `scope`, each with its catalog partition count (for an app that consumes them all). */
  async catalogTopics(scope: string): Promise<string[]> {
    const domains = this.catalog(scope).domains;
    await this.ensureTopics(domains.map((d) => ({ topic: d.topic, partitions: d.partitions, ...this.durability })));
    return domains.map((d) => d.topic);
  }

  async createTopics(topics: string[], partitions = this.partitions): Promise<void> {
    for (const topic of topics) if (!topic.startsWith(this.namespace)) throw new Error(`refusing to create ${topic}: bench topics start with ${this.namespace}`);
    await this.ensureTopics(topics.map((topic) => ({ topic, partitions, ...this.durability })));
  }

  /** Creating is idempotent; the broker's metadata may lag a creation just made (UNKNOWN_TOPIC_OR_PARTITION), so a retriable failure is tried again. */
  private async ensureTopics(specs: TopicSpec[], attempts = 6): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.admin.ensureTopics(specs);
        return;
      } catch (error) {
        if (attempt >= attempts || !(error instanceof KafkaPortError && error.retriable)) throw error;
        await sleep(500 * attempt);
      }
    }
  }

  /** A consumer group name of this run, remembered for deletion at the end. */
  group(label: string): string {
    const name = `${this.namespace}${label}`;
    this.groups.add(name);
    return name;
  }

  markUnavailable(id: string, client: KafkaClientName, reason: string): void {
    this.unavailable.push({ id, client, reason });
  }

  private adapter(client: KafkaClientName): Adapter {
    try {
      return { client, port: createKafkaPort({ brokers: this.endpoints.kafkaBrokers, clientId: `eventline-bench-${client}`, client }) };
    } catch (error) {
      return { client, unavailable: error instanceof Error ? error.message : String(error) };
    }
  }

  private async deleteTopics(): Promise<void> {
    const topics = (await this.admin.listTopics()).filter((topic) => topic.startsWith(this.namespace));
    if (topics.length > 0) await this.admin.deleteTopics(topics);
    log(`cleanup: deleted ${topics.length} ${this.namespace}* topics`);
  }

  private async deleteGroups(): Promise<void> {
    await this.admin.deleteGroups([...this.groups]);
    log(`cleanup: deleted ${this.groups.size} ${this.namespace}* consumer groups`);
  }
}
