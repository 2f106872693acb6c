import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { ConsumerMetrics } from '@eventline/consumer-runtime';
import { findEvent, loadCatalog } from '@eventline/contracts';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { groupingLabels, metricNames } from './promql-names';

const root = findWorkspaceRoot();
const readYaml = (path: string) => parse(readFileSync(join(root, path), 'utf8'), { merge: true });

interface Panel {
  title: string;
  type: string;
  datasource?: { uid: string };
  targets?: Array<{ expr: string; datasource?: { uid: string } }>;
}
const dashboard = JSON.parse(readFileSync(join(root, 'infra/grafana/dashboards/eventline.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: Array<{ query: { query: string } }> };
};
const queries = [
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr }))),
  ...dashboard.templating.list.map((variable) => ({ panel: 'variables', expr: variable.query.query.replace(/^label_values\((.*), \w+\)$/, '$1') })),
];

/**
 * What an app's /metrics holds, built as the apps build it: nest-platform's registry (prom-client's
 * default process metrics, with the `service` label) and the consumer runtime's ConsumerMetrics.
 * Each exported name with its labels, histograms and summaries by their series names.
 */
function exportedMetrics(): Map<string, string[]> {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'any-app' });
  collectDefaultMetrics({ register: registry });
  new ConsumerMetrics(registry);
  const exported = new Map<string, string[]>();
  for (const metric of registry.getMetricsAsArray() as unknown as Array<{ name: string; labelNames: string[]; constructor: { name: string } }>) {
    const labels = [...metric.labelNames, 'service'];
    const series = metric.constructor.name === 'Histogram' ? ['_bucket', '_sum', '_count'] : metric.constructor.name === 'Summary' ? ['', '_sum', '_count'] : [''];
    for (const suffix of series) exported.set(`${metric.name}${suffix}`, suffix === '_bucket' ? [...labels, 'le'] : labels);
  }
  return exported;
}

describe('the Grafana dashboard', () => {
  const exported = exportedMetrics();

  it('has queries, each reading at least one metric', () => {
    expect(queries.length).toBeGreaterThan(10);
    for (const { panel, expr } of queries) expect([panel, metricNames(expr).length > 0]).toEqual([panel, true]);
  });

  it('reads only metrics the apps export', () => {
    expect(exported.has('eventline_events_handled_total')).toBe(true);
    const unknown = queries.flatMap(({ panel, expr }) =>
      metricNames(expr)
        .filter((name) => !exported.has(name))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('groups only by labels the metrics it reads carry (or Prometheus adds)', () => {
    const scrapeLabels = ['job', 'instance', 'app'];
    const wrong = queries.flatMap(({ panel, expr }) => {
      const carried = new Set([...scrapeLabels, ...metricNames(expr).flatMap((name) => exported.get(name) ?? [])]);
      return groupingLabels(expr)
        .filter((label) => !carried.has(label))
        .map((label) => `${panel}: ${label}`);
    });
    expect(wrong).toEqual([]);
  });

  it('names event types of the catalog', () => {
    const catalog = loadCatalog();
    const named = queries.flatMap(({ expr }) =>
      [...expr.matchAll(/event_type=~"([^"]*)"/g)].flatMap((m) =>
        m[1]
          .replace(/\\\\/g, '\\')
          .split('|')
          .map((t) => t.replace(/\\\./g, '.')),
      ),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((type) => !findEvent(catalog, type))).toEqual([]);
  });

  it('uses the data source Grafana is provisioned with', () => {
    const [source] = readYaml('infra/grafana/provisioning/datasources/prometheus.yml').datasources;
    const uids = new Set(dashboard.panels.flatMap((panel) => [panel.datasource?.uid, ...(panel.targets ?? []).map((t) => t.datasource?.uid)]).filter(Boolean));
    expect([...uids]).toEqual([source.uid]);
    expect(source.url).toBe('http://prometheus:9090');
  });
});

describe('Prometheus and Grafana in docker-compose.yml', () => {
  const compose = readYaml('docker-compose.yml');

  it('scrapes every app the compose file runs, on the port it serves /health and /metrics on', () => {
    const apps = Object.entries(compose.services as Record<string, { command?: string[]; environment?: Record<string, string> }>)
      .filter(([, service]) => service.command?.[1]?.match(/^apps\/[^/]+\/src\/main\.js$/))
      .map(([name, service]) => `${name}:${service.environment!.HEALTH_PORT}`);
    const targets = readYaml('infra/prometheus/prometheus.yml').scrape_configs.flatMap((job: { metrics_path: string; static_configs: Array<{ targets: string[] }> }) => {
      expect(job.metrics_path).toBe('/metrics');
      return job.static_configs.flatMap((config) => config.targets);
    });
    expect(apps.length).toBeGreaterThanOrEqual(6);
    expect(targets.sort()).toEqual(apps.sort());
  });

  it('mounts the Prometheus configuration and the Grafana provisioning and dashboards, which exist', () => {
    const mounts = (service: string) => (compose.services[service].volumes as string[]).filter((v) => v.startsWith('./')).map((v) => v.split(':'));
    expect(mounts('prometheus')).toEqual([['./infra/prometheus/prometheus.yml', '/etc/prometheus/prometheus.yml', 'ro']]);
    expect(mounts('grafana')).toEqual([
      ['./infra/grafana/provisioning', '/etc/grafana/provisioning', 'ro'],
      ['./infra/grafana/dashboards', '/var/lib/grafana/dashboards', 'ro'],
    ]);
    for (const [source] of [...mounts('prometheus'), ...mounts('grafana')]) expect([source, existsSync(join(root, source))]).toEqual([source, true]);
    const [provider] = readYaml('infra/grafana/provisioning/dashboards/eventline.yml').providers;
    expect(provider.options.path).toBe('/var/lib/grafana/dashboards');
    expect(compose.services.grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe('/var/lib/grafana/dashboards/eventline.json');
  });
});
