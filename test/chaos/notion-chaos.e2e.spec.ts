import { seededRandom } from '../../simulators/simulator-kit';
import { addMovie, addUser, expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld, storedReviews } from '../e2e/reviews.helpers';
import { ADMIN_TOKEN, ApiResponse, expectProblem, USER_TOKEN } from '../support/test-app';
import { between, chaosSeed, pick, sleep, Tally, weighted } from './chaos.helpers';

/**
 * A seeded random sequence of review creates, edits and deletes by several users (and an admin), with a fault
 * injected at random steps: Notion refusing or failing, Notion applying a write whose answer never comes, the
 * database failing at commit after Notion wrote, the connection lost while Notion answers, and compensations
 * that fail themselves. After every step PostgreSQL holds exactly what the answers said (nothing half-written)
 * and Notion agrees with it, except for the reviews recorded in notion_pending_syncs; the reconciliation runs
 * only when that table holds rows (the issue of reviews: it is what finishes failed compensations), and at the
 * end the two stores agree exactly. Replay a failure with CHAOS_SEED=<seed>.
 */
const SEED = chaosSeed(20_261_124);
const OPERATIONS = 240;
/** Where a scheduled reconciliation would come by; it runs only if compensations are pending. */
const CHECKPOINT_EVERY = 60;
const UPSTREAM_TIMEOUT_MS = 300;
/** Longer than the timeout: the write is applied, the answer comes too late. */
const HANG_MS = 600;

type FaultKind =
  | 'none'
  | 'notion-error'
  | 'timeout-after-apply'
  | 'db-error-after-write'
  | 'compensation-retried'
  | 'compensation-fails'
  | 'connection-lost';
type OperationKind = 'create' | 'edit' | 'delete' | 'duplicate-create';

const FAULT_WEIGHTS: Record<FaultKind, number> = {
  none: 54,
  'notion-error': 14,
  'timeout-after-apply': 5,
  'db-error-after-write': 14,
  'compensation-retried': 2,
  'compensation-fails': 4,
  'connection-lost': 5,
};

const MOVIE_TITLES = [
  'Central do Brasil',
  'Amélie',
  '千と千尋の神隠し',
  "L'Atalante",
  'Cidade de Deus',
  'Das Boot',
  'Ladri di biciclette',
  'Y tu mamá también',
  'Persona',
  'Le Samouraï',
  'Ran',
  'La Haine',
  'Stalker',
  'Roma',
];
const WORDS = [
  'luminous',
  'slow',
  'brutal',
  'tender',
  'overlong',
  'perfect',
  'çà et là',
  'naïve',
  'épico',
  '🎬',
  '👍🏽',
  '名作',
  'ok',
  'meh',
  'quiet',
];

interface ModelReview {
  id: number;
  movieId: number;
  movie: string;
  userIndex: number;
  rating: number;
  comment: string;
}

interface Reviewer {
  token: string;
  username: string;
}

