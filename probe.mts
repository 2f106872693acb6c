import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { benchEvent, benchTenants } from './apps/bench/src/events';
const e = loadStackEndpoints();
const prefix = `bench.probe${Date.now()}.`;
const catalog = loadCatalog();
process.env.EVENTLINE_TOPIC_PREFIX = prefix; const pc = loadCatalog();
const topic = prefix + 'tickets.events.v1';
const kafka = createKafkaPort({ brokers: e.kafkaBrokers, clientId: 'probe' });
const admin = kafka.admin(); await admin.connect();
await admin.ensureTopics([{ topic, partitions: 6, replicationFactor: 1 }]);
const registry = new SchemaRegistryClient(e.schemaRegistryUrl);
const pub = new Publisher({ kafka, registry, catalog: pc, source: 'probe' });
await pub.connect();
const sent = new Map<string, number>();
const ack: number[] = [], arr: number[] = [], bsz: number[] = [];
const consumer = kafka.consumer({ groupId: prefix + 'g', fromBeginning: true, autoCommit: false, maxWaitMs: 500, partitionsConcurrently: 2, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 });
await consumer.connect(); await consumer.subscribe([topic]);
await consumer.run(async (batch) => { const now = performance.now(); bsz.push(batch.messages.length); for (const m of batch.messages) { const id = m.headers.event_id; const s = sent.get(id); if (s !== undefined) arr.push(now - s); } if (process.env.WORK) await new Promise(r => setTimeout(r, Number(process.env.WORK))); });
await new Promise(r => setTimeout(r, 3000));
const tenants = benchTenants(20);
const rate = 2000, secs = 10; const start = performance.now();
let n = 0; const calls: Promise<unknown>[] = [];
while (n < rate * secs) {
  const due = start + (n * 1000) / rate; const now = performance.now();
  if (due > now) { await new Promise(r => setTimeout(r, Math.max(0, due - now))); continue; }
  const ev = benchEvent(tenants, n++); const t0 = due;
  calls.push(pub.publishUntyped([ev]).then((r) => { ack.push(performance.now() - t0); sent.set(r[0].event_id, t0); }));
}
await Promise.all(calls); await new Promise(r => setTimeout(r, 2000));
const q = (a: number[], p: number) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length * p)]?.toFixed(1); };
console.log('ack p50', q(ack, .5), 'p99', q(ack, .99), '| arrival p50', q(arr, .5), 'p99', q(arr, .99), 'n', arr.length, '| batch size p50', q(bsz, .5), 'batches', bsz.length);
await consumer.stop(); await consumer.disconnect(); await pub.close(); await admin.deleteTopics([topic]); await admin.deleteGroups([prefix + 'g']); await admin.disconnect(); process.exit(0);
