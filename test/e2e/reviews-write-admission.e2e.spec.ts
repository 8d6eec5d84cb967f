import { Client } from 'pg';
import { ReviewWriteOptions } from '../../src/reviews/review-write.options';
import { REVIEW_LOCK_CLASS } from '../../src/reviews/review-transaction';
import { ApiResponse, expectProblem, USER_TOKEN } from '../support/test-app';
import { addMovie, addUser, expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld } from './reviews.helpers';

/**
 * Review writes share Notion's three requests a second: the queue in front of it is bounded (503), one user
 * holds only a few places in it (429), and a review already being written is answered 409 at once. Notion's
 * answers are held back by the simulator (the write has landed, its transaction is still open) so that writes
 * stay in flight while the test knocks.
 */
describe('review write admission (e2e)', () => {
  let world: ReviewsWorld;
  const HOLD_MS = 1500;

  beforeAll(async () => {
    world = await startReviewsWorld({ env: { UPSTREAM_TIMEOUT_MS: '5000' } });
  });
  afterAll(() => world.close());
  afterEach(async () => {
    world.notion.clearFaults();
    Object.assign(world.api.app.get(ReviewWriteOptions), new ReviewWriteOptions());
    await expectStoresAgree(world);
    expect(await pendingSyncs(world)).toEqual([]);
  });

  async function review(token: string, comment: string): Promise<{ id: number; notionPageId: string }> {
    const created = await world.api.request('POST', '/api/v1/reviews', {
      token,
      body: { movieId: await addMovie(world), rating: 3, comment },
    });
    if (created.status !== 201) throw new Error(`setup review failed: ${created.status} ${created.text}`);
    return created.body;
  }

  const patch = (token: string, id: number, comment: string) =>
    world.api.request('PATCH', `/api/v1/reviews/${id}`, { token, body: { comment } });

  /** Holds Notion's answer to the next `count` page edits, then waits until the edits have reached Notion. */
  async function holdEdits(count: number, start: () => Promise<ApiResponse>[]): Promise<Promise<ApiResponse>[]> {
    world.notion.faults({ hangAfterApplyNext: count, hangMs: HOLD_MS, match: /^PATCH \/v1\/pages\// });
    const before = world.notion.countMatching(/^PATCH \/v1\/pages\//);
    const inFlight = start();
    while (world.notion.countMatching(/^PATCH \/v1\/pages\//) - before < count) await new Promise((resolve) => setTimeout(resolve, 10));
    return inFlight;
  }

  async function timed(request: Promise<ApiResponse>): Promise<{ response: ApiResponse; ms: number }> {
    const startedAt = Date.now();
    const response = await request;
    return { response, ms: Date.now() - startedAt };
  }

  it('answers 409 at once to a second write of a review being written, instead of queuing behind its lock', async () => {
    const mine = await review(USER_TOKEN, 'Being written.');
    const [first] = await holdEdits(1, () => [patch(USER_TOKEN, mine.id, 'First edit.')]);

    const { response: second, ms } = await timed(patch(USER_TOKEN, mine.id, 'Second edit.'));
    const deleting = await timed(world.api.request('DELETE', `/api/v1/reviews/${mine.id}`, { token: USER_TOKEN }));

    expectProblem(second, 409);
    expect(second.body.type).toMatch(/review-busy$/);
    expect(ms).toBeLessThan(HOLD_MS / 2);
    expectProblem(deleting.response, 409);
    expect(deleting.ms).toBeLessThan(HOLD_MS / 2);
    expect((await first).status).toBe(200);
    expect((await world.api.request('GET', `/api/v1/reviews/${mine.id}`, { token: USER_TOKEN })).body.comment).toBe('First edit.');
  });

  it('answers 409 at once when another replica holds the review (its advisory lock)', async () => {
    const mine = await review(USER_TOKEN, 'Held elsewhere.');
    const otherReplica = new Client({ connectionString: world.api.settings.database.url });
    await otherReplica.connect();
    try {
      await otherReplica.query('SELECT pg_advisory_lock($1, $2)', [REVIEW_LOCK_CLASS, mine.id]);
      const { response, ms } = await timed(patch(USER_TOKEN, mine.id, 'Not now.'));
      expectProblem(response, 409);
      expect(ms).toBeLessThan(1000);
    } finally {
      await otherReplica.end();
    }
    expect((await patch(USER_TOKEN, mine.id, 'Now.')).status).toBe(200);
  });

  it("caps one user's writes in flight with 429 and Retry-After, while another user's write goes through", async () => {
    world.api.app.get(ReviewWriteOptions).perUser = 2;
    const greedy = await addUser(world);
    const reviews = [await review(greedy.token, 'One.'), await review(greedy.token, 'Two.'), await review(greedy.token, 'Three.')];
    const other = await review(USER_TOKEN, 'Someone else.');

    const inFlight = await holdEdits(2, () => reviews.slice(0, 2).map((mine, index) => patch(greedy.token, mine.id, `Edit ${index}.`)));
    const { response: third, ms } = await timed(patch(greedy.token, reviews[2].id, 'Edit 2.'));
    const elsewhere = await patch(USER_TOKEN, other.id, 'Not starved.');

    expectProblem(third, 429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(HOLD_MS / 2);
    expect(elsewhere.status).toBe(200);
    expect((await Promise.all(inFlight)).map((response) => response.status)).toEqual([200, 200]);
    expect((await patch(greedy.token, reviews[2].id, 'Edit 2.')).status).toBe(200);
  });

  it("refuses another user's write before it is admitted, so it cannot hold the author's review", async () => {
    Object.assign(world.api.app.get(ReviewWriteOptions), { slots: 1, queue: 5 });
    const author = await addUser(world);
    const busy = await review(author.token, 'Keeps the slot.');
    const target = await review(author.token, 'Targeted.');

    const [running] = await holdEdits(1, () => [patch(author.token, busy.id, 'Running.')]);
    const foreign = await timed(patch(USER_TOKEN, target.id, 'Not mine.'));
    const own = patch(author.token, target.id, 'Mine.');

    expectProblem(foreign.response, 403);
    expect(foreign.ms).toBeLessThan(HOLD_MS / 2);
    expect([(await running).status, (await own).status]).toEqual([200, 200]);
  });

  it('refuses a write with 503 and Retry-After when the queue is full, changing nothing', async () => {
    Object.assign(world.api.app.get(ReviewWriteOptions), { slots: 1, queue: 1, perUser: 4 });
    const writers = [await addUser(world), await addUser(world), await addUser(world)];
    const reviews: { id: number }[] = [];
    for (const writer of writers) reviews.push(await review(writer.token, `Before ${writer.username}.`));

    // One write holds the only slot (its Notion answer is held back), one waits in the queue.
    const [running] = await holdEdits(1, () => [patch(writers[0].token, reviews[0].id, 'Running.')]);
    const queued = patch(writers[1].token, reviews[1].id, 'Queued.');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { response: refused, ms } = await timed(patch(writers[2].token, reviews[2].id, 'Refused.'));

    expectProblem(refused, 503);
    expect(refused.body.type).toMatch(/review-writes-busy$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(HOLD_MS / 2);
    expect([(await running).status, (await queued).status]).toEqual([200, 200]);
    expect((await world.api.request('GET', `/api/v1/reviews/${reviews[2].id}`, { token: writers[2].token })).body.comment).toBe(
      `Before ${writers[2].username}.`,
    );
  });
});