describe('chaos: reviews in PostgreSQL and Notion under random faults', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld({
      env: { UPSTREAM_RETRIES: '1', UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS), RATE_LIMIT_PER_MINUTE: '1000000' },
    });
    // Commits of reviews of a listed (user, movie) fail, at COMMIT: after the Notion write, like a real commit error.
    await world.db.query(`CREATE TABLE chaos_commit_failures (user_id integer, movie_id integer, PRIMARY KEY (user_id, movie_id))`);
    await world.db.query(`
      CREATE FUNCTION chaos_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target reviews%ROWTYPE := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        IF EXISTS (SELECT 1 FROM chaos_commit_failures WHERE user_id = target.user_id AND movie_id = target.movie_id) THEN
          RAISE EXCEPTION 'injected commit failure';
        END IF;
        RETURN NULL;
      END $$`);
    await world.db.query(`
      CREATE CONSTRAINT TRIGGER chaos_fail_commit AFTER INSERT OR UPDATE OR DELETE ON reviews
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chaos_fail_commit()`);
  });
  afterAll(() => world?.close());

  it(`keeps both stores equal through ${OPERATIONS} random writes with faults (seed ${SEED})`, async () => {
    const run = await castReviewersAndMovies();
    for (let index = 1; index <= OPERATIONS; index += 1) {
      const step = drawStep(run, index);
      await explainingFailure(step, async () => {
        const startedAt = Date.now();
        const pendingBefore = await pendingSyncs(world);
        const touched = await performStep(run, step);
        run.msByFault.add(step.fault, Date.now() - startedAt);
        await expectPendingOnlyAfterFailedCompensation(step, pendingBefore, touched);
        await expectAgreementOutsidePending(run.model, run.reviewers);
        if (index % CHECKPOINT_EVERY === 0 || index === OPERATIONS) await reconcileAtCheckpoint(run, index);
      });
    }
    await expectStoresEqualAtTheEnd(run);
    reportFigures(run);
    // The sequence must really have been chaotic for the test to mean anything.
    expect(OPERATIONS - run.faults.get('none')).toBeGreaterThan(OPERATIONS / 3);
  }, 300_000); // about 40 s on a quiet machine; minutes when other suites share its two cores

  /** The state of one chaos run: its random source, its cast, the model of what the answers said, its figures. */
  interface ChaosRun {
    startedAt: number;
    random: () => number;
    reviewers: Reviewer[];
    userIds: number[];
    movies: { id: number; title: string }[];
    model: Map<number, ModelReview>;
    operations: Tally;
    faults: Tally;
    outcomes: Tally;
    msByFault: Tally;
    reconciliations: Record<string, number>[];
    killedConnections: number;
  }

  /** One drawn step: who does what, under which fault; `detail` says what it did, for the message of a failure. */
  interface Step {
    index: number;
    userIndex: number;
    own: ModelReview[];
    unreviewed: { id: number; title: string }[];
    operation: OperationKind;
    fault: FaultKind;
    actor: string;
    detail: string;
  }

  /** Four reviewers (the seeded consumer and three new users) and the catalog movies they review. */
  async function castReviewersAndMovies(): Promise<ChaosRun> {
    const startedAt = Date.now();
    const reviewers: Reviewer[] = [{ token: USER_TOKEN, username: 'consumer' }];
    for (const name of ['ana_chaos', 'bruno.chaos', 'chloe-chaos']) {
      const user = await addUser(world, name);
      reviewers.push({ token: user.token, username: user.username });
    }
    const userIds = await Promise.all(reviewers.map((reviewer) => userIdOf(reviewer.username)));
    const movies: { id: number; title: string }[] = [];
    for (const title of MOVIE_TITLES) movies.push({ id: await addMovie(world, title, 1950 + movies.length), title });
    return {
      startedAt,
      random: seededRandom(SEED),
      reviewers,
      userIds,
      movies,
      model: new Map(),
      operations: new Tally(),
      faults: new Tally(),
      outcomes: new Tally(),
      msByFault: new Tally(),
      reconciliations: [],
      killedConnections: 0,
    };
  }

  /** Draws the reviewer, the operation, the fault and the caller (an admin may change anyone's review). */
  function drawStep(run: ChaosRun, index: number): Step {
    const { random } = run;
    const userIndex = between(random, 0, run.reviewers.length - 1);
    const own = [...run.model.values()].filter((review) => review.userIndex === userIndex);
    const unreviewed = run.movies.filter((movie) => !own.some((review) => review.movieId === movie.id));
    const roll = random();
    const operation: OperationKind =
      own.length === 0 || (roll < 0.45 && unreviewed.length > 0)
        ? 'create'
        : roll < 0.49
          ? 'duplicate-create'
          : roll < 0.8
            ? 'edit'
            : 'delete';
    const fault: FaultKind = operation === 'duplicate-create' ? 'none' : weighted(random, FAULT_WEIGHTS);
    const actor = operation !== 'create' && random() < 0.2 ? ADMIN_TOKEN : run.reviewers[userIndex].token;
    run.operations.add(operation);
    run.faults.add(fault);
    return { index, userIndex, own, unreviewed, operation, fault, actor, detail: '' };
  }

  /** Prefixes a failure with the seed and the step, so it can be replayed. */
  async function explainingFailure(step: Step, check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      if (error instanceof Error) {
        error.message = `seed ${SEED}, step ${step.index} (${step.operation}, fault ${step.fault}: ${step.detail}):\n${error.message}`;
      }
      throw error;
    }
  }

  /** Runs the step's operation under its fault; answers the existing review an edit or delete touched. */
  async function performStep(run: ChaosRun, step: Step): Promise<number | undefined> {
    if (step.operation === 'create') {
      await createReview(run, step);
      return undefined;
    }
    if (step.operation === 'duplicate-create') {
      await createDuplicateReview(run, step);
      return undefined;
    }
    const target = pick(run.random, step.own);
    const plan = planFault(run.random, step.fault, step.operation);
    if (step.operation === 'edit') await editReview(run, step, target, plan);
    else await deleteReview(run, step, target, plan);
    await expectApiShowsModel(run, target.id);
    return target.id;
  }

  /** A new review: 201 and the model gains it, or the planned failure and no row at all. */
  async function createReview(run: ChaosRun, step: Step): Promise<void> {
    const movie = movieOf(run, pick(run.random, step.unreviewed).id);
    const { plan, body, response } = await postReview(run, step, movie);
    if (expectOutcome(response.answer, plan, response.killed > 0, 201)) {
      run.model.set(response.answer.body.id, {
        id: response.answer.body.id,
        movieId: movie.id,
        movie: movie.title,
        userIndex: step.userIndex,
        ...pickBody(body),
      });
    } else {
      const rows = (await world.db.query(`SELECT id FROM reviews WHERE user_id = $1 AND movie_id = $2`, [
        run.userIds[step.userIndex],
        movie.id,
      ])) as unknown[];
      expect(rows).toEqual([]);
    }
  }

  /** A second review of a movie the reviewer already reviewed: 409, and Notion is never asked. */
  async function createDuplicateReview(run: ChaosRun, step: Step): Promise<void> {
    const movie = movieOf(run, pick(run.random, step.own).movieId);
    const pagesBefore = world.notion.countMatching(/^POST \/v1\/pages$/);
    const { response } = await postReview(run, step, movie);
    expectProblem(response.answer, 409);
    expect(world.notion.countMatching(/^POST \/v1\/pages$/)).toBe(pagesBefore);
  }

  /** Draws the body and the fault of a create and sends it under that fault. */
  async function postReview(
    run: ChaosRun,
    step: Step,
    movie: { id: number; title: string },
  ): Promise<{
    plan: FaultPlanned;
    body: { movieId: number; rating: number; comment: string };
    response: { answer: ApiResponse; killed: number };
  }> {
    const body = { movieId: movie.id, rating: between(run.random, 1, 5), comment: comment(run.random) };
    const plan = planFault(run.random, step.fault, 'create');
    step.detail = `${run.reviewers[step.userIndex].username} reviews movie ${movie.id}; ${plan.describe}`;
    const response = await withFault(plan, run.userIds[step.userIndex], movie.id, () =>
      world.api.request('POST', '/api/v1/reviews', { token: run.reviewers[step.userIndex].token, body }),
    );
    run.killedConnections += response.killed;
    run.outcomes.add(`${step.operation} ${response.answer.status}`);
    return { plan, body, response };
  }

  /** An edit: 200 and the model takes the changes, or the planned failure and nothing changed. */
  async function editReview(run: ChaosRun, step: Step, target: ModelReview, plan: FaultPlanned): Promise<void> {
    const changes = editOf(run.random);
    step.detail = `review ${target.id} ${JSON.stringify(changes).slice(0, 80)}; ${plan.describe}`;
    const response = await withFault(plan, run.userIds[step.userIndex], target.movieId, () =>
      world.api.request('PATCH', `/api/v1/reviews/${target.id}`, { token: step.actor, body: changes }),
    );
    run.killedConnections += response.killed;
    if (expectOutcome(response.answer, plan, response.killed > 0, 200)) Object.assign(target, changes);
    run.outcomes.add(`edit ${response.answer.status}`);
  }

  /** A delete: 204 and the model loses the review, or the planned failure and the review kept. */
  async function deleteReview(run: ChaosRun, step: Step, target: ModelReview, plan: FaultPlanned): Promise<void> {
    step.detail = `review ${target.id}; ${plan.describe}`;
    const response = await withFault(plan, run.userIds[step.userIndex], target.movieId, () =>
      world.api.request('DELETE', `/api/v1/reviews/${target.id}`, { token: step.actor }),
    );
    run.killedConnections += response.killed;
    if (expectOutcome(response.answer, plan, response.killed > 0, 204)) run.model.delete(target.id);
    run.outcomes.add(`delete ${response.answer.status}`);
  }

  /** Whatever happened, the API shows the review as the model has it: changed in full, or not at all. */
  async function expectApiShowsModel(run: ChaosRun, reviewId: number): Promise<void> {
    const expected = run.model.get(reviewId);
    if (!expected) {
      expectProblem(await world.api.request('GET', `/api/v1/reviews/${reviewId}`, { token: USER_TOKEN }), 404);
      return;
    }
    const read = await world.api.request('GET', `/api/v1/reviews/${reviewId}`, { token: USER_TOKEN });
    expect(read.status).toBe(200);
    expect({ rating: read.body.rating, comment: read.body.comment }).toEqual({ rating: expected.rating, comment: expected.comment });
  }

  /** Only a compensation that failed leaves work for the reconciliation, and then exactly one review's. */
  async function expectPendingOnlyAfterFailedCompensation(step: Step, pendingBefore: number[], touched: number | undefined): Promise<void> {
    const pendingAfter = await pendingSyncs(world);
    const alreadyPending = touched !== undefined && pendingBefore.includes(touched);
    expect(pendingAfter.length - pendingBefore.length).toBe(step.fault === 'compensation-fails' && !alreadyPending ? 1 : 0);
    if (step.fault === 'compensation-fails' && touched !== undefined) expect(pendingAfter).toContain(touched);
  }

  /** Where a scheduled reconciliation would come by: it runs if compensations are pending, and must finish them. */
  async function reconcileAtCheckpoint(run: ChaosRun, index: number): Promise<void> {
    const report = await reconcileIfPending();
    if (report) run.reconciliations.push({ afterStep: index, ...report });
  }

  /**
   * The promise of the feature: every review has exactly one live page, the one it names, with its properties,
   * and no live page lacks its review; the database holds exactly the model.
   */
  async function expectStoresEqualAtTheEnd(run: ChaosRun): Promise<void> {
    expect(await pendingSyncs(world)).toEqual([]);
    await expectStoresAgree(world);
    expect((await storedReviews(world)).map((row) => row.id)).toEqual([...run.model.keys()].sort((a, b) => a - b));
  }

  function reportFigures(run: ChaosRun): void {
    const figures = {
      seed: SEED,
      operations: OPERATIONS,
      byOperation: run.operations.toJSON(),
      faultsByKind: run.faults.toJSON(),
      outcomes: run.outcomes.toJSON(),
      msByFault: run.msByFault.toJSON(),
      killedConnections: run.killedConnections,
      reconciliations: run.reconciliations.length,
      reconciliationReports: run.reconciliations,
      reviewsAtEnd: run.model.size,
      livePages: world.notion.livePages().length,
      pagesIncludingTrash: world.notion.pages().length,
      notionRequests: world.notion.requestCount(),
      seconds: Math.round((Date.now() - run.startedAt) / 100) / 10,
    };
    console.log(`notion chaos: ${JSON.stringify(figures, null, 1)}`);
  }

  function movieOf(run: ChaosRun, movieId: number): { id: number; title: string } {
    return run.movies.find((candidate) => candidate.id === movieId)!;
  }

  async function userIdOf(username: string): Promise<number> {
    const [row] = (await world.db.query(`SELECT id FROM users WHERE username = $1`, [username])) as { id: number }[];
    return row.id;
  }

  interface FaultPlanned {
    describe: string;
    /** The status the API must answer ('success' for the operation's own 2xx), knowing whether a connection was cut. */
    expected(killed: boolean): number | 'success';
    /** The database failed: the answer is the documented 503 ReviewNotSaved problem. */
    databaseFailed?: boolean;
    arm(userId: number, movieId: number): Promise<void>;
    /** For 'connection-lost': cut the transaction's connection while Notion answers. */
    cutsConnection?: boolean;
  }

  /** Draws the parameters of the fault and says what the client must see. */
  function planFault(random: () => number, fault: FaultKind, operation: 'create' | 'edit' | 'delete'): FaultPlanned {
    const writeRoute = operation === 'create' ? /^POST \/v1\/pages$/ : /^PATCH \/v1\/pages\//;
    switch (fault) {
      case 'none':
        return { describe: 'no fault', expected: () => 'success', arm: async () => undefined };
      case 'notion-error': {
        const status = pick(random, [500, 502, 503, 504, 529, 409, 400]);
        // UPSTREAM_RETRIES=1: one failure is retried away (a create looks its page up first); two are final.
        const count = between(random, 1, 2);
        const final = status === 400 || count === 2;
        const answered = status === 503 || status === 529 ? 503 : status === 504 ? 504 : 502;
        return {
          describe: `Notion answers ${status} to the next ${count} writes`,
          expected: () => (final ? answered : 'success'),
          arm: async () => world.notion.faults({ failNext: count, status, match: writeRoute }),
        };
      }
      case 'timeout-after-apply': {
        // A create's retry first looks its page up by Review ID: that look-up may hang too.
        const route = operation === 'create' ? /^POST \/v1\/(pages|data_sources\/[^/]+\/query)$/ : writeRoute;
        // A third hang strikes the compensation itself (its look-up or its restoring write), which retries it.
        const count = between(random, 1, 3);
        return {
          describe: `Notion applies the next ${count} requests and answers after ${HANG_MS} ms`,
          expected: () => (count >= 2 ? 504 : 'success'),
          arm: async () => world.notion.faults({ hangAfterApplyNext: count, hangMs: HANG_MS, match: route }),
        };
      }
      case 'db-error-after-write':
        return {
          describe: 'the commit fails after the Notion write',
          expected: () => 503,
          databaseFailed: true,
          arm: (userId, movieId) => armCommitFailure(userId, movieId),
        };
      case 'compensation-retried':
        return {
          describe: 'the commit fails after the Notion write, and the first round of the compensation fails',
          expected: () => 503,
          databaseFailed: true,
          arm: async (userId, movieId) => {
            await armCommitFailure(userId, movieId);
            // A page read and its one retry: the first round gives up, the second one (after a pause) succeeds.
            world.notion.faults({ failNext: 2, status: 503, match: /^GET \/v1\/pages\// });
          },
        };
      case 'compensation-fails':
        return {
          describe: 'the commit fails after the Notion write, and Notion page reads fail during the compensation',
          expected: () => 503,
          databaseFailed: true,
          arm: async (userId, movieId) => {
            await armCommitFailure(userId, movieId);
            // The write itself never reads a page; every compensation starts by reading one.
            world.notion.faults({ failNext: 1000, status: 503, match: /^GET \/v1\/pages\// });
          },
        };
      case 'connection-lost':
        return {
          describe: 'the database connection is cut while Notion answers',
          expected: (killed) => (killed ? 503 : 'success'),
          databaseFailed: true,
          arm: async () => world.notion.faults({ latencyMs: 150 }),
          cutsConnection: true,
        };
    }
  }

  async function armCommitFailure(userId: number, movieId: number): Promise<void> {
    await world.db.query(`INSERT INTO chaos_commit_failures VALUES ($1, $2)`, [userId, movieId]);
  }

  async function withFault(
    plan: FaultPlanned,
    userId: number,
    movieId: number,
    send: () => Promise<ApiResponse>,
  ): Promise<{ answer: ApiResponse; killed: number }> {
    await plan.arm(userId, movieId);
    try {
      const answering = send();
      let killed = 0;
      if (plan.cutsConnection) {
        // The review's transaction waits, idle, for Notion's answer: cut its connection there.
        for (let tries = 0; killed === 0 && tries < 60; tries += 1) {
          const rows = (await world.db.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND state = 'idle in transaction'
               AND state_change < now() - interval '50 milliseconds' AND pid <> pg_backend_pid()`,
          )) as unknown[];
          killed = rows.length;
          if (killed === 0) await sleep(5);
        }
        world.notion.clearFaults();
      }
      return { answer: await answering, killed };
    } finally {
      world.notion.clearFaults();
      await world.db.query(`DELETE FROM chaos_commit_failures`);
    }
  }

  /** Asserts the answer; true when the write happened. */
  function expectOutcome(answer: ApiResponse, plan: FaultPlanned, killed: boolean, successStatus: number): boolean {
    const expected = plan.expected(killed);
    if (expected === 'success') {
      expect({ status: answer.status, body: answer.status >= 400 ? answer.body : undefined }).toEqual({
        status: successStatus,
        body: undefined,
      });
      return true;
    }
    expectProblem(answer, expected);
    expect(answer.body.type).toMatch(plan.databaseFailed ? /\/review-not-saved$/ : /\/upstream-/);
    return false;
  }

  /**
   * The database holds exactly the model (what the answers said), and Notion agrees with the database for every
   * review without a pending compensation: its one live page named by the row, with the row's properties; no live
   * page without its review.
   */
  async function expectAgreementOutsidePending(model: Map<number, ModelReview>, reviewers: Reviewer[]): Promise<void> {
    const rows = await storedReviews(world);
    const modelRows = [...model.values()]
      .sort((a, b) => a.id - b.id)
      .map((review) => ({
        id: review.id,
        movie: review.movie,
        rating: review.rating,
        comment: review.comment,
        author: reviewers[review.userIndex].username,
      }));
    expect(rows.map(({ id, movie, rating, comment, author }) => ({ id, movie, rating, comment, author }))).toEqual(modelRows);

    const pending = new Set(await pendingSyncs(world));
    const byReview = (a: { reviewId: number | null; pageId: string | null }, b: { reviewId: number | null; pageId: string | null }) =>
      (a.reviewId ?? 0) - (b.reviewId ?? 0) || String(a.pageId).localeCompare(String(b.pageId));
    const expected = rows
      .filter((row) => !pending.has(row.id))
      .map((row) => ({
        pageId: row.notion_page_id,
        reviewId: row.id,
        movie: row.movie,
        rating: row.rating,
        review: row.comment,
        author: row.author,
      }))
      .sort(byReview);
    const actual = world.notion
      .livePages()
      .map((page) => ({ pageId: page.id as string | null, ...world.notion.plainProperties(page) }))
      .filter((page) => page.reviewId === null || !pending.has(page.reviewId))
      .map(({ pageId, reviewId, movie, rating, review, author }) => ({ pageId, reviewId, movie, rating, review, author }))
      .sort(byReview);
    expect(actual).toEqual(expected);
  }

  /** The reconciliation, only when a compensation failed and is pending (nothing else needs it). */
  async function reconcileIfPending(): Promise<Record<string, number> | undefined> {
    const pending = await pendingSyncs(world);
    if (pending.length === 0) return undefined;
    const report = await world.api.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN });
    expect(report.status).toBe(200);
    expect(report.body.pending).toBe(0);
    expect(await pendingSyncs(world)).toEqual([]);
    await expectStoresAgree(world);
    return { pendingBefore: pending.length, ...report.body };
  }
});

function comment(random: () => number): string {
  const shape = random();
  if (shape < 0.06) {
    // Longer than one Notion rich_text item (2,000 UTF-16 units), emoji included, so splits land anywhere.
    const length = between(random, 2100, 4800);
    let text = '';
    while (text.length < length) text += `${pick(random, WORDS)} `;
    return (
      text
        .slice(0, length)
        .replace(/[\uD800-\uDBFF]$/, 'x')
        .trimEnd() + '.'
    );
  }
  const words = Array.from({ length: between(random, 1, 12) }, () => pick(random, WORDS));
  const sentence = words.join(random() < 0.2 ? '\n' : ' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function editOf(random: () => number): { rating?: number; comment?: string } {
  const roll = random();
  if (roll < 0.35) return { rating: between(random, 1, 5) };
  if (roll < 0.7) return { comment: comment(random) };
  return { rating: between(random, 1, 5), comment: comment(random) };
}

function pickBody(body: { rating: number; comment: string }): { rating: number; comment: string } {
  return { rating: body.rating, comment: body.comment };
}
