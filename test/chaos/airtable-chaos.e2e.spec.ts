import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { OrderSyncOptions } from '../../src/orders/orders.options';
import { SyncRunsRepository } from '../../src/orders/sync-runs.repository';
import {
  AirtableOrderFields,
  AirtableSimulator,
  ORDER_PRIORITIES,
  ORDER_STATUSES,
  startAirtableSimulator,
} from '../../simulators/airtable/airtable-simulator';
import { seededRandom } from '../../simulators/simulator-kit';
import { expectedOrder, expectedTable, startOrdersApp, storedOrders, syncNow } from '../e2e/orders.fixtures';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { ADMIN_TOKEN, ApiResponse, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { between, chaosSeed, pick, RequestProbe, sleep, Tally, weighted } from './chaos.helpers';

/**
 * An Airtable import interrupted at random pages, several times, with the table changing in between (and now and
 * then while a run pages through it), then completed by a clean full pass: the orders table must then equal the
 * simulator's table for every kept field, with no duplicates. Interruptions: Airtable failing (5xx) or rate
 * limiting (429) from page N on, list offsets that keep expiring (the run gives up), an offset that expires once
 * (the listing restarts and the run completes), and the database connection lost after page N (the run cannot
 * even record its failure; the next run closes it). Replay a failure with CHAOS_SEED=<seed>.
 */
const SEED = chaosSeed(20_261_125);
const RECORDS = 2000;
const PAGE_SIZE = 100;
const ROUNDS = 12;
/**
 * The incremental overlap, shortened from five minutes so incremental runs ask only for what changed since the
 * last success (simulator and application share one clock, so a second is ample for same-millisecond edits).
 */
const OVERLAP_MS = 1000;

type Interruption = 'none' | 'airtable-5xx' | 'rate-limited' | 'offset-keeps-expiring' | 'offset-expires-once' | 'database-lost';

const INTERRUPTION_WEIGHTS: Record<Interruption, number> = {
  none: 3,
  'airtable-5xx': 3,
  'rate-limited': 1.5,
  'offset-keeps-expiring': 1.5,
  'offset-expires-once': 1.5,
  'database-lost': 2.5,
};

const CUSTOMERS = ['Ana García', 'Bruno Müller', 'Chloé Dubois', 'Diego Okafor', "Liam O'Brien", 'Aiko Nakamura', 'Zoe Lindqvist'];

interface RoundFigures {
  round: number;
  interruption: Interruption;
  atPage?: number;
  struck: boolean;
  fullPass: boolean;
  status: string;
  listRequests: number;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  changedBefore: { updated: number; inserted: number; deleted: number };
  changedDuring: number;
}

describe('chaos: an Airtable import interrupted at random points, then completed', () => {
  let sim: AirtableSimulator;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: RECORDS, requestsPerSecond: 0, seed: SEED });
    // The application reaches its database through a proxy the test can cut.
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port));
    const proxied = new URL(database.url);
    proxied.port = String(proxy.port);
    api = await startOrdersApp(sim, { DATABASE_URL: proxied.toString(), RATE_LIMIT_PER_MINUTE: '1000000' });
    const options = api.app.get(OrderSyncOptions);
    options.pageSize = PAGE_SIZE;
    options.overlapMs = OVERLAP_MS;
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await database?.drop();
    await sim?.close();
  });

  it(`ends with the orders table equal to Airtable's, no duplicates (seed ${SEED})`, async () => {
    const chaos = startChaos();
    for (let round = 1; round <= ROUNDS; round += 1) {
      const plan = await planRound(chaos, round);
      const armed = armInterruption(chaos, plan);
      const response = await syncUnderInterruption(plan.requestFull);
      await explainingFailure(plan, () => expectRoundLeftNoHarm(chaos, plan, armed, response));
      recordRound(chaos, plan, armed, response.body);
    }
    const incremental = await cleanIncrementalRunBringsEveryChangeButDeletions(chaos);
    const { final, expected, statuses } = await cleanFullPassEqualsAirtable(chaos);
    reportFigures(chaos, { incremental, final, recordsAtEnd: expected.size, failedRuns: statuses.get('failed') });
    expect(chaos.rounds.filter((round) => round.status === 'failed').length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  /** The state of one chaos run: its random source, what Airtable lost, and the figures of its rounds. */
  interface Chaos {
    startedAt: number;
    random: () => number;
    listRoute: RegExp;
    /** Records Airtable no longer has: the table may keep them until a full pass. */
    deletedInAirtable: Set<string>;
    insertedCount: number;
    rounds: RoundFigures[];
    interruptions: Tally;
    succeededBefore: boolean;
  }

  /** What a round will do, drawn before it runs. */
  interface RoundPlan {
    round: number;
    changedBefore: { updated: number; inserted: number; deleted: number };
    requestFull: boolean;
    fullPass: boolean;
    /** How many list pages the run will ask for. */
    pages: number;
    interruption: Interruption;
    atPage?: number;
    /** The table changes just before this page is served. */
    changedAt?: number;
  }

  /** The round's interruption as armed in the simulator. */
  interface ArmedRound {
    probe: RequestProbe;
    expectedError?: RegExp;
    /** Records changed while the run paged through the table. */
    changedDuring: string[];
  }

  function startChaos(): Chaos {
    return {
      startedAt: Date.now(),
      random: seededRandom(SEED),
      listRoute: new RegExp(`^(GET /v0/${sim.baseId}/${sim.tableId}|POST /v0/${sim.baseId}/${sim.tableId}/listRecords)$`),
      deletedInAirtable: new Set(),
      insertedCount: 0,
      rounds: [],
      interruptions: new Tally(),
      succeededBefore: false,
    };
  }

  /** Updates, inserts and deletes random records in Airtable; answers the ids touched. */
  function changeRecords(chaos: Chaos, updates: number, inserts: number, deletes: number): string[] {
    const { random } = chaos;
    const touched: string[] = [];
    for (let i = 0; i < updates; i += 1) {
      const record = pick(random, sim.records());
      sim.updateRecord(record.id, fieldChanges(random));
      touched.push(record.id);
    }
    for (let i = 0; i < inserts; i += 1) {
      chaos.insertedCount += 1;
      touched.push(sim.insertRecord(newOrder(random, chaos.insertedCount)).id);
    }
    for (let i = 0; i < deletes; i += 1) {
      const record = pick(random, sim.records());
      sim.deleteRecord(record.id);
      chaos.deletedInAirtable.add(record.id);
      touched.push(record.id);
    }
    return touched;
  }

  /** Changes the table, then draws the kind of run, the interruption and the page where it strikes. */
  async function planRound(chaos: Chaos, round: number): Promise<RoundPlan> {
    const { random } = chaos;
    const changedBefore = { updated: between(random, 0, 120), inserted: between(random, 0, 40), deleted: between(random, 0, 20) };
    changeRecords(chaos, changedBefore.updated, changedBefore.inserted, changedBefore.deleted);

    const requestFull = random() < 0.3;
    const fullPass = requestFull || !chaos.succeededBefore;
    const pages = await expectedPages(fullPass);
    let interruption = weighted(random, INTERRUPTION_WEIGHTS);
    // An offset exists only from the second page on.
    if (interruption.startsWith('offset') && pages < 2) interruption = 'airtable-5xx';
    const atPage =
      interruption === 'none'
        ? undefined
        : interruption.startsWith('offset')
          ? between(random, 1, pages - 1)
          : between(random, 0, pages - 1);
    // Now and then the table changes while the run pages through it, just before page `changedAt` is served.
    const changedAt = random() < 0.4 ? between(random, 1, pages) : undefined;
    return { round, changedBefore, requestFull, fullPass, pages, interruption, atPage, changedAt };
  }

  /** Arms the simulator (and the database proxy) to interrupt the run after page `atPage`, and says how it must fail. */
  function armInterruption(chaos: Chaos, plan: RoundPlan): ArmedRound {
    const { atPage } = plan;
    const changedDuring: string[] = [];
    const probe = new RequestProbe(chaos.listRoute);
    if (plan.changedAt !== undefined) probe.at(plan.changedAt, () => changedDuring.push(...changeRecords(chaos, 3, 1, 1)));
    let expectedError: RegExp | undefined;
    switch (plan.interruption) {
      case 'none':
        sim.faults({ match: probe });
        break;
      case 'airtable-5xx': {
        const status = pick(chaos.random, [500, 502, 503, 504]);
        expectedError = status === 504 ? /timed out/ : new RegExp(`HTTP ${status}`);
        sim.faults({ failNext: 10_000, status, match: probe.strikeAfter(atPage!) });
        break;
      }
      case 'rate-limited':
        expectedError = /rate limiting/;
        sim.faults({ rateLimitNext: 10_000, retryAfterSeconds: 30, match: probe.strikeAfter(atPage!) });
        break;
      case 'offset-keeps-expiring':
        expectedError = /expired/;
        sim.faults({ match: probe.at(atPage! + 1, () => sim.expireOffsets(), true) });
        break;
      case 'offset-expires-once':
        sim.faults({ match: probe.at(atPage! + 1, () => sim.expireOffsets()) });
        break;
      case 'database-lost':
        expectedError = /^Database error/;
        sim.faults({ match: probe.at(atPage! + 1, () => proxy.cut()) });
        break;
    }
    return { probe, expectedError, changedDuring };
  }

  /** One import through the API, the faults cleared and the database link restored afterwards. */
  async function syncUnderInterruption(requestFull: boolean): Promise<ApiResponse> {
    try {
      return await syncNow(api, requestFull ? 'full=true' : '');
    } finally {
      sim.clearFaults();
      proxy.restore();
    }
  }

  /** Prefixes a failure with the seed and the round, so it can be replayed. */
  async function explainingFailure(plan: RoundPlan, check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      const at = plan.atPage === undefined ? '' : ` after page ${plan.atPage}`;
      if (error instanceof Error)
        error.message = `seed ${SEED}, round ${plan.round} (${plan.interruption}${at}, ${plan.pages} pages expected):\n${error.message}`;
      throw error;
    }
  }

  /**
   * The run struck where planned and failed (or succeeded) as it must; the table has no duplicates and nothing
   * Airtable never had; after a success it holds every record as Airtable has it.
   */
  async function expectRoundLeftNoHarm(chaos: Chaos, plan: RoundPlan, armed: ArmedRound, response: ApiResponse): Promise<void> {
    const run = response.body;
    expect(response.status).toBe(200);
    expect(run.fullPass).toBe(plan.fullPass);
    // Every planned interruption must really have struck, or the round tested nothing.
    expect({ struck: struck(plan, armed), listRequests: armed.probe.matched }).toEqual({
      struck: plan.interruption !== 'none',
      listRequests: expect.any(Number),
    });
    if (armed.expectedError) {
      expect({ status: run.status, error: run.error }).toEqual({ status: 'failed', error: expect.stringMatching(armed.expectedError) });
    } else {
      expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: undefined });
    }
    if (plan.interruption === 'offset-expires-once') expect(run.fetched).toBeGreaterThan(run.created + run.updated);
    if (plan.interruption === 'database-lost') await untilDatabaseBack();
    await expectNoDuplicatesAndExactStats();
    await expectNothingInvented(chaos.deletedInAirtable);
    if (run.status === 'succeeded') {
      chaos.succeededBefore = true;
      // Every record Airtable has is held as Airtable has it (bar those changed while this run paged).
      await expectCaughtUp(new Set(armed.changedDuring));
    }
  }

  function struck(plan: RoundPlan, armed: ArmedRound): boolean {
    return plan.atPage !== undefined && armed.probe.matched > plan.atPage;
  }

  function recordRound(chaos: Chaos, plan: RoundPlan, armed: ArmedRound, run: Record<string, any>): void {
    chaos.interruptions.add(plan.interruption);
    chaos.rounds.push({
      round: plan.round,
      interruption: plan.interruption,
      atPage: plan.atPage,
      struck: struck(plan, armed),
      fullPass: plan.fullPass,
      status: run.status,
      listRequests: armed.probe.matched,
      fetched: run.fetched,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      deleted: run.deleted,
      changedBefore: plan.changedBefore,
      changedDuring: armed.changedDuring.length,
    });
  }

  /** A clean scheduled-style run: incremental, it must bring every change but the deletions. */
  async function cleanIncrementalRunBringsEveryChangeButDeletions(chaos: Chaos): Promise<Record<string, unknown>> {
    const { random } = chaos;
    changeRecords(chaos, between(random, 1, 60), between(random, 1, 20), between(random, 1, 10));
    const incremental = await syncNow(api);
    expect(incremental.body).toMatchObject({ status: 'succeeded', fullPass: !chaos.succeededBefore });
    await expectNoDuplicatesAndExactStats();
    await expectNothingInvented(chaos.deletedInAirtable);
    await expectCaughtUp(new Set());
    return incremental.body;
  }

  /** The clean run, a full pass so that deletions are caught too: the table equals Airtable's, every run recorded and closed. */
  async function cleanFullPassEqualsAirtable(
    chaos: Chaos,
  ): Promise<{ final: Record<string, unknown>; expected: Map<string, unknown>; statuses: Tally }> {
    const final = await syncNow(api, 'full=true');
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ status: 'succeeded', fullPass: true, skipped: 0 });
    await expectNoDuplicatesAndExactStats();
    const stored = await storedOrders(api);
    const expected = expectedTable(sim);
    expect(stored.size).toBe(expected.size);
    expect(stored).toEqual(expected);
    const runs = await api.request('GET', '/api/v1/orders/sync/runs?pageSize=100', { token: ADMIN_TOKEN });
    const statuses = new Tally();
    for (const item of runs.body.items as { status: string }[]) statuses.add(item.status);
    // Every run is recorded and closed, the ones whose database went away included.
    expect(runs.body.totalItems).toBe(ROUNDS + 2);
    expect(statuses.get('running')).toBe(0);
    expect(statuses.get('failed')).toBe(chaos.rounds.filter((round) => round.status === 'failed').length);
    return { final: final.body, expected, statuses };
  }

  function reportFigures(
    chaos: Chaos,
    end: { incremental: Record<string, unknown>; final: Record<string, unknown>; recordsAtEnd: number; failedRuns: number },
  ): void {
    const figures = {
      seed: SEED,
      recordsAtStart: RECORDS,
      recordsAtEnd: end.recordsAtEnd,
      rounds: chaos.rounds.length,
      interruptions: chaos.interruptions.toJSON(),
      failedRuns: end.failedRuns,
      changes: { inserted: chaos.insertedCount, deleted: chaos.deletedInAirtable.size },
      incrementalRun: pickFigures(end.incremental),
      finalRun: pickFigures(end.final),
      perRound: chaos.rounds,
      seconds: Math.round((Date.now() - chaos.startedAt) / 100) / 10,
    };
    console.log(`airtable chaos: ${JSON.stringify(figures, null, 1)}`);
  }

  /** How many list pages the next run will ask for, from the same history the run reads. */
  async function expectedPages(fullPass: boolean): Promise<number> {
    const { highWaterMark } = await api.app.get(SyncRunsRepository).history();
    const since = fullPass || !highWaterMark ? null : highWaterMark.getTime() - OVERLAP_MS;
    const matching = sim
      .records()
      .filter((record) => since === null || Date.parse(record.fields['Last Modified'] as string) > since).length;
    return Math.max(1, Math.ceil(matching / PAGE_SIZE));
  }

  async function untilDatabaseBack(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const ready = await api.request('GET', '/health/ready');
      if (ready.status === 200) return;
      await sleep(50);
    }
    throw new Error('the application did not get its database back');
  }

  /** One row per record id and per order id, and the summary table's counts and totals equal to the rows. */
  async function expectNoDuplicatesAndExactStats(): Promise<void> {
    const [row] = await api.app.get(DataSource).query(
      `SELECT (SELECT count(*) FROM orders)::int AS rows, (SELECT count(DISTINCT record_id) FROM orders)::int AS record_ids,
              (SELECT count(order_id) FROM orders)::int AS order_ids, (SELECT count(DISTINCT order_id) FROM orders)::int AS distinct_order_ids,
              (SELECT coalesce(sum(orders), 0) FROM order_stats)::int AS stats_rows,
              (SELECT coalesce(sum(total), 0) FROM orders)::text AS total, (SELECT coalesce(sum(total), 0) FROM order_stats)::text AS stats_total`,
    );
    expect({ recordIds: row.record_ids, orderIds: row.distinct_order_ids, statsRows: row.stats_rows, statsTotal: row.stats_total }).toEqual(
      {
        recordIds: row.rows,
        orderIds: row.order_ids,
        statsRows: row.rows,
        statsTotal: row.total,
      },
    );
  }

  /**
   * Whatever was interrupted: every row is a version Airtable had (the current one, or an older one with an
   * older Last Modified time), or a record Airtable deleted (kept until a full pass); never anything else.
   */
  async function expectNothingInvented(deleted: Set<string>): Promise<void> {
    const current = new Map(sim.records().map((record) => [record.id, record]));
    const invented: unknown[] = [];
    for (const [recordId, order] of await storedOrders(api)) {
      const record = current.get(recordId);
      if (!record) {
        if (!deleted.has(recordId)) invented.push({ recordId, order, why: 'Airtable never had it' });
        continue;
      }
      const truth = expectedOrder(record);
      if (order.lastModified > truth.lastModified) invented.push({ recordId, order, truth, why: 'newer than Airtable' });
      else if (order.lastModified === truth.lastModified && !isDeepStrictEqual(order, truth)) {
        invented.push({ recordId, order, truth, why: 'same version, other values' });
      }
    }
    expect(invented).toEqual([]);
  }

  /** Every record Airtable has (but those in `except`) is held with all its kept fields. */
  async function expectCaughtUp(except: Set<string>): Promise<void> {
    const stored = await storedOrders(api);
    const behind: unknown[] = [];
    for (const [recordId, truth] of expectedTable(sim)) {
      if (except.has(recordId)) continue;
      const order = stored.get(recordId);
      if (!isDeepStrictEqual(order, truth)) behind.push({ recordId, stored: order ?? null, truth });
    }
    expect(behind).toEqual([]);
  }
});

