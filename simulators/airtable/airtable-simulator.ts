import { RunningSimulator, seededRandom, startSimulator } from '../simulator-kit';
import { writeInjectedError } from './airtable-errors';
import { registerAirtableRoutes } from './airtable-routes';
import { BaseRateLimiter } from './base-rate-limiter';
import { AirtableOrderFields, ORDERS_TABLE_NAME, SimulatedRecord } from './order-schema';
import { copyRecord, OrderTable } from './order-table';
import { RecordIterators } from './record-iterators';
import { RecordLister } from './record-lister';
import { RecordWrites } from './record-writes';
import { generateSampleOrders, OFF_CONTRACT_STATUS } from './sample-orders';

export type { AirtableOrderFields, SimulatedRecord } from './order-schema';
export { ORDER_PRIORITIES, ORDER_STATUSES, ORDERS_TABLE_NAME } from './order-schema';
export { OFF_CONTRACT_STATUS } from './sample-orders';

export interface AirtableSimulatorOptions {
  port?: number;
  /** Default 'patAirtableSimulator'. */
  token?: string;
  /** Default 'appSimulatedBase01'. */
  baseId?: string;
  /** Default 'tblOrdersSimulat'; the table also answers to its name, 'Orders'. */
  tableId?: string;
  /** Sample size, default 300. */
  records?: number;
  seed?: number;
  /** Add five deliberately broken orders to the sample (see OFF_CONTRACT_STATUS and sample-orders.ts). */
  malformed?: boolean;
  /** Per base, sliding one-second window. Default 5; 0 = unlimited. */
  requestsPerSecond?: number;
  /** After a 429 every request is refused for this long, as Airtable does. Default 30000. */
  rateLimitPenaltyMs?: number;
  /** List iterator lifetime without use. Default 5 minutes. */
  offsetTtlMs?: number;
  /** Record ids, iterator ids and the kit's random faults. Defaults to a generator seeded with `seed`. */
  random?: () => number;
  /** createdTime and Last Modified of new and edited records, NOW() and TODAY(). */
  clock?: () => Date;
}

export interface AirtableSimulator extends RunningSimulator {
  /** What to give `new Airtable({ endpointUrl })`. */
  readonly endpointUrl: string;
  readonly token: string;
  readonly baseId: string;
  readonly tableId: string;
  /** A copy of the table, in creation order. */
  records(): SimulatedRecord[];
  /** Direct state changes for tests (no HTTP, no rate limit, no validation); each bumps Last Modified like a user edit. */
  insertRecord(fields: AirtableOrderFields): SimulatedRecord;
  /** A field given as undefined is cleared. */
  updateRecord(id: string, fields: Partial<AirtableOrderFields>): SimulatedRecord;
  deleteRecord(id: string): void;
  /** Replace the table with `count` generated valid orders. Outstanding offsets stop working. */
  seedRecords(count: number, seed?: number): void;
  /** Every outstanding list offset answers 422 LIST_RECORDS_ITERATOR_NOT_AVAILABLE from now on. */
  expireOffsets(): void;
}

const DEFAULT_SEED = 20_240_501;

export async function startAirtableSimulator(options: AirtableSimulatorOptions = {}): Promise<AirtableSimulator> {
  const token = options.token ?? 'patAirtableSimulator';
  const baseId = options.baseId ?? 'appSimulatedBase01';
  const tableId = options.tableId ?? 'tblOrdersSimulat';
  const seed = options.seed ?? DEFAULT_SEED;
  const random = options.random ?? seededRandom(seed);
  const clock = options.clock ?? (() => new Date());

  const table = new OrderTable(random, clock);
  const iterators = new RecordIterators(options.offsetTtlMs ?? 5 * 60_000, random);
  const seedTable = (count: number, sampleSeed: number, malformed: boolean) => {
    iterators.expireAll();
    table.replaceAll(generateSampleOrders({ count, seed: sampleSeed, now: clock(), malformed }));
  };
  seedTable(options.records ?? 300, seed, options.malformed ?? false);
  if (options.malformed) table.schema.field('Status').choices?.push(OFF_CONTRACT_STATUS);

  const running = await startSimulator({
    port: options.port,
    random,
    writeError: (reply, status) => writeInjectedError(reply, status),
    register: (app) =>
      registerAirtableRoutes(app, {
        token,
        baseId,
        tableId,
        tableName: ORDERS_TABLE_NAME,
        table,
        lister: new RecordLister(table, iterators, clock),
        writes: new RecordWrites(table),
        rateLimiter: new BaseRateLimiter(options.requestsPerSecond ?? 5, options.rateLimitPenaltyMs ?? 30_000),
      }),
  });

  return {
    ...running,
    endpointUrl: running.url,
    token,
    baseId,
    tableId,
    records: () => table.all().map(copyRecord),
    insertRecord: (fields) => copyRecord(table.insert(fields)),
    updateRecord: (id, fields) => copyRecord(table.edit(id, fields)),
    deleteRecord: (id) => {
      if (!table.delete(id)) throw new Error(`No record ${id} in the simulated Orders table`);
    },
    seedRecords: (count, sampleSeed = seed) => seedTable(count, sampleSeed, false),
    expireOffsets: () => iterators.expireAll(),
  };
}
