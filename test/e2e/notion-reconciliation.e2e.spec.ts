import { MovieTitleSync } from '../../src/reviews/movie-title-sync';
import { ReconciliationLock } from '../../src/reviews/reconciliation-lock';
import { ReconciliationScheduler } from '../../src/reviews/reconciliation.scheduler';
import { ADMIN_TOKEN, expectProblem, startTestApp, USER_TOKEN } from '../support/test-app';
import { addMovie, expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld, storedReviews } from './reviews.helpers';

describe('Notion reconciliation (e2e)', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld({ env: { NOTION_RECONCILE_MINUTES: '5' } });
  });
  afterAll(() => world.close());
  afterEach(async () => {
    world.notion.clearFaults();
    await expectStoresAgree(world);
    expect(await pendingSyncs(world)).toEqual([]);
  });

  const reconcile = (token = ADMIN_TOKEN) => world.api.request('POST', '/api/v1/reviews/reconcile', { token });
  const text = (content: string) => ({ rich_text: [{ text: { content } }] });
  const pageOf = (pageId: string) => world.notion.pages().find((page) => page.id === pageId);

  async function review(comment: string, rating = 3): Promise<{ id: number; notionPageId: string; movieId: number }> {
    const movieId = await addMovie(world);
    const created = await world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body: { movieId, rating, comment } });
    if (created.status !== 201) throw new Error(`setup review failed: ${created.status} ${created.text}`);
    return created.body;
  }

  it('answers zero figures when both stores agree', async () => {
    await review('Agreed.');

    const report = await reconcile();

    expect(report.status).toBe(200);
    expect(report.body).toEqual({ checked: (await storedReviews(world)).length, recreated: 0, updated: 0, archived: 0, pending: 0 });
  });

  it('repairs every kind of drift in one run', async () => {
    const edited = await review('Edited in Notion.', 4);
    const trashed = await review('Trashed in Notion.');
    const deleted = await review('Deleted for good in Notion.');
    const duplicated = await review('Duplicated in Notion.');
    const renumbered = await review('Renumbered in Notion.');
    const victim = await review('Its number was taken.');
    world.notion.editPageProperties(edited.notionPageId, { Rating: { number: 1 }, Review: text('vandalised'), Author: text('someone') });
    world.notion.trashPage(trashed.notionPageId);
    world.notion.deletePagePermanently(deleted.notionPageId);
    const duplicate = world.notion.createOrphanPage(duplicated.id, 'Copy');
    // A page that claims another review's number is still its own review's page: restored, not trashed.
    world.notion.editPageProperties(renumbered.notionPageId, { 'Review ID': { number: victim.id } });
    const orphan = world.notion.createOrphanPage(999_999, 'Nobody reviewed this');
    const unnumbered = world.notion.createOrphanPage(1, 'No number');
    world.notion.editPageProperties(unnumbered.id, { 'Review ID': { number: null } });

    const report = await reconcile();

    expect(report.body).toEqual({ checked: (await storedReviews(world)).length, recreated: 2, updated: 2, archived: 3, pending: 0 });
    expect(world.notion.plainProperties(pageOf(edited.notionPageId)!)).toMatchObject({
      rating: 4,
      review: 'Edited in Notion.',
      author: 'consumer',
    });
    expect(pageOf(trashed.notionPageId)?.inTrash).toBe(false);
    expect(pageOf(duplicate.id)?.inTrash).toBe(true);
    expect([pageOf(orphan.id)?.inTrash, pageOf(unnumbered.id)?.inTrash]).toEqual([true, true]);
    const replacement = await world.api.request('GET', `/api/v1/reviews/${deleted.id}`, { token: USER_TOKEN });
    expect(replacement.body.notionPageId).not.toBe(deleted.notionPageId);
    expect(world.notion.plainProperties(pageOf(replacement.body.notionPageId)!).reviewId).toBe(deleted.id);
    expect(world.notion.plainProperties(pageOf(renumbered.notionPageId)!).reviewId).toBe(renumbered.id);

    expect((await reconcile()).body).toMatchObject({ recreated: 0, updated: 0, archived: 0 });
  });

  it('adopts a live page carrying the Review ID when the stored page is gone, instead of making another', async () => {
    const lost = await review('Page replaced by hand.');
    world.notion.deletePagePermanently(lost.notionPageId);
    const byHand = world.notion.createOrphanPage(lost.id, 'Typed by hand');
    const pagesBefore = world.notion.pages().length;

    expect((await reconcile()).body).toMatchObject({ recreated: 1, archived: 0 });

    expect(world.notion.pages()).toHaveLength(pagesBefore);
    expect((await world.api.request('GET', `/api/v1/reviews/${lost.id}`, { token: USER_TOKEN })).body.notionPageId).toBe(byHand.id);
  });

  it('walks more than one page of Notion results (cursor pagination)', async () => {
    const orphans = Array.from({ length: 130 }, (_, index) => world.notion.createOrphanPage(500_000 + index, `Orphan ${index}`));

    const report = await reconcile();

    expect(report.body.archived).toBe(130);
    expect(orphans.every((orphan) => pageOf(orphan.id)?.inTrash)).toBe(true);
    expect(world.notion.countMatching(/^POST \/v1\/data_sources\/[^/]+\/query$/)).toBeGreaterThanOrEqual(2);
  });

  it('brings a renamed movie to its pages right after the rename, and the reconciliation finds nothing left', async () => {
    const first = await review('Title follows.');
    await world.api.request('POST', '/api/v1/reviews', {
      token: ADMIN_TOKEN,
      body: { movieId: first.movieId, rating: 5, comment: 'Me too.' },
    });

    const renamed = await world.api.request('PATCH', `/api/v1/catalog/movies/${first.movieId}`, {
      token: ADMIN_TOKEN,
      body: { title: 'New Title' },
    });
    await world.api.app.get(MovieTitleSync).idle();

    expect(renamed.status).toBe(200);
    const titles = world.notion
      .livePages()
      .filter((page) => ['Title follows.', 'Me too.'].includes(world.notion.plainProperties(page).review));
    expect(titles.map((page) => world.notion.plainProperties(page).movie)).toEqual(['New Title', 'New Title']);
    expect((await reconcile()).body).toMatchObject({ recreated: 0, updated: 0, archived: 0 });
  });

  it('leaves alone a review whose write is in flight', async () => {
    const movieId = await addMovie(world);
    // The page is made at once but Notion's answer is held, so the review's transaction is still open.
    world.notion.faults({ hangAfterApplyNext: 1, hangMs: 1500, match: /^POST \/v1\/pages$/ });
    const creating = world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { movieId, rating: 4, comment: 'In flight.' },
    });
    while (!world.notion.livePages().some((page) => world.notion.plainProperties(page).review === 'In flight.')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const report = await reconcile();

    expect(report.body).toMatchObject({ archived: 0, recreated: 0, updated: 0 });
    expect((await creating).status).toBe(201);
  });

  it('runs one at a time across replicas: a second run gets 409', async () => {
    const replica = await startTestApp({
      DATABASE_URL: world.api.settings.database.url,
      NOTION_TOKEN: world.notion.token,
      NOTION_DATABASE_ID: world.notion.databaseId,
      NOTION_BASE_URL: world.notion.baseUrl,
    });
    try {
      const release = await world.api.app.get(ReconciliationLock).tryAcquire();
      const elsewhere = await replica.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN });
      const here = await reconcile();
      await release?.();
      const afterwards = await replica.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN });

      expect(release).toBeDefined();
      expectProblem(elsewhere, 409);
      expectProblem(here, 409);
      expect(afterwards.status).toBe(200);
    } finally {
      await replica.close();
    }
  });

  it('runs on its schedule: the interval is registered and a tick repairs drift', async () => {
    const drifted = await review('Scheduled repair.', 5);
    world.notion.editPageProperties(drifted.notionPageId, { Rating: { number: 1 } });

    expect(world.api.app.get(ReconciliationScheduler).scheduled).toBe(true);
    await world.api.app.get(ReconciliationScheduler).tick();

    expect(world.notion.plainProperties(pageOf(drifted.notionPageId)!).rating).toBe(5);
  });

  it('answers 503 when Notion cannot be walked, and a scheduled tick only logs it', async () => {
    world.notion.faults({ failNext: 20, status: 503, match: /query$/ });

    expectProblem(await reconcile(), 503);
    await expect(world.api.app.get(ReconciliationScheduler).tick()).resolves.toBeUndefined();
  });

  it('is for admins only', async () => {
    expectProblem(await reconcile(USER_TOKEN), 403);
    expectProblem(await world.api.request('POST', '/api/v1/reviews/reconcile'), 401);
  });
});
