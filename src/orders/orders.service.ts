import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError, NotConfiguredError, NotFoundError, UpstreamError } from '../common/errors/domain-error';
import { makePage, Page } from '../common/http/pagination';
import { AppCache } from '../infra/cache/app-cache';
import { AIRTABLE_FIELDS, mapAirtableOrder } from './airtable-order.mapper';
import { AirtablePort } from './airtable.port';
import {
  Order,
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  OrderFilters,
  OrderPriority,
  OrderSort,
  OrderStatus,
  OrderSummary,
  SummaryBucket,
} from './order.types';
import { OrdersRepository } from './orders.repository';

export interface OrderChanges {
  status?: OrderStatus;
  priority?: OrderPriority;
}

/** Aggregates over a customer search read many rows; they are cached under the data version, so never stale. */
const AGGREGATE_TTL_MS = 10 * 60_000;

@Injectable()
export class OrdersService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly orders: OrdersRepository,
    private readonly airtable: AirtablePort,
    private readonly cache: AppCache,
  ) {}

  async list(filters: OrderFilters, sort: OrderSort, page: number, pageSize: number): Promise<Page<Order>> {
    const [items, total] = await Promise.all([
      this.orders.list(filters, sort, pageSize, (page - 1) * pageSize),
      this.aggregate('count', filters, () => this.orders.count(filters)),
    ]);
    return makePage(items, page, pageSize, total);
  }

  /** Every status and priority of the contract appears (zero when none); orders whose value did not fit appear as null. */
  async summary(filters: OrderFilters): Promise<OrderSummary> {
    const summary = await this.aggregate('summary', filters, () => this.orders.summary(filters));
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
    const fields: Record<string, string> = {};
    if (changes.status !== undefined) fields[AIRTABLE_FIELDS.status] = changes.status;
    if (changes.priority !== undefined) fields[AIRTABLE_FIELDS.priority] = changes.priority;
    if (Object.keys(fields).length === 0) {
      throw new InvalidInputError('NothingToUpdate', 'Give at least one of status and priority.', [
        { field: 'status', message: 'status or priority is required' },
      ]);
    }
    if (!this.airtable.isConfigured()) {
      throw new NotConfiguredError('AirtableNotConfigured', 'Airtable is not configured on this server: orders cannot be edited.');
    }
    await this.get(recordId);
    const [record] = await this.airtable.updateRecords([{ id: recordId, fields }]).catch((error: unknown) => {
      if (error instanceof UpstreamError && error.kind === 'not_found') {
        throw new NotFoundError('OrderNotFound', `Airtable no longer has the order ${recordId}; the next full import will remove it here.`);
      }
      throw error;
    });
    const { order, problems } = mapAirtableOrder(record);
    if (!order) throw new UpstreamError('upstream_failed', 'airtable', `Airtable answered the update of ${recordId} without a Last Modified time.`);
    if (problems.length > 0) this.logger.warn({ msg: 'edited order has fields that do not fit', recordId, problems });
    await this.orders.upsert([order], { sameVersionWins: true });
    return this.get(recordId);
  }

  private async aggregate<T>(kind: string, filters: OrderFilters, compute: () => Promise<T>): Promise<T> {
    // Without a customer the stats table answers in a few milliseconds: caching would only add a round trip.
    if (!filters.customer) return compute();
    const key = `orders:${kind}:v${await this.orders.dataVersion()}:${JSON.stringify(normalised(filters))}`;
    const cached = await this.cache.get<T>(key);
    if (cached !== undefined) return cached;
    const value = await compute();
    await this.cache.set(key, value, AGGREGATE_TTL_MS);
    return value;
  }
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
