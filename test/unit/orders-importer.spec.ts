import { AirtableOrderSource } from '../../src/orders/airtable-order-source';
import { AirtablePage, AirtablePort, AirtableRecord, ListRecordsOptions, RecordUpdate } from '../../src/orders/airtable.port';
import { ImportPlan, OrderImporter } from '../../src/orders/order-importer';
import { HeldSyncLock } from '../../src/orders/order-sync.lock';
import { ImportedOrder } from '../../src/orders/order.types';
import { OrderSyncOptions } from '../../src/orders/orders.options';
import { OrdersRepository, UpsertResult } from '../../src/orders/orders.repository';
import { emptyFigures, SyncFigures } from '../../src/orders/sync-run.types';
import { SyncRunsRepository } from '../../src/orders/sync-runs.repository';

/** Airtable's table as a list of pages, recording what it was asked; the importer sees it through the real AirtableOrderSource. */
class FakeAirtable extends AirtablePort {
  asked: ListRecordsOptions[] = [];
  updates: RecordUpdate[] = [];
  constructor(private readonly pages: AirtablePage[]) {
    super();
  }
  isConfigured() {
    return true;
  }
  async *listRecords(options: ListRecordsOptions = {}): AsyncIterable<AirtablePage> {
    this.asked.push(options);
    for (const page of this.pages) yield page;
  }
  async updateRecords(updates: RecordUpdate[]): Promise<AirtableRecord[]> {
    this.updates.push(...updates);
    return updates.map(({ id, fields }) => record(id, '2025-02-01T00:00:00Z', fields));
  }
}

/** The orders table as a map, with the repository's newer-wins rule. */
class FakeOrders {
  rows = new Map<string, ImportedOrder>();
  batches: number[] = [];
  async upsert(orders: ImportedOrder[]): Promise<UpsertResult> {
    this.batches.push(orders.length);
    const result = { created: 0, updated: 0, unchanged: 0 };
    for (const order of orders) {
      const held = this.rows.get(order.recordId);
      if (!held) result.created += 1;
      else if (held.airtableModifiedAt < order.airtableModifiedAt) result.updated += 1;
      else {
        result.unchanged += 1;
        continue;
      }
      this.rows.set(order.recordId, order);
    }
    return result;
  }
  async recordIdsAfter(after: string | null, limit: number): Promise<string[]> {
    return [...this.rows.keys()]
      .sort()
      .filter((id) => after === null || id > after)
      .slice(0, limit);
  }
  async deleteByRecordIds(ids: string[]): Promise<number> {
    return ids.filter((id) => this.rows.delete(id)).length;
  }
}

const progress: SyncFigures[] = [];
const runs = {
  saveProgress: async (_id: number, figures: SyncFigures) => void progress.push({ ...figures }),
} as unknown as SyncRunsRepository;
const lock = { connection: {}, release: async () => undefined } as unknown as HeldSyncLock;

const record = (id: string, modified: string, fields: Record<string, unknown> = {}): AirtableRecord => ({
  id,
  fields: {
    'Order ID': id,
    Customer: 'C',
    Status: 'Sent',
    Priority: 'Low',
    Total: 1,
    'Order Date': '2025-01-01',
    'Last Modified': modified,
    ...fields,
  },
});

function importer(pages: AirtablePage[], orders = new FakeOrders(), options = new OrderSyncOptions()) {
  const airtable = new FakeAirtable(pages);
  return {
    airtable,
    orders,
    importer: new OrderImporter(new AirtableOrderSource(airtable), orders as unknown as OrdersRepository, runs, options),
  };
}

const FULL: ImportPlan = { runId: 1, fullPass: true, modifiedSince: null, previousHighWaterMark: null, maxDeleteRatio: null };

