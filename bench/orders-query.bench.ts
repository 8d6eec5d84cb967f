import { Client } from 'pg';
import { filterCondition, orderByClause } from '../src/orders/order-queries';
import type { OrderFilters, OrderSort } from '../src/orders/order.types';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';
import { ms, percentile, timeSequential } from './support/stats';

const ROWS = Number(process.env.BENCH_ORDER_ROWS ?? 1_000_000);
const SAMPLES = 30;
const ADMIN = { authorization: 'Bearer abcdef1234567890' };

/** A million plausible orders straight into PostgreSQL (the statement triggers keep order_stats exact). */
async function generateOrders(db: Client): Promise<number> {
  const started = performance.now();
  await db.query('TRUNCATE orders');
  await db.query('DELETE FROM order_stats');
  await db.query(`
    INSERT INTO orders (record_id, order_id, customer, status, priority, total, order_date, airtable_modified_at)
    SELECT 'rec' || lpad(to_hex(i), 14, '0'),
           'ORD-' || i,
           (ARRAY['Ada Lovelace','Grace Hopper','Alan Turing','Katherine Johnson','Linus Smith','Margaret Hamilton',
                  'Barbara Liskov','Donald Knuth','Edsger Dijkstra','Frances Allen'])[(1 + i % 10)::int] || ' ' || (i % 997)::int,
           (ARRAY['Pending','Processing','Sent','Delivered','Cancelled'])[(1 + (i * 7) % 5)::int],
           (ARRAY['Low','Medium','High'])[(1 + (i * 13) % 3)::int],
           round((((i * 7919) % 100000) / 100.0)::numeric, 2),
           DATE '2024-01-01' + ((i * 31) % 730)::int,
           now()
    FROM generate_series(1::bigint, $1::bigint) AS i`, [ROWS]);
  await db.query('VACUUM ANALYZE orders');
  await db.query('ANALYZE order_stats');
  return performance.now() - started;
}

async function explain(db: Client, filters: OrderFilters, sort: OrderSort, offset: number): Promise<string> {
  const where = filterCondition(filters);
  const n = where.params.length;
  // The repository's list query: the page's ids from the sort index, then those rows (a deferred join).
  const sql = `SELECT * FROM orders WHERE record_id IN (SELECT record_id FROM orders ${where.sql} ${orderByClause(sort)} LIMIT $${n + 1} OFFSET $${n + 2}) ${orderByClause(sort)}`;
  const { rows } = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, [...where.params, 20, offset]);
  return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
}

/** Benchmark 4: the orders list and summary over a million rows, p50/p95 over HTTP, and the plans they rely on. */
export async function benchOrderQueries(service: ServiceProcess, databaseUrl: string): Promise<Section> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const generationMs = await generateOrders(db);
    const cases: Array<[string, string]> = [
      ['list, no filter (newest first)', '/api/v1/orders'],
      ['list, status=Sent', '/api/v1/orders?status=Sent'],
      ['list, priority=High', '/api/v1/orders?priority=High'],
      ['list, customer=hopper (substring)', '/api/v1/orders?customer=hopper'],
      ['list, customer=lovelace 42 (rare)', '/api/v1/orders?customer=lovelace%2042'],
      ['list, one quarter of dates', '/api/v1/orders?startDate=2025-01-01&endDate=2025-03-31'],
      ['list, sort=-total', '/api/v1/orders?sort=-total'],
      ['list, status+priority+dates', '/api/v1/orders?status=Pending&priority=Low&startDate=2024-06-01&endDate=2024-12-31'],
      ['list, deep page (page 5000 of 20)', '/api/v1/orders?page=5000&pageSize=20'],
      ['summary, no filter', '/api/v1/orders/summary'],
      ['summary, status=Delivered', '/api/v1/orders/summary?status=Delivered'],
      ['summary, one quarter', '/api/v1/orders/summary?startDate=2025-01-01&endDate=2025-03-31'],
      ['summary, customer=turing', '/api/v1/orders/summary?customer=turing'],
    ];
    const rows: string[] = [];
    for (const [name, path] of cases) {
      const get = async () => {
        const response = await fetch(service.url + path, { headers: ADMIN });
        await response.text();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      };
      await get();
      const samples = await timeSequential(SAMPLES, get);
      rows.push(`| ${name} | \`${path.replace('/api/v1', '')}\` | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} |`);
    }
    const plans = [
      ['newest first', await explain(db, {}, '-orderDate', 0)],
      ['status=Sent', await explain(db, { status: 'Sent' }, '-orderDate', 0)],
      ['customer=hopper', await explain(db, { customer: 'hopper' }, '-orderDate', 0)],
      ['deep page, offset 99,980', await explain(db, {}, '-orderDate', 99_980)],
    ];
    return {
      title: `4. Orders on ${ROWS.toLocaleString('en')} rows: list and summary`,
      lines: [
        `Rows generated with one INSERT ... SELECT generate_series (then VACUUM ANALYZE, as autovacuum would) in ${(generationMs / 1000).toFixed(1)} s. ${SAMPLES} sequential requests per case over HTTP (admin token), after one warm-up.`,
        '',
        '| case | request | p50 | p95 |',
        '|---|---|---|---|',
        ...rows,
        '',
        'Targets: list p95 < 20 ms, summary < 100 ms.',
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