function fieldChanges(random: () => number): Partial<AirtableOrderFields> {
  const changes: Partial<AirtableOrderFields> = {};
  const roll = random();
  if (roll < 0.4) changes.Status = pick(random, ORDER_STATUSES);
  else if (roll < 0.6) changes.Priority = pick(random, ORDER_PRIORITIES);
  else if (roll < 0.8) changes.Total = Math.round(random() * 150_000) / 100;
  else if (roll < 0.9) changes.Customer = pick(random, CUSTOMERS);
  else if (roll < 0.96) changes['Order Date'] = isoDay(random);
  // An emptied cell: the order keeps its other fields, this one becomes empty.
  else changes.Customer = undefined;
  return changes;
}

function newOrder(random: () => number, sequence: number): AirtableOrderFields {
  return {
    'Order ID': `ORD-C${String(sequence).padStart(5, '0')}`,
    Customer: pick(random, CUSTOMERS),
    Status: pick(random, ORDER_STATUSES),
    Priority: pick(random, ORDER_PRIORITIES),
    Total: Math.round(random() * 150_000) / 100,
    'Order Date': isoDay(random),
  };
}

function isoDay(random: () => number): string {
  return new Date(Date.UTC(2025, 0, 1) + between(random, 0, 364) * 86_400_000).toISOString().slice(0, 10);
}

function pickFigures(run: Record<string, unknown>) {
  const { fetched, created, updated, unchanged, deleted, skipped, incomplete } = run;
  return { fetched, created, updated, unchanged, deleted, skipped, incomplete };
}