describe('OrderImporter', () => {
  it('counts skipped and incomplete records, keeps the newer of two copies, and writes one batch per page', async () => {
    const { importer: subject, orders } = importer([
      {
        records: [
          record('rec1', '2025-01-01T00:00:00Z'),
          record('rec2', 'not a date'),
          record('rec3', '2025-01-02T00:00:00Z', { Status: 'On Hold' }),
        ],
        restarted: false,
      },
      {
        records: [record('rec4', '2025-01-03T00:00:00Z'), record('rec4', '2025-01-04T00:00:00Z', { Customer: 'Newer' })],
        restarted: false,
      },
    ]);
    const figures = emptyFigures();
    const mark = await subject.execute(FULL, lock, figures, new AbortController().signal);
    expect(figures).toEqual({
      fetched: 5,
      created: 3,
      updated: 0,
      unchanged: 1,
      deleted: 0,
      withheldDeletions: 0,
      skipped: 1,
      incomplete: 1,
    });
    expect(orders.batches).toEqual([2, 1]);
    expect(orders.rows.get('rec4')?.customer).toBe('Newer');
    expect(orders.rows.get('rec3')?.status).toBeNull();
    expect(orders.rows.has('rec2')).toBe(false);
    expect(mark).toEqual(new Date('2025-01-04T00:00:00Z'));
  });

  it('removes on a full pass what Airtable no longer has, but keeps what it skipped', async () => {
    const orders = new FakeOrders();
    for (const id of ['recA', 'recB', 'recC', 'recD'])
      orders.rows.set(id, { recordId: id, airtableModifiedAt: new Date(0) } as ImportedOrder);
    const { importer: subject } = importer(
      [{ records: [record('recA', '2025-01-01T00:00:00Z'), record('recC', 'garbage')], restarted: false }],
      orders,
    );
    const figures = emptyFigures();
    await subject.execute(FULL, lock, figures, new AbortController().signal);
    expect(figures.deleted).toBe(2);
    expect([...orders.rows.keys()].sort()).toEqual(['recA', 'recC']);
  });

  it('withholds every deletion of a full pass that would remove more than the set share of the orders', async () => {
    const orders = new FakeOrders();
    const ids = Array.from({ length: 20 }, (_, index) => `rec${String(index).padStart(2, '0')}`);
    for (const id of ids) orders.rows.set(id, { recordId: id, airtableModifiedAt: new Date(0) } as ImportedOrder);
    const listing = (kept: string[]) => [{ records: kept.map((id) => record(id, '2025-01-01T00:00:00Z')), restarted: false }];

    // 3 of 20 gone is 15 %: more than 10 %, so none goes.
    const braked = emptyFigures();
    await importer(listing(ids.slice(3)), orders).importer.execute(
      { ...FULL, maxDeleteRatio: 0.1 },
      lock,
      braked,
      new AbortController().signal,
    );
    expect({ deleted: braked.deleted, withheldDeletions: braked.withheldDeletions }).toEqual({ deleted: 0, withheldDeletions: 3 });
    expect(orders.rows.size).toBe(20);

    // 2 of 20 is exactly 10 %: allowed.
    const within = emptyFigures();
    await importer(listing(ids.slice(2)), orders).importer.execute(
      { ...FULL, maxDeleteRatio: 0.1 },
      lock,
      within,
      new AbortController().signal,
    );
    expect({ deleted: within.deleted, withheldDeletions: within.withheldDeletions }).toEqual({ deleted: 2, withheldDeletions: 0 });

    // An admin's allowMassDelete (no ratio) lets a run delete them all but one.
    const allowed = emptyFigures();
    await importer(listing(ids.slice(19)), orders).importer.execute(
      { ...FULL, maxDeleteRatio: null },
      lock,
      allowed,
      new AbortController().signal,
    );
    expect(allowed.deleted).toBe(17);
    expect([...orders.rows.keys()]).toEqual([ids[19]]);
  });

  it('asks only for records modified since the bound on an incremental run, and deletes nothing', async () => {
    const orders = new FakeOrders();
    orders.rows.set('recGone', { recordId: 'recGone', airtableModifiedAt: new Date(0) } as ImportedOrder);
    const { importer: subject, airtable } = importer([{ records: [], restarted: false }], orders);
    const previous = new Date('2025-01-01T00:00:00Z');
    const mark = await subject.execute(
      { runId: 2, fullPass: false, modifiedSince: new Date('2024-12-31T23:55:00Z'), previousHighWaterMark: previous, maxDeleteRatio: 0.1 },
      lock,
      emptyFigures(),
      new AbortController().signal,
    );
    expect(airtable.asked[0].filterByFormula).toBe("IS_AFTER({Last Modified}, DATETIME_PARSE('2024-12-31T23:55:00.000Z'))");
    expect(airtable.asked[0].fields).toEqual(['Order ID', 'Customer', 'Status', 'Priority', 'Total', 'Order Date', 'Last Modified']);
    expect(mark).toBe(previous);
    expect(orders.rows.has('recGone')).toBe(true);
  });

  it('gives up when the listing keeps restarting', async () => {
    const options = Object.assign(new OrderSyncOptions(), { maxListingRestarts: 1 });
    const page = (restarted: boolean) => ({ records: [record('rec1', '2025-01-01T00:00:00Z')], restarted });
    const { importer: subject } = importer([page(false), page(true), page(true)], new FakeOrders(), options);
    await expect(subject.execute(FULL, lock, emptyFigures(), new AbortController().signal)).rejects.toThrow(/expired 2 times/);
  });

  it('stops between pages when aborted, with the figures so far', async () => {
    const abort = new AbortController();
    const { importer: subject } = importer([
      { records: [record('rec1', '2025-01-01T00:00:00Z')], restarted: false },
      { records: [record('rec2', '2025-01-01T00:00:00Z')], restarted: false },
    ]);
    const figures = emptyFigures();
    abort.abort();
    await expect(subject.execute(FULL, lock, figures, abort.signal)).rejects.toThrow(/abort/i);
    expect(figures).toMatchObject({ fetched: 1, created: 1 });
  });

  it('goes through many records with problems, counting them all', async () => {
    const records = Array.from({ length: 60 }, (_, i) => record(`rec${i}`, '2025-01-01T00:00:00Z', { Status: 'Lost' }));
    const { importer: subject } = importer([{ records, restarted: false }]);
    const figures = emptyFigures();
    await subject.execute(FULL, lock, figures, new AbortController().signal);
    expect(figures).toMatchObject({ created: 60, incomplete: 60 });
  });
});

