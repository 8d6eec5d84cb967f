import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startAirtableSimulator, AirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { NotionSimulator, startNotionSimulator } from '../../simulators/notion/notion-simulator';
import { airtableSettings, notionSettings } from '../../simulators/simulator-settings';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { renderChart } from '../support/helm-template';
import { ADMIN_TOKEN, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

/**
 * The chart's monitoring pieces (ServiceMonitor, PrometheusRule, Grafana dashboard), rendered without a
 * helm binary (test/support/helm-template.ts), and checked against what /metrics of a running app exports:
 * an alert or a panel on a metric (or a label) that does not exist would stay silent forever.
 */
const chartDir = join(__dirname, '../../helm/cinemateca');
const RELEASE = { name: 'cinemateca', namespace: 'movies' };
const ALL_ON = { metrics: { serviceMonitor: { enabled: true }, prometheusRule: { enabled: true }, grafanaDashboard: { enabled: true } } };

function render(overrides: Record<string, any> = {}) {
  return renderChart(chartDir, { secrets: { existingSecret: 'cinemateca-secrets' }, ...overrides }, RELEASE);
}

function mergeDeep(...trees: Array<Record<string, any>>): Record<string, any> {
  const merged: Record<string, any> = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      merged[key] = value && typeof value === 'object' && !Array.isArray(value) && merged[key] ? mergeDeep(merged[key], value) : value;
    }
  }
  return merged;
}

const kindsOf = (documents: Array<Record<string, any>>) => documents.map((doc) => `${doc.kind}/${doc.metadata?.name}`).sort();
const rulesOf = (documents: Array<Record<string, any>>) =>
  (documents.find((doc) => doc.kind === 'PrometheusRule')?.spec.groups ?? []).flatMap(
    (group: { rules: unknown[] }) => group.rules,
  ) as Array<{
    alert: string;
    expr: string;
    for: string;
    labels: Record<string, string>;
  }>;
const dashboardOf = (documents: Array<Record<string, any>>) => {
  const configMap = documents.find((doc) => doc.kind === 'ConfigMap' && doc.metadata.name === 'cinemateca-dashboard');
  return configMap ? { configMap, dashboard: JSON.parse(configMap.data['cinemateca.json']) } : undefined;
};
const panelExpressions = (dashboard: { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> }) =>
  dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })));

