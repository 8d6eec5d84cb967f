/** The order vocabulary of the contract; Airtable's single selects use the same spelling. */
export const ORDER_STATUSES = ['Pending', 'Processing', 'Sent', 'Delivered', 'Cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_PRIORITIES = ['Low', 'Medium', 'High'] as const;
export type OrderPriority = (typeof ORDER_PRIORITIES)[number];

/** `field` ascending, `-field` descending; ties are broken by record id so pages never overlap. */
export const ORDER_SORTS = ['orderDate', '-orderDate', 'total', '-total', 'customer', '-customer', 'orderId', '-orderId'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export const DEFAULT_ORDER_SORT: OrderSort = '-orderDate';

/**
 * An order as stored. Fields other than the record id are null when Airtable's
 * cell was empty or held a value that does not fit (an unknown status, a malformed date).
 */
export interface Order {
  recordId: string;
  orderId: string | null;
  customer: string | null;
  status: OrderStatus | null;
  priority: OrderPriority | null;
  /** Decimal text with two places, exact (`"1234.50"`). */
  total: string | null;
  /** `YYYY-MM-DD`. */
  orderDate: string | null;
  airtableModifiedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** An order read from Airtable, ready to be written. */
export type ImportedOrder = Omit<Order, 'createdAt' | 'updatedAt'>;

export interface OrderFilters {
  status?: OrderStatus;
  priority?: OrderPriority;
  /** Case-insensitive substring of the customer name. */
  customer?: string;
  /** Inclusive `YYYY-MM-DD` bounds on the order date. */
  startDate?: string;
  endDate?: string;
}

export interface SummaryBucket {
  count: number;
  /** Sum of the known totals, decimal text with two places. */
  total: string;
}

export interface OrderSummary extends SummaryBucket {
  byStatus: (SummaryBucket & { status: OrderStatus | null })[];
  byPriority: (SummaryBucket & { priority: OrderPriority | null })[];
  /** Days with at least one order, oldest first; orders without a valid date are left out. */
  byDay: (SummaryBucket & { date: string })[];
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isOrderPriority(value: unknown): value is OrderPriority {
  return typeof value === 'string' && (ORDER_PRIORITIES as readonly string[]).includes(value);
}
