import { filterCondition, orderByClause, SqlCondition } from './order-queries';
import { OrderFilters, OrderSort } from './order.types';

/**
 * The record ids of one page (for a deferred join: only those rows are then read). Usually the sort index is walked
 * up to the offset, an index-only scan that skips index entries, not table rows; from `seekFromOffset` on, a list
 * sorted by order date starts at the day where the offset falls instead.
 */
export function pageIdsQuery(filters: OrderFilters, sort: OrderSort, limit: number, offset: number, seekFromOffset: number): SqlCondition {
  if (offset >= seekFromOffset && canSeekByDay(filters, sort)) return dayAlignedPageIds(filters, sort, limit, offset);
  const where = filterCondition(filters);
  const n = where.params.length;
  return {
    sql: `SELECT record_id FROM orders ${where.sql} ${orderByClause(sort)} LIMIT $${n + 1} OFFSET $${n + 2}`,
    params: [...where.params, limit, offset],
  };
}

/** The per-day counts of `order_stats` can place an offset only in a list sorted by order date and filtered by what they hold. */
function canSeekByDay(filters: OrderFilters, sort: OrderSort): boolean {
  return !filters.customer && (sort === 'orderDate' || sort === '-orderDate');
}

/**
 * The record ids of one page of a list sorted by order date, without walking the sort index up to the offset.
 *
 * The per-day counts of `order_stats` (same filters) give the day where the offset falls and how many rows come
 * before that day; the index is then read from that day on, skipping only rows of that day. Orders without a date
 * sort as the smallest day (`-infinity`): after every dated order when newest first, before them when oldest
 * first. No index range holds "up to this day, then the undated", so they have a branch of their own.
 *
 * One statement, hence one snapshot: the counts and the rows always agree, whatever an import commits meanwhile.
 */
function dayAlignedPageIds(filters: OrderFilters, sort: OrderSort, limit: number, offset: number): SqlCondition {
  const where = filterCondition(filters);
  const n = where.params.length;
  const [limitParam, offsetParam] = [`$${n + 1}`, `$${n + 2}::bigint`];
  const descending = sort.startsWith('-');
  const orderBy = orderByClause(sort);
  const start = (column: 'day' | 'skip') => `(SELECT ${column} FROM start)`;
  const and = (condition: string) => (where.sql ? `${where.sql} AND ${condition}` : `WHERE ${condition}`);
  // Each branch sorted and limited on its own: the planner then merges two short index scans instead of sorting.
  const branch = (condition: string) =>
    `(SELECT record_id, order_date FROM orders ${and(condition)} ${orderBy} LIMIT ${start('skip')} + ${limitParam})`;
  // Without a start (no counts at all) neither branch yields a row.
  const [dated, undated] = descending
    ? [`order_date <= ${start('day')}`, `order_date IS NULL AND ${start('day')} IS NOT NULL`]
    : [`order_date >= ${start('day')}`, `order_date IS NULL AND ${start('day')} = '-infinity'`];
  const sql = `
    WITH days AS (
      SELECT coalesce(order_date, '-infinity') AS day, sum(orders) AS orders FROM order_stats ${where.sql}
      GROUP BY 1 HAVING sum(orders) > 0
    ), start AS (
      SELECT day, ${offsetParam} - before AS skip
      FROM (SELECT day, sum(orders) OVER (ORDER BY day ${descending ? 'DESC' : 'ASC'}) - orders AS before FROM days) AS placed
      WHERE before <= ${offsetParam} ORDER BY before DESC LIMIT 1
    )
    SELECT record_id FROM (${branch(dated)} UNION ALL ${branch(undated)}) AS from_start
    ${orderBy} LIMIT ${limitParam} OFFSET ${start('skip')}`;
  return { sql, params: [...where.params, limit, offset] };
}
