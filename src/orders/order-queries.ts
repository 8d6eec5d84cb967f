import { OrderFilters, OrderSort } from './order.types';

/** A WHERE clause and its parameters, numbered from `$1`. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The filters as SQL, for `orders` or for `order_stats` (which has no customer:
 * callers go to `orders` when a customer is asked for).
 */
export function filterCondition(filters: OrderFilters): SqlCondition {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filters.status) add((p) => `status = ${p}`, filters.status);
  if (filters.priority) add((p) => `priority = ${p}`, filters.priority);
  if (filters.startDate) add((p) => `order_date >= ${p}::date`, filters.startDate);
  if (filters.endDate) add((p) => `order_date <= ${p}::date`, filters.endDate);
  if (filters.customer) add((p) => `customer ILIKE ${p}`, `%${escapeLike(filters.customer)}%`);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const SORT_COLUMNS: Record<string, string> = { orderDate: 'order_date', total: 'total', customer: 'customer', orderId: 'order_id' };

/** Matches the indexes (`col NULLS FIRST, record_id`) read forwards or backwards: empty values count as the smallest. */
export function orderByClause(sort: OrderSort): string {
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[descending ? sort.slice(1) : sort];
  return descending ? `ORDER BY ${column} DESC NULLS LAST, record_id DESC` : `ORDER BY ${column} ASC NULLS FIRST, record_id ASC`;
}

/** `%`, `_` and `\` in what the user typed match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