describe('Helm chart: monitoring', () => {
  it('renders every template into Kubernetes objects, with nothing of the monitoring pieces by default', () => {
    const { documents } = render();
    expect(documents.every((doc) => typeof doc.apiVersion === 'string' && typeof doc.kind === 'string' && doc.metadata?.name)).toBe(true);
    expect(kindsOf(documents)).toEqual(
      [
        'ConfigMap/cinemateca',
        'Deployment/cinemateca',
        'HorizontalPodAutoscaler/cinemateca',
        'Job/cinemateca-migrate',
        'PodDisruptionBudget/cinemateca',
        'Service/cinemateca',
        'ServiceAccount/cinemateca',
      ].sort(),
    );
    const deployment = documents.find((doc) => doc.kind === 'Deployment')!;
    expect(deployment.spec.template.metadata.annotations).toEqual(
      expect.objectContaining({ 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics' }),
    );
  });

  it("adds a ServiceMonitor that scrapes the Service's http port, a PrometheusRule and a dashboard ConfigMap when turned on", () => {
    const { documents } = render(mergeDeep(ALL_ON, { metrics: { serviceMonitor: { labels: { release: 'kube-prometheus-stack' } } } }));
    expect(kindsOf(documents)).toEqual(
      expect.arrayContaining(['ServiceMonitor/cinemateca', 'PrometheusRule/cinemateca', 'ConfigMap/cinemateca-dashboard']),
    );
    const service = documents.find((doc) => doc.kind === 'Service')!;
    const monitor = documents.find((doc) => doc.kind === 'ServiceMonitor')!;
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(service.metadata.labels).toEqual(expect.objectContaining(monitor.spec.selector.matchLabels));
    expect(monitor.spec.namespaceSelector.matchNames).toEqual([RELEASE.namespace]);
    expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(monitor.spec.endpoints[0].port);
    expect(monitor.spec.endpoints[0]).toEqual(expect.objectContaining({ path: '/metrics', interval: '30s', scrapeTimeout: '10s' }));

    const rules = rulesOf(documents);
    expect(rules.map((rule) => rule.alert)).toEqual([
      'CinematecaHighErrorRatio',
      'CinematecaUpstreamFailing',
      'CinematecaOrdersImportNotSucceeding',
      'CinematecaNotionPendingSyncsGrowing',
    ]);
    for (const rule of rules) {
      expect(rule.labels.severity).toBe('warning');
      // The default selector is the ServiceMonitor's job (the Service's name) in the release namespace.
      expect(rule.expr).toContain('job="cinemateca", namespace="movies"');
      expect(rule.expr).not.toMatch(/\{\s*,/);
    }
    // Three import intervals of sync.intervalMinutes (5).
    expect(rules.find((rule) => rule.alert === 'CinematecaOrdersImportNotSucceeding')!.expr).toMatch(/> 900\s*$/);
    expect(rules.find((rule) => rule.alert === 'CinematecaHighErrorRatio')!.expr).toMatch(/> 0\.05\s*$/);

    const { configMap, dashboard } = dashboardOf(documents)!;
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    expect(dashboard.panels.map((panel: { title: string }) => panel.title)).toEqual(
      expect.arrayContaining([
        'Requests per second by route',
        'Latency (p50, p95, p99)',
        '5xx share of requests',
        'Upstream calls by outcome',
        'Import runs per hour by outcome',
        'Orders by status',
        'Orders by priority',
      ]),
    );
  });

  it("derives the import alert from the CronJob's period, leaves it out when nothing imports, and takes a custom selector", () => {
    const cron = rulesOf(
      render(mergeDeep(ALL_ON, { sync: { mode: 'cronJob' }, metrics: { prometheusRule: { importIntervalMinutes: 10 } } })).documents,
    );
    expect(cron.find((rule) => rule.alert === 'CinematecaOrdersImportNotSucceeding')!.expr).toMatch(/> 1800\s*$/);
    const off = rulesOf(render(mergeDeep(ALL_ON, { sync: { intervalMinutes: 0 } })).documents);
    expect(off.map((rule) => rule.alert)).not.toContain('CinematecaOrdersImportNotSucceeding');
    const custom = rulesOf(
      render(mergeDeep(ALL_ON, { metrics: { prometheusRule: { selector: 'kubernetes_namespace="shop", app="cinemateca"' } } })).documents,
    );
    expect(custom.every((rule) => rule.expr.includes('kubernetes_namespace="shop", app="cinemateca"') && !rule.expr.includes('job='))).toBe(
      true,
    );
  });
});

/** Where a sample's value is kept among its labels (no label can be named so). */
const VALUE = '=value';

/** Metric name -> the label sets of its samples, from the Prometheus text format. */
function parseExposition(text: string): Map<string, Array<Record<string, string>>> {
  const samples = new Map<string, Array<Record<string, string>>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? \S+$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]),
    );
    labels[VALUE] = line.slice(line.lastIndexOf(' ') + 1);
    samples.set(match[1], [...(samples.get(match[1]) ?? []), labels]);
  }
  return samples;
}

const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'inf',
  'nan',
]);
/** Labels Prometheus adds when it scrapes (target labels), so /metrics itself never has them. */
const TARGET_LABELS = new Set(['job', 'namespace', 'instance', 'pod', 'service', 'container', 'endpoint']);

interface MetricUse {
  metric: string;
  matchers: Array<{ label: string; op: string; value: string }>;
}

