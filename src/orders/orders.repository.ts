import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { pageIdsQuery } from './order-page-ids';
import { filterCondition, orderByClause } from './order-queries';
import { ImportedOrder, Order, OrderFilters, OrderSort, OrderSummary, SummaryBucket } from './order.types';
import { OrderListOptions } from './orders.options';

export interface UpsertResult {
  created: number;
  updated: number;
  /** Already held with the same (or a newer) Last Modified time: not rewritten. */
  unchanged: number;
}

/** Who runs a write: the sync's own connection (which holds its lock), or any pooled one. */
type Executor = Pick<QueryRunner, 'query'>;

// The day as text (no time zone games), under another name: ORDER BY order_date must mean the column, not this text.
const ORDER_COLUMNS = `record_id, order_id, customer, status, priority, total, order_date::text AS order_day,
  airtable_modified_at, created_at, updated_at`;

interface OrderRow {
  record_id: string;
  order_id: string | null;
  customer: string | null;
  status: Order['status'];
  priority: Order['priority'];
  total: string | null;
  order_day: string | null;
  airtable_modified_at: Date;
  created_at: Date;
  updated_at: Date;
}

interface SummaryRow {
  by_status: number;
  by_priority: number;
  by_day: number;
  status: Order['status'];
  priority: Order['priority'];
  order_date: string | null;
  orders: string;
  total: string | null;
}

