import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError, NotFoundError, UpstreamError } from '../common/errors/domain-error';
import { makePage, Page } from '../common/http/pagination';
import { AppCache } from '../infra/cache/app-cache';
import { OrderEdit, OrderSource, orderSourceNotConfigured } from './order-source.port';
import { Order, ORDER_PRIORITIES, ORDER_STATUSES, OrderFilters, OrderSort, OrderSummary, SummaryBucket } from './order.types';
import { OrdersRepository } from './orders.repository';

export type OrderChanges = OrderEdit;

/** Counts, summaries and pages of a customer search read many rows; they are cached under the data version, so never stale. */
const CACHE_TTL_MS = 10 * 60_000;

@Injectable()
export class OrdersService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly orders: OrdersRepository,
    private readonly source: OrderSource,
    private readonly cache: AppCache,
  ) {}

  async list(filters: OrderFilters, sort: OrderSort, page: number, pageSize: number): Promise<Page<Order>> {
    const offset = (page - 1) * pageSize;
    if (!filters.customer) {
      const [items, total] = await Promise.all([this.orders.list(filters, sort, pageSize, offset), this.orders.count(filters)]);
      return makePage(items, page, pageSize, total);
    }
    const version = await this.orders.dataVersion();
    const total = await this.cached(version, 'count', filters, () => this.orders.count(filters));
    const items =
      total <= offset
        ? []
        : await this.cached(version, `page:${sort}:${page}:${pageSize}`, filters, async () => {
            // Walking the sort index reads about all/matches rows per row wanted; gathering the matches reads each once.
            const all = await this.orders.count({});
            return this.orders.list(filters, sort, pageSize, offset, { fewMatches: total * total < all * (offset + pageSize) });
          });
    return makePage(items.map(revived), page, pageSize, total);
  }

  /** Every status and priority of the contract appears (zero when none); orders whose value did not fit appear as null. */
  async summary(filters: OrderFilters): Promise<OrderSummary> {
    // Without a customer the stats table answers in a few milliseconds: caching would only add a round trip.
    const summary = filters.customer
      ? await this.cached(await this.orders.dataVersion(), 'summary', filters, () => this.orders.summary(filters))
      : await this.orders.summary(filters);
    return {
      ...summary,
      byStatus: complete(summary.byStatus, 'status', ORDER_STATUSES),
      byPriority: complete(summary.byPriority, 'priority', ORDER_PRIORITIES),
    };
  }

  async get(recordId: string): Promise<Order> {
    const order = await this.orders.findByRecordId(recordId);
    if (!order) throw new NotFoundError('OrderNotFound', `There is no order with record id ${recordId}.`);
    return order;
  }

  /**
   * Airtable first, then here: once Airtable has the change, the local copy takes Airtable's answer (with
   * its new Last Modified time), so no later import can undo it. If Airtable fails nothing changes.
   */
  async update(recordId: string, changes: OrderChanges): Promise<Order> {
    if (changes.status === undefined && changes.priority === undefined) {
      throw new InvalidInputError('NothingToUpdate', 'Give at least one of status and priority.', [
        { field: 'status', message: 'status or priority is required' },
      ]);
    }
    if (!this.source.isConfigured()) throw orderSourceNotConfigured();
    await this.get(recordId);
    const { order, problems } = await this.source.updateOrder(recordId, changes).catch((error: unknown) => {
      if (error instanceof UpstreamError && error.kind === 'not_found') {
        throw new NotFoundError('OrderNotFound', `Airtable no longer has the order ${recordId}; the next full import will remove it here.`);
      }
      throw error;
    });
    if (problems.length > 0) this.logger.warn({ msg: 'edited order has fields that do not fit', recordId, problems });
    await this.orders.upsert([order], { sameVersionWins: true });
    return this.get(recordId);
  }

  private async cached<T>(version: string, kind: string, filters: OrderFilters, compute: () => Promise<T>): Promise<T> {
    const key = `orders:${kind}:v${version}:${JSON.stringify(normalised(filters))}`;
    const hit = await this.cache.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    await this.cache.set(key, value, CACHE_TTL_MS);
    return value;
  }
}

/** A page back from a JSON cache (Redis) has its dates as text. */
function revived(order: Order): Order {
  return {
    ...order,
    airtableModifiedAt: new Date(order.airtableModifiedAt),
    createdAt: new Date(order.createdAt),
    updatedAt: new Date(order.updatedAt),
  };
}

function normalised(filters: OrderFilters): OrderFilters {
  const { status, priority, customer, startDate, endDate } = filters;
  return { status, priority, customer: customer?.toLowerCase(), startDate, endDate };
}

function complete<K extends 'status' | 'priority', B extends SummaryBucket & Record<K, string | null>>(
  buckets: B[],
  key: K,
  values: readonly string[],
): B[] {
  const byValue = new Map<string | null, B>(buckets.map((bucket) => [bucket[key], bucket]));
  const known = values.map((value) => byValue.get(value) ?? ({ [key]: value, count: 0, total: '0.00' } as unknown as B));
  return [...known, ...buckets.filter((bucket) => bucket[key] === null)];
}