/** The metrics an expression reads, with their label matchers; `by (...)` labels separately. */
function metricsIn(expr: string): { uses: MetricUse[]; groupings: string[] } {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const groupings = [...withoutStrings.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) =>
    match[1]
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  );
  const uses: MetricUse[] = [];
  const bare = expr
    .replace(/\b(?:by|without|on|ignoring)\s*\([^)]*\)/g, ' ')
    .replace(/\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\}/g, (block) => `{${block.length}}`)
    .replace(/\[[^\]]*\]/g, ' ');
  for (const match of bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\(|\{\d+\})?/g)) {
    const [, name, next] = match;
    if (next === '(' || PROMQL_WORDS.has(name) || /^\d/.test(name)) continue;
    uses.push({ metric: name, matchers: [] });
  }
  for (const match of expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}/g)) {
    const use = uses.find((candidate) => candidate.metric === match[1] && candidate.matchers.length === 0) ?? {
      metric: match[1],
      matchers: [],
    };
    use.matchers = [...match[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map((matcher) => ({
      label: matcher[1],
      op: matcher[2],
      value: matcher[3],
    }));
    if (!uses.includes(use)) uses.push(use);
  }
  return { uses, groupings };
}

describe('monitoring: every metric an alert or a panel reads is one /metrics exports', () => {
  let app: TestApp;
  let tmdb: TmdbSimulator;
  let notion: NotionSimulator;
  let airtable: AirtableSimulator;
  let exported: Map<string, Array<Record<string, string>>>;

  beforeAll(async () => {
    [tmdb, notion, airtable] = await Promise.all([
      startTmdbSimulator(),
      startNotionSimulator({ requestsPerSecond: 0 }),
      startAirtableSimulator({ requestsPerSecond: 0, records: 250 }),
    ]);
    app = await startTestApp({
      ...tmdbTestEnv(tmdb, { RATE_LIMIT_PER_MINUTE: '40' }),
      ...notionSettings(notion),
      ...airtableSettings(airtable),
      AIRTABLE_REQUESTS_PER_SECOND: '1000',
    });
    // Give every family a sample: a TMDB call retried once (miss), then served from the cache (hit), an import,
    // a TMDB failure with nothing cached (5xx), and anonymous requests past the rate limit.
    tmdb.faults({ failNext: 1, status: 503 });
    expect((await app.request('GET', '/api/v1/movies/popular', { token: USER_TOKEN })).status).toBe(200);
    expect((await app.request('GET', '/api/v1/movies/popular', { token: USER_TOKEN })).status).toBe(200);
    expect((await app.request('POST', '/api/v1/orders/sync?wait=25', { token: ADMIN_TOKEN })).status).toBe(200);
    // TMDB down for a movie nothing cached: a 5xx.
    tmdb.faults({ failNext: 2, status: 500 });
    expect((await app.request('GET', `/api/v1/movies/${tmdb.sampleMovieIds()[1]}`, { token: USER_TOKEN })).status).toBe(502);
    let limited = false;
    for (let attempt = 0; attempt < 60 && !limited; attempt += 1)
      limited = (await app.request('GET', '/api/v1/shared-lists/nobody')).status === 429;
    expect(limited).toBe(true);
    const scrape = await app.request('GET', '/metrics');
    expect(scrape.status).toBe(200);
    exported = parseExposition(scrape.text);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await Promise.all([tmdb?.close(), notion?.close(), airtable?.close()]);
  });

  const { documents } = render(ALL_ON);
  const expressions = [
    ...rulesOf(documents).map((rule) => ({ source: `alert ${rule.alert}`, expr: rule.expr })),
    ...panelExpressions(dashboardOf(documents)!.dashboard).map(({ title, expr }) => ({ source: `panel "${title}"`, expr })),
    ...(dashboardOf(documents)!.dashboard.templating.list as Array<{ name: string; query: unknown }>)
      .filter((variable) => typeof variable.query === 'string' && variable.query.startsWith('label_values('))
      .map((variable) => ({
        source: `variable ${variable.name}`,
        expr: (variable.query as string).replace(/^label_values\((.*),\s*\w+\)$/, '$1'),
      })),
  ];

  it("reads the expressions of four alerts, the dashboard's panels and its variables", () => {
    expect(expressions.length).toBeGreaterThan(20);
    expect(expressions.every(({ expr }) => metricsIn(expr).uses.length > 0)).toBe(true);
  });

  it('finds each metric with samples, and each label an expression matches or groups by on them', () => {
    const problems: string[] = [];
    for (const { source, expr } of expressions) {
      const { uses, groupings } = metricsIn(expr);
      for (const { metric, matchers } of uses) {
        const samples = exported.get(metric);
        if (!samples) {
          problems.push(`${source}: ${metric} is not exported`);
          continue;
        }
        for (const { label, op, value } of matchers) {
          if (TARGET_LABELS.has(label)) continue;
          if (!samples.some((labels) => label in labels)) problems.push(`${source}: ${metric} has no label ${label}`);
          else if (op === '=' && !value.startsWith('$') && !samples.some((labels) => labels[label] === value))
            problems.push(`${source}: ${metric} never has ${label}="${value}"`);
          else if (op === '=~' && !samples.some((labels) => new RegExp(`^(?:${value})$`).test(labels[label] ?? '')))
            problems.push(`${source}: ${metric} never matches ${label}=~"${value}"`);
        }
      }
      for (const label of groupings) {
        if (TARGET_LABELS.has(label)) continue;
        if (!uses.some(({ metric }) => exported.get(metric)?.some((labels) => label in labels)))
          problems.push(`${source}: no metric of it has the label ${label}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('exports the on-call figures with their values: import age, runs, pending syncs, orders, cache results, 429s', () => {
    const value = (metric: string, labels: Record<string, string> = {}) => {
      const sample = exported.get(metric)?.find((candidate) => Object.entries(labels).every(([key, wanted]) => candidate[key] === wanted));
      return sample ? Number(sample[VALUE]) : undefined;
    };
    const sum = (metric: string) => (exported.get(metric) ?? []).reduce((total, sample) => total + Number(sample[VALUE]), 0);
    expect(Date.now() / 1000 - value('orders_import_last_success_timestamp_seconds')!).toBeLessThan(120);
    expect(value('orders_import_runs', { status: 'succeeded' })).toBe(1);
    expect(value('orders_import_runs', { status: 'failed' })).toBe(0);
    expect(value('notion_pending_syncs')).toBe(0);
    expect(sum('orders_by_status')).toBe(250);
    expect(sum('orders_by_priority')).toBe(250);
    expect(value('cache_lookups_total', { cache: 'tmdb', result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(value('cache_lookups_total', { cache: 'tmdb', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(value('upstream_requests_total', { upstream: 'tmdb', outcome: '503' })).toBe(1);
    expect(value('upstream_requests_total', { upstream: 'tmdb', outcome: '500' })).toBe(2);
    // One retry of the 503, one of the first 500 (UPSTREAM_RETRIES=1).
    expect(value('upstream_retries_total', { upstream: 'tmdb' })).toBe(2);
    expect(value('rate_limit_rejections_total', { route: '/api/v1/shared-lists/:listName' })).toBe(1);
  });
});

describe('Helm chart: the production example', () => {
  it('renders with the ServiceMonitor, the alerts and the dashboard, tracing to a collector, and no pod annotations', () => {
    const example = parse(readFileSync(join(__dirname, '../../helm/examples/values-production.yaml'), 'utf8')) as Record<string, any>;
    const { documents } = renderChart(chartDir, example, RELEASE);
    expect(kindsOf(documents)).toEqual(
      expect.arrayContaining([
        'ServiceMonitor/cinemateca',
        'PrometheusRule/cinemateca',
        'ConfigMap/cinemateca-dashboard',
        'CronJob/cinemateca-sync-orders',
      ]),
    );
    const deployment = documents.find((doc) => doc.kind === 'Deployment')!;
    expect(deployment.spec.template.metadata.annotations['prometheus.io/scrape']).toBeUndefined();
    const config = documents.find((doc) => doc.kind === 'ConfigMap' && doc.metadata.name === 'cinemateca')!;
    expect(config.data.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector.monitoring:4318');
    expect(rulesOf(documents).find((rule) => rule.alert === 'CinematecaOrdersImportNotSucceeding')!.expr).toMatch(/> 900\s*$/);
  });
});
