import { Client } from 'pg';
import { pageIdsQuery } from '../src/orders/order-page-ids';
import { orderByClause } from '../src/orders/order-queries';
import { OrderListOptions } from '../src/orders/orders.options';
import type { OrderFilters, OrderSort } from '../src/orders/order.types';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';
import type { AirtableSimulator } from '../simulators/airtable/airtable-simulator';
import { airtableOutcomes, Run, runSync } from './orders-import.bench';
import { ms, percentile, timeSequential } from './support/stats';

const ROWS = Number(process.env.BENCH_ORDER_ROWS ?? 1_000_000);
const SAMPLES = 30;
const ADMIN = { authorization: 'Bearer abcdef1234567890' };

/**
 * A million orders through the product's own import: the simulator holds them (no rate limit), the service runs
 * with a high AIRTABLE_REQUESTS_PER_SECOND, and POST /orders/sync?full=true lists and upserts every page.
 */
async function importOrders(
  service: ServiceProcess,
  airtable: AirtableSimulator,
  db: Client,
): Promise<{ seedMs: number; run: Run; wallMs: number }> {
  await db.query('TRUNCATE orders');
  await db.query('DELETE FROM order_stats');
  const seeding = performance.now();
  airtable.seedRecords(ROWS, 11);
  const seedMs = performance.now() - seeding;
  const { run, wallMs } = await runSync(service, '&full=true');
  // As autovacuum would after a bulk load; the plans below rely on fresh statistics.
  await db.query('VACUUM ANALYZE orders');
  await db.query('ANALYZE order_stats');
  return { seedMs, run, wallMs };
}

async function explain(db: Client, filters: OrderFilters, sort: OrderSort, offset: number): Promise<string> {
  // The repository's list query: the page's ids (from the sort index, or from the page's day on), then those rows.
  const ids = pageIdsQuery(filters, sort, 20, offset, new OrderListOptions().seekFromOffset);
  const sql = `SELECT * FROM orders WHERE record_id IN (${ids.sql}) ${orderByClause(sort)}`;
  const { rows } = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, ids.params);
  return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
}

/**
 * Benchmark 4 (P4): a million orders imported through the import itself, then the orders list and summary over
 * them, p50/p95 over HTTP, and the plans they rely on.
 */
export async function benchOrderQueries(
  service: ServiceProcess,
  airtable: AirtableSimulator,
  databaseUrl: string,
  requestsPerSecond: number,
): Promise<Section> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const imported = await importOrders(service, airtable, db);
    const outcomes = await airtableOutcomes(service);
    // The sample spans the last two years; a quarter a year ago, and half a year of it.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const quarter = `startDate=${day(365)}&endDate=${day(275)}`;
    const cases: Array<[string, string]> = [
      ['list, no filter (newest first)', '/api/v1/orders'],
      ['list, status=Sent', '/api/v1/orders?status=Sent'],
      ['list, priority=High', '/api/v1/orders?priority=High'],
      ['list, customer=garcía (substring)', '/api/v1/orders?customer=garc%C3%ADa'],
      ['list, customer=zoe haddad (rare)', '/api/v1/orders?customer=zoe%20haddad'],
      ['list, one quarter of dates', `/api/v1/orders?${quarter}`],
      ['list, sort=-total', '/api/v1/orders?sort=-total'],
      ['list, status+priority+dates', `/api/v1/orders?status=Pending&priority=Low&startDate=${day(200)}&endDate=${day(20)}`],
      ['list, deep page (page 5000 of 20)', '/api/v1/orders?page=5000&pageSize=20'],
      ['list, deeper page (page 49000 of 20)', '/api/v1/orders?page=49000&pageSize=20'],
      ['summary, no filter', '/api/v1/orders/summary'],
      ['summary, status=Delivered', '/api/v1/orders/summary?status=Delivered'],
      ['summary, one quarter', `/api/v1/orders/summary?${quarter}`],
      ['summary, customer=nakamura', '/api/v1/orders/summary?customer=nakamura'],
    ];
    const rows: string[] = [];
    const worst = { list: 0, summary: 0 };
    for (const [name, path] of cases) {
      const get = async () => {
        const response = await fetch(service.url + path, { headers: ADMIN });
        await response.text();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      };
      await get();
      const samples = await timeSequential(SAMPLES, get);
      const kind = name.startsWith('summary') ? 'summary' : 'list';
      worst[kind] = Math.max(worst[kind], percentile(samples, 95));
      rows.push(`| ${name} | \`${path.replace('/api/v1', '')}\` | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} |`);
    }
    const plans = [
      ['newest first', await explain(db, {}, '-orderDate', 0)],
      ['status=Sent', await explain(db, { status: 'Sent' }, '-orderDate', 0)],
      ['customer=garcía', await explain(db, { customer: 'garcía' }, '-orderDate', 0)],
      ['deep page, offset 99,980', await explain(db, {}, '-orderDate', 99_980)],
      ['deeper page, offset 979,980', await explain(db, {}, '-orderDate', 979_980)],
    ];
    return {
      title: `4. Orders on ${ROWS.toLocaleString('en')} rows: list and summary`,
      lines: [
        `**Import**: ${ROWS.toLocaleString('en')} records seeded in the Airtable simulator (no rate limit, ${(imported.seedMs / 1000).toFixed(0)} s to generate in the benchmark's process), imported by \`POST /orders/sync?full=true\` with AIRTABLE_REQUESTS_PER_SECOND=${requestsPerSecond}: **${(imported.wallMs / 1000).toFixed(0)} s** (${(imported.wallMs / 60_000).toFixed(1)} minutes, ${(imported.run.fetched / (imported.wallMs / 1000)).toFixed(0)} records/s); fetched ${imported.run.fetched}, created ${imported.run.created}; Airtable calls by outcome ${JSON.stringify(outcomes)}. Then VACUUM ANALYZE, as autovacuum would.`,
        '',
        `**Queries** over those rows: ${SAMPLES} sequential requests per case over HTTP (admin token), after one warm-up.`,
        '',
        '| case | request | p50 | p95 |',
        '|---|---|---|---|',
        ...rows,
        '',
        `Targets: list p95 < 20 ms (worst list case here: **${ms(worst.list)}**), summary p95 < 100 ms (worst: **${ms(worst.summary)}**).`,
        '',
        'Query plans the list relies on (EXPLAIN ANALYZE of the list query, page size 20):',
        '',
        ...plans.flatMap(([name, plan]) => [`${name}:`, '', '```', plan, '```', '']),
      ],
    };
  } finally {
    await db.end();
  }
}
