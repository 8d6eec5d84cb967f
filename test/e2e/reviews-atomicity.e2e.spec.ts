import { NotionPacer } from '../../src/notion/notion-pacer';
import { expectProblem, USER_TOKEN } from '../support/test-app';
import { addMovie, expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld, storedReviews } from './reviews.helpers';

/**
 * Every failure point of a review write, injected for real: Notion failing or timing out (after applying
 * the write) through the simulator, the database failing at commit through a deferred constraint trigger,
 * the connection lost mid-transaction, and compensations that fail until the reconciliation finishes them.
 * After each, PostgreSQL and Notion agree exactly.
 */
describe('reviews: both stores or neither (e2e)', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld({ env: { UPSTREAM_RETRIES: '1', UPSTREAM_TIMEOUT_MS: '300' } });
    await world.db.query(`CREATE TABLE test_commit_failures (movie_id integer PRIMARY KEY)`);
    await world.db.query(`
      CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        movie integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.movie_id ELSE NEW.movie_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM test_commit_failures WHERE movie_id = movie) THEN
          RAISE EXCEPTION 'injected commit failure';
        END IF;
        RETURN NULL;
      END $$`);
    // Deferred: it fires at COMMIT, after the Notion call, exactly where a commit error would strike.
    await world.db.query(`
      CREATE CONSTRAINT TRIGGER test_fail_commit AFTER INSERT OR UPDATE OR DELETE ON reviews
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_commit()`);
  });
  afterAll(() => world.close());
  afterEach(async () => {
    world.notion.clearFaults();
    await world.db.query(`DELETE FROM test_commit_failures`);
    await expectStoresAgree(world);
    expect(await pendingSyncs(world)).toEqual([]);
  });

  /** Every test reviews a movie of its own, as the one user: a review per user and movie. */
  const failCommitsOn = (movieId: number) => world.db.query(`INSERT INTO test_commit_failures VALUES ($1)`, [movieId]);
  const post = (body: Record<string, unknown>) => world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body });
  const patch = (id: number, body: Record<string, unknown>) =>
    world.api.request('PATCH', `/api/v1/reviews/${id}`, { token: USER_TOKEN, body });
  const remove = (id: number) => world.api.request('DELETE', `/api/v1/reviews/${id}`, { token: USER_TOKEN });
  const read = async (id: number) => (await world.api.request('GET', `/api/v1/reviews/${id}`, { token: USER_TOKEN })).body;
  const reconcile = () => world.api.request('POST', '/api/v1/reviews/reconcile', { token: 'abcdef1234567890' });
  const pageOf = (pageId: string) => world.notion.pages().find((page) => page.id === pageId);

  async function reviewOf(movieId: number, rating = 3, comment = 'Original.'): Promise<{ id: number; notionPageId: string }> {
    const created = await post({ movieId, rating, comment });
    if (created.status !== 201) throw new Error(`setup review failed: ${created.status} ${created.text}`);
    return created.body;
  }

  describe('Notion fails before or during the write', () => {
    it.each([
      [500, 502],
      [503, 503],
      [504, 504],
      [400, 502],
    ])('a create answered %i by Notion is rolled back and answered %i', async (notionStatus, status) => {
      const movieId = await addMovie(world);
      const pagesBefore = world.notion.pages().length;
      world.notion.faults({ failNext: 10, status: notionStatus, match: /^POST \/v1\/pages$/ });

      const response = await post({ movieId, rating: 4, comment: 'Lost?' });

      expectProblem(response, status);
      expect(world.notion.pages()).toHaveLength(pagesBefore);
      expect((await storedReviews(world)).filter((review) => review.comment === 'Lost?')).toEqual([]);
    });

    it('retries a rate-limited create after Retry-After, and refuses to wait for a Retry-After beyond 30 s', async () => {
      const movieId = await addMovie(world);
      world.notion.faults({ rateLimitNext: 1, retryAfterSeconds: 1, match: /^POST \/v1\/pages$/ });
      const startedAt = Date.now();

      const waited = await post({ movieId, rating: 4, comment: 'Patience.' });

      expect(waited.status).toBe(201);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
      world.notion.faults({ rateLimitNext: 1, retryAfterSeconds: 120, match: /^PATCH / });
      const refused = await patch(waited.body.id, { rating: 1 });
      expectProblem(refused, 503);
      expect(refused.headers.get('retry-after')).toBe('120');
      expect((await read(waited.body.id)).rating).toBe(4);
      // Notion's pause applies to every call of the process: meanwhile writes fail fast. Lift it for the next tests.
      expectProblem(await post({ movieId: await addMovie(world), rating: 2, comment: 'During the pause.' }), 503);
      world.api.app.get(NotionPacer).configure({ requestsPerSecond: 1000, burst: 1000 });
    });

    it('an edit or delete refused by Notion leaves both stores as they were', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId);
      world.notion.faults({ failNext: 10, status: 503, match: /^PATCH / });

      expectProblem(await patch(review.id, { rating: 1, comment: 'Changed.' }), 503);
      expectProblem(await remove(review.id), 503);

      expect(await read(review.id)).toMatchObject({ rating: 3, comment: 'Original.' });
    });
  });

  describe('Notion applies the write but its answer never comes (timeout)', () => {
    it('a timed-out create is found by its Review ID and moved to the trash; the client gets 504', async () => {
      const movieId = await addMovie(world);
      // The create and the look-up before the retry both hang; the page exists in Notion all the same.
      world.notion.faults({ hangAfterApplyNext: 2, hangMs: 600, match: /^POST \/v1\/(pages|data_sources\/[^/]+\/query)$/ });

      const response = await post({ movieId, rating: 5, comment: 'Timed out.' });

      expectProblem(response, 504);
      const made = world.notion.pages().filter((page) => world.notion.plainProperties(page).review === 'Timed out.');
      expect(made.map((page) => page.inTrash)).toEqual([true]);
    });

    it('a create whose first attempt timed out adopts the page on retry instead of making a duplicate', async () => {
      const movieId = await addMovie(world);
      world.notion.faults({ hangAfterApplyNext: 1, hangMs: 600, match: /^POST \/v1\/pages$/ });

      const response = await post({ movieId, rating: 5, comment: 'Adopted.' });

      expect(response.status).toBe(201);
      const made = world.notion.pages().filter((page) => world.notion.plainProperties(page).review === 'Adopted.');
      expect(made.map((page) => ({ id: page.id, inTrash: page.inTrash }))).toEqual([{ id: response.body.notionPageId, inTrash: false }]);
      expect(world.notion.countMatching(/^POST \/v1\/pages$/)).toBeGreaterThan(0);
    });

    it('a timed-out edit is undone: the page gets the stored properties back', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId, 2, 'Before.');
      world.notion.faults({ hangAfterApplyNext: 2, hangMs: 600, match: /^PATCH / });

      const response = await patch(review.id, { rating: 5, comment: 'After.' });

      expectProblem(response, 504);
      expect(world.notion.plainProperties(pageOf(review.notionPageId)!)).toMatchObject({ rating: 2, review: 'Before.' });
    });

    it('a timed-out delete is undone: the page comes back from the trash', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId);
      world.notion.faults({ hangAfterApplyNext: 2, hangMs: 600, match: /^PATCH / });

      expectProblem(await remove(review.id), 504);

      expect(pageOf(review.notionPageId)?.inTrash).toBe(false);
      expect((await storedReviews(world)).map((row) => row.id)).toContain(review.id);
    });
  });

  describe('the database fails after Notion succeeded', () => {
    it('a create whose commit fails has its page moved to the trash; 503', async () => {
      const movieId = await addMovie(world);
      await failCommitsOn(movieId);

      const response = await post({ movieId, rating: 1, comment: 'Never committed.' });

      expectProblem(response, 503);
      expect(response.body.type).toMatch(/review-not-saved$/);
      const made = world.notion.pages().filter((page) => world.notion.plainProperties(page).review === 'Never committed.');
      expect(made.map((page) => page.inTrash)).toEqual([true]);
    });

    it('an edit whose commit fails has the page properties restored', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId, 4, 'Kept.');
      await failCommitsOn(movieId);

      expectProblem(await patch(review.id, { rating: 1, comment: 'Not kept.' }), 503);

      expect(world.notion.plainProperties(pageOf(review.notionPageId)!)).toMatchObject({ rating: 4, review: 'Kept.' });
    });

    it('a delete whose commit fails has its page taken back out of the trash', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId);
      await failCommitsOn(movieId);

      expectProblem(await remove(review.id), 503);

      expect(pageOf(review.notionPageId)?.inTrash).toBe(false);
    });
  });

  describe('a compensation that fails is recorded and finished by the reconciliation', () => {
    it('an orphan page left by a failed create is archived by the next reconciliation', async () => {
      const movieId = await addMovie(world);
      await failCommitsOn(movieId);
      world.notion.faults({ failNext: 100, status: 503, match: /^PATCH / });

      expectProblem(await post({ movieId, rating: 1, comment: 'Orphan for now.' }), 503);

      const orphan = world.notion.livePages().filter((page) => world.notion.plainProperties(page).review === 'Orphan for now.');
      expect(orphan).toHaveLength(1);
      const [reviewId] = await pendingSyncs(world);
      expect(reviewId).toBe(world.notion.plainProperties(orphan[0]).reviewId);
      world.notion.clearFaults();

      const report = await reconcile();

      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ recreated: 0, updated: 0, archived: 1, pending: 0 });
    });

    it('an edit whose undo failed is restored by the next reconciliation', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId, 5, 'Stays.');
      await failCommitsOn(movieId);
      world.notion.faults({ failNext: 100, status: 503, match: /^GET \/v1\/pages\// });

      expectProblem(await patch(review.id, { rating: 1, comment: 'Leaked.' }), 503);

      expect(world.notion.plainProperties(pageOf(review.notionPageId)!)).toMatchObject({ rating: 1, review: 'Leaked.' });
      expect(await pendingSyncs(world)).toEqual([review.id]);
      world.notion.clearFaults();

      expect((await reconcile()).body).toMatchObject({ recreated: 0, updated: 1, archived: 0, pending: 0 });
      expect(world.notion.plainProperties(pageOf(review.notionPageId)!)).toMatchObject({ rating: 5, review: 'Stays.' });
    });

    it('a delete whose undo failed has its page restored by the next reconciliation', async () => {
      const movieId = await addMovie(world);
      const review = await reviewOf(movieId);
      await failCommitsOn(movieId);
      world.notion.faults({ failNext: 100, status: 503, match: /^GET \/v1\/pages\// });

      expectProblem(await remove(review.id), 503);

      expect(pageOf(review.notionPageId)?.inTrash).toBe(true);
      world.notion.clearFaults();

      expect((await reconcile()).body).toMatchObject({ recreated: 1, updated: 0, archived: 0, pending: 0 });
    });

    it('a timed-out create with Notion down afterwards is found by Review ID once Notion is back', async () => {
      const movieId = await addMovie(world);
      world.notion.faults({ hangAfterApplyNext: 2, hangMs: 800, match: /^POST \/v1\/(pages|data_sources\/[^/]+\/query)$/ });
      const response = post({ movieId, rating: 3, comment: 'Landed late.' });
      // Once the create has landed and hangs, Notion goes down for everything else, the compensation included
      // (waiting for the page itself, not a fixed delay: on a loaded machine the create may take longer to land).
      const landed = () => world.notion.livePages().some((page) => world.notion.plainProperties(page).review === 'Landed late.');
      for (const deadline = Date.now() + 10_000; !landed() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 10));
      world.notion.faults({ failNext: 100, status: 503 });

      // The last attempt (the look-up before a retry) met the outage, so that is the answer.
      expectProblem(await response, 503);

      expect(world.notion.livePages().filter((page) => world.notion.plainProperties(page).review === 'Landed late.')).toHaveLength(1);
      expect(await pendingSyncs(world)).toHaveLength(1);
      world.notion.clearFaults();
      expect((await reconcile()).body).toMatchObject({ archived: 1, pending: 0 });
    });
  });
});
