import { NotConfiguredError } from '../common/errors/domain-error';
import { ImportedOrder, OrderPriority, OrderStatus } from './order.types';

/** One record of the source, mapped to an order as far as its values allow. */
export interface SourcedOrder {
  recordId: string;
  /** Undefined when the record cannot be stored at all (it has no usable modification time). */
  order: ImportedOrder | undefined;
  /** Why fields were left empty, or why the record was skipped; empty when it fitted. */
  problems: string[];
}

export interface SourcePage {
  orders: SourcedOrder[];
  /** The listing started over (its cursor expired): records already seen may come again. */
  restarted: boolean;
}

export interface ListOrdersOptions {
  /** Only orders modified after this instant; every order when unset. */
  modifiedSince?: Date;
  pageSize?: number;
  /** Stops between requests and during waits (shutdown). */
  signal?: AbortSignal;
}

export interface OrderEdit {
  status?: OrderStatus;
  priority?: OrderPriority;
}

/** What order imports and edits answer while the source is not configured. The one place that builds it. */
export function orderSourceNotConfigured(): NotConfiguredError {
  return new NotConfiguredError(
    'AirtableNotConfigured',
    'Airtable is not configured on this server (AIRTABLE_TOKEN, AIRTABLE_BASE_ID and AIRTABLE_TABLE_ID); orders cannot be imported or edited.',
  );
}

/**
 * Where orders come from and where their edits go (the Orders table in Airtable, bound in OrdersModule),
 * in our terms: orders, not records and fields. Implementations pace themselves under the source's rate
 * limit and throw only domain errors: UpstreamError (kind 'not_found' for an order the source no longer
 * has), and orderSourceNotConfigured() when isConfigured() is false.
 */
export abstract class OrderSource {
  abstract isConfigured(): boolean;

  /** Every matching order, page by page, each record mapped (or skipped with its problems). */
  abstract listOrders(options?: ListOrdersOptions): AsyncIterable<SourcePage>;

  /** Applies the edit in the source and answers the order as the source now holds it. */
  abstract updateOrder(recordId: string, edit: OrderEdit): Promise<{ order: ImportedOrder; problems: string[] }>;
}