/**
 * The orders table. Counts and sums without a customer filter come from
 * `order_stats`, which triggers keep exact (see the migration); with one, from
 * the orders themselves through the trigram index.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listOptions: OrderListOptions,
  ) {}

  async findByRecordId(recordId: string): Promise<Order | null> {
    const rows: OrderRow[] = await this.dataSource.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE record_id = $1`, [recordId]);
    return rows.length ? toOrder(rows[0]) : null;
  }

  /**
   * One page. With `fewMatches` (a customer search that matches few orders), the matches are gathered first
   * through the trigram index and then sorted; otherwise the sort index is walked and filtered as it goes,
   * which is faster when matches are common but slow when they are rare (ILIKE costs more than the planner thinks),
   * or, for a deep page sorted by order date, read from the page's day on (see pageIdsQuery).
   */
  async list(
    filters: OrderFilters,
    sort: OrderSort,
    limit: number,
    offset: number,
    options: { fewMatches?: boolean } = {},
  ): Promise<Order[]> {
    if (options.fewMatches) {
      const where = filterCondition(filters);
      const n = where.params.length;
      const sql = `WITH matches AS MATERIALIZED (SELECT * FROM orders ${where.sql})
        SELECT ${ORDER_COLUMNS} FROM matches ${orderByClause(sort)} LIMIT $${n + 1} OFFSET $${n + 2}`;
      const matches: OrderRow[] = await this.dataSource.query(sql, [...where.params, limit, offset]);
      return matches.map(toOrder);
    }
    // A deferred join: the page's record ids first, then only those rows.
    const ids = pageIdsQuery(filters, sort, limit, offset, this.listOptions.seekFromOffset);
    const sql = `SELECT ${ORDER_COLUMNS} FROM orders WHERE record_id IN (${ids.sql}) ${orderByClause(sort)}`;
    const rows: OrderRow[] = await this.dataSource.query(sql, ids.params);
    return rows.map(toOrder);
  }

  async count(filters: OrderFilters): Promise<number> {
    const where = filterCondition(filters);
    const sql = filters.customer
      ? `SELECT count(*) AS orders FROM orders ${where.sql}`
      : `SELECT coalesce(sum(orders), 0) AS orders FROM order_stats ${where.sql}`;
    const [row] = (await this.dataSource.query(sql, where.params)) as { orders: string }[];
    return Number(row.orders);
  }

  /** Totals by status, by priority and by day, and overall, in one pass over the rows. */
  async summary(filters: OrderFilters): Promise<OrderSummary> {
    const where = filterCondition(filters);
    const [source, count, total] = filters.customer ? ['orders', 'count(*)', 'sum(total)'] : ['order_stats', 'sum(orders)', 'sum(total)'];
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT GROUPING(status) AS by_status, GROUPING(priority) AS by_priority, GROUPING(order_date) AS by_day,
              status, priority, order_date::text AS order_date, ${count} AS orders, ${total} AS total
       FROM ${source} ${where.sql}
       GROUP BY GROUPING SETS ((status), (priority), (order_date), ())`,
      where.params,
    );
    return toSummary(rows);
  }

  /** Moves whenever an order changes (kept by the same triggers), so anything computed from orders can be cached by it. */
  async dataVersion(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT version FROM order_data_version`)) as { version: string }[];
    return row.version;
  }

  /**
   * One multi-row INSERT ... ON CONFLICT for the whole batch. An order is rewritten only when the incoming
   * Last Modified time is newer (or, with `sameVersionWins`, not older): an old copy never overwrites a newer one.
   */
  async upsert(orders: ImportedOrder[], options: { executor?: Executor; sameVersionWins?: boolean } = {}): Promise<UpsertResult> {
    if (orders.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    const executor = options.executor ?? this.dataSource;
    const newer = options.sameVersionWins ? '<=' : '<';
    const rows: { inserted: boolean }[] = await executor.query(
      `INSERT INTO orders AS o (record_id, order_id, customer, status, priority, total, order_date, airtable_modified_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::numeric[], $7::date[], $8::timestamptz[])
       ON CONFLICT (record_id) DO UPDATE SET
         order_id = EXCLUDED.order_id, customer = EXCLUDED.customer, status = EXCLUDED.status, priority = EXCLUDED.priority,
         total = EXCLUDED.total, order_date = EXCLUDED.order_date, airtable_modified_at = EXCLUDED.airtable_modified_at,
         updated_at = now()
       WHERE o.airtable_modified_at ${newer} EXCLUDED.airtable_modified_at
       RETURNING (xmax = 0) AS inserted`,
      [
        orders.map((order) => order.recordId),
        orders.map((order) => order.orderId),
        orders.map((order) => order.customer),
        orders.map((order) => order.status),
        orders.map((order) => order.priority),
        orders.map((order) => order.total),
        orders.map((order) => order.orderDate),
        orders.map((order) => order.airtableModifiedAt.toISOString()),
      ],
    );
    const created = rows.filter((row) => row.inserted).length;
    return { created, updated: rows.length - created, unchanged: orders.length - rows.length };
  }

  /** Record ids in id order after `after`, for walking the whole table in slices. */
  async recordIdsAfter(after: string | null, limit: number, executor?: Executor): Promise<string[]> {
    const rows: { record_id: string }[] = await (executor ?? this.dataSource).query(
      `SELECT record_id FROM orders WHERE $1::varchar IS NULL OR record_id > $1 ORDER BY record_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.record_id);
  }

  async deleteByRecordIds(recordIds: string[], executor?: Executor): Promise<number> {
    if (recordIds.length === 0) return 0;
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, deleted] = (await (executor ?? this.dataSource).query(`DELETE FROM orders WHERE record_id = ANY($1::varchar[])`, [
      recordIds,
    ])) as [unknown[], number];
    return deleted;
  }
}

function toOrder(row: OrderRow): Order {
  return {
    recordId: row.record_id,
    orderId: row.order_id,
    customer: row.customer,
    status: row.status,
    priority: row.priority,
    total: row.total,
    orderDate: row.order_day,
    airtableModifiedAt: row.airtable_modified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSummary(rows: SummaryRow[]): OrderSummary {
  const bucket = (row: SummaryRow): SummaryBucket => ({ count: Number(row.orders), total: row.total ?? '0.00' });
  const summary: OrderSummary = { count: 0, total: '0.00', byStatus: [], byPriority: [], byDay: [] };
  for (const row of rows) {
    if (Number(row.orders) === 0) continue;
    const grouped = [row.by_status, row.by_priority, row.by_day].map(Number);
    if (grouped.every((flag) => flag === 1)) Object.assign(summary, bucket(row));
    else if (grouped[0] === 0) summary.byStatus.push({ status: row.status, ...bucket(row) });
    else if (grouped[1] === 0) summary.byPriority.push({ priority: row.priority, ...bucket(row) });
    else if (row.order_date !== null) summary.byDay.push({ date: row.order_date, ...bucket(row) });
  }
  summary.byDay.sort((a, b) => a.date.localeCompare(b.date));
  return summary;
}
