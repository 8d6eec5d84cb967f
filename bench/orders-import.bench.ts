import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresOptions } from '../src/infra/database/postgres-options';
import { ImportedOrder, ORDER_PRIORITIES, ORDER_STATUSES } from '../src/orders/order.types';
import { OrdersRepository } from '../src/orders/orders.repository';
import { OrderListOptions } from '../src/orders/orders.options';
import type { AirtableSimulator } from '../simulators/airtable/airtable-simulator';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';

const RECORDS = Number(process.env.BENCH_AIRTABLE_RECORDS ?? 50_000);
const PAGE = 100;
const ADMIN = { authorization: 'Bearer abcdef1234567890' };

export interface Run {
  id: number;
  status: string;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function runSync(service: ServiceProcess, query = ''): Promise<{ run: Run; wallMs: number }> {
  const started = performance.now();
  const response = await fetch(`${service.url}/api/v1/orders/sync?wait=0${query}`, { method: 'POST', headers: ADMIN });
  let run = (await response.json()) as Run;
  if (response.status !== 202 && response.status !== 200) throw new Error(`sync answered ${response.status}: ${JSON.stringify(run)}`);
  while (run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = (await (await fetch(`${service.url}/api/v1/orders/sync/runs/${run.id}`, { headers: ADMIN })).json()) as Run;
  }
  if (run.status !== 'succeeded') throw new Error(`sync ${run.status}: ${JSON.stringify(run)}`);
  return { run, wallMs: performance.now() - started };
}

/** The local upsert alone: the repository's one-statement-per-page upsert, 100 rows a page, into an empty table. */
async function upsertRowsPerSecond(databaseUrl: string): Promise<number> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('TRUNCATE orders');
  await admin.query('DELETE FROM order_stats');
  await admin.end();
  const dataSource = new DataSource({ ...postgresOptions({ url: databaseUrl, runMigrationsOnStartup: false, poolSize: 5 }) });
  await dataSource.initialize();
  try {
    const repository = new OrdersRepository(dataSource, new OrderListOptions());
    const started = performance.now();
    for (let page = 0; page < RECORDS / PAGE; page++) {
      const orders: ImportedOrder[] = Array.from({ length: PAGE }, (_, index) => {
        const i = page * PAGE + index;
        return {
          recordId: `recBench${String(i).padStart(9, '0')}`,
          orderId: `ORD-${i}`,
          customer: `Customer ${i % 997}`,
          status: ORDER_STATUSES[i % ORDER_STATUSES.length],
          priority: ORDER_PRIORITIES[i % ORDER_PRIORITIES.length],
          total: ((i % 100_000) / 100).toFixed(2),
          orderDate: `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`,
          airtableModifiedAt: new Date(),
        };
      });
      await repository.upsert(orders);
    }
    return RECORDS / ((performance.now() - started) / 1000);
  } finally {
    await dataSource.destroy();
  }
}

/** Airtable calls the service made, by outcome, from its /metrics. */
export async function airtableOutcomes(service: ServiceProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^upstream_requests_total\{upstream="airtable",outcome="([^"]+)"\} (\d+)/gm))
    outcomes[match[1]] = Number(match[2]);
  return outcomes;
}

/**
 * Benchmark 3 (P3): importing 50,000 records from the Airtable simulator enforcing
 * 5 requests/s per base (a sliding one-second window, 30 s penalty after a 429),
 * with AIRTABLE_REQUESTS_PER_SECOND=5, against the bound that limit sets; a run
 * that changes nothing; and the rows/s of the local upsert on its own.
 */
export async function benchOrdersImport(service: ServiceProcess, airtable: AirtableSimulator, databaseUrl: string): Promise<Section> {
  const pages = Math.ceil(RECORDS / PAGE);
  const boundSeconds = pages / 5;
  airtable.seedRecords(RECORDS, 7);
  const first = await runSync(service);
  const noChange = await runSync(service);
  const outcomes = await airtableOutcomes(service);
  const rowsPerSecond = await upsertRowsPerSecond(databaseUrl);
  const percentOfBound = (first.wallMs / 1000 / boundSeconds) * 100;
  return {
    title: `3. Airtable import of ${RECORDS.toLocaleString('en')} records (simulator enforcing 5 requests/s)`,
    lines: [
      `Service with AIRTABLE_REQUESTS_PER_SECOND=5. Airtable calls by outcome: ${JSON.stringify(outcomes)}; **${outcomes['429'] ?? 0} answered 429**.`,
      '',
      '| run | wall time | fetched | created | updated | unchanged |',
      '|---|---|---|---|---|---|',
      `| first import | ${(first.wallMs / 1000).toFixed(1)} s | ${first.run.fetched} | ${first.run.created} | ${first.run.updated} | ${first.run.unchanged} |`,
      `| no-change incremental run | ${(noChange.wallMs / 1000).toFixed(2)} s | ${noChange.run.fetched} | ${noChange.run.created} | ${noChange.run.updated} | ${noChange.run.unchanged} |`,
      '',
      `Bound set by the rate limit: ${pages} pages / 5 per second = ${boundSeconds.toFixed(0)} s. The import took **${percentOfBound.toFixed(1)} %** of it (target: within 10 %, i.e. <= 110 %).`,
      `Local upsert alone (one INSERT ... ON CONFLICT per 100-row page, statement triggers included): ${rowsPerSecond.toFixed(0)} rows/s.`,
      'Targets: within 10 % of the bound; no-change run under 1 s.',
    ],
  };
}