describe('AirtableOrderSource', () => {
  it('turns an edit into Airtable fields and answers the order as Airtable now holds it', async () => {
    const airtable = new FakeAirtable([]);
    const answer = await new AirtableOrderSource(airtable).updateOrder('rec9', { priority: 'High' });
    expect(airtable.updates).toEqual([{ id: 'rec9', fields: { Priority: 'High' } }]);
    expect(answer).toEqual({
      order: expect.objectContaining({ recordId: 'rec9', priority: 'High', airtableModifiedAt: new Date('2025-02-01T00:00:00Z') }),
      problems: [],
    });
  });

  it('maps every listed record, keeping the ones it must skip with their problems', async () => {
    const airtable = new FakeAirtable([
      { records: [record('rec1', '2025-01-01T00:00:00Z'), record('rec2', 'not a date')], restarted: true },
    ]);
    const pages = [];
    for await (const page of new AirtableOrderSource(airtable).listOrders({ pageSize: 7 })) pages.push(page);
    expect(pages).toEqual([
      {
        restarted: true,
        orders: [
          { recordId: 'rec1', order: expect.objectContaining({ recordId: 'rec1', orderId: 'rec1' }), problems: [] },
          { recordId: 'rec2', order: undefined, problems: [expect.stringMatching(/Last Modified/)] },
        ],
      },
    ]);
    expect(airtable.asked[0]).toMatchObject({ pageSize: 7, filterByFormula: undefined });
  });
});
