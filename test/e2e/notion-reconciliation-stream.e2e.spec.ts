import { NotionPort } from '../../src/notion/notion.port';
import { ADMIN_TOKEN } from '../support/test-app';
import { expectStoresAgree, pendingSyncs, ReviewsWorld, startReviewsWorld, storedReviews } from './reviews.helpers';

const REVIEWS = 1200;
const QUERY = /^POST \/v1\/data_sources\/[^/]+\/query$/;

/**
 * The reconciliation walks Notion's pages as a stream of query pages (100 each) and keeps only ids and
 * digests. Many reviews and their pages are written straight into both stores (no API, no pacing), so the
 * walk spans a dozen query pages.
 */
describe('Notion reconciliation over many pages (e2e)', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld();
    const movies: { id: number; title: string }[] = await world.db.query(
      `INSERT INTO catalog_movies (title, year) SELECT 'Streamed ' || n, 2000 FROM generate_series(1, $1) AS n RETURNING id, title`,
      [REVIEWS],
    );
    const inserted: { id: number; movie_id: number; comment: string }[] = await world.db.query(
      `INSERT INTO reviews (movie_id, user_id, rating, comment)
       SELECT movie_id, (SELECT id FROM users WHERE username = 'consumer'), 4, 'Comment on movie ' || movie_id FROM unnest($1::int[]) AS movie_id
       RETURNING id, movie_id, comment`,
      [movies.map((movie) => movie.id)],
    );
    const titles = new Map(movies.map((movie) => [movie.id, movie.title]));
    const rows = inserted.map((row) => ({ id: row.id, title: titles.get(row.movie_id)!, comment: row.comment }));
    const pageIds = rows.map((row) => {
      const page = world.notion.createOrphanPage(row.id, row.title);
      world.notion.editPageProperties(page.id, {
        Rating: { number: 4 },
        Review: { rich_text: [{ text: { content: row.comment } }] },
        Author: { rich_text: [{ text: { content: 'consumer' } }] },
      });
      return page.id;
    });
    await world.db.query(
      `UPDATE reviews r SET notion_page_id = p.page_id FROM unnest($1::int[], $2::uuid[]) AS p(id, page_id) WHERE r.id = p.id`,
      [rows.map((row) => row.id), pageIds],
    );
  }, 120_000);
  afterAll(() => world.close());

  it('hands out live pages one query page at a time, asking Notion for the next only when it is taken', async () => {
    const before = world.notion.countMatching(QUERY);
    const batches = world.api.app.get(NotionPort).livePages()[Symbol.asyncIterator]();

    const first = await batches.next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(100);
    expect(world.notion.countMatching(QUERY) - before).toBe(1);

    let seen = first.value.length;
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      expect(next.value.length).toBeLessThanOrEqual(100);
      seen += next.value.length;
    }
    expect(seen).toBe(world.notion.livePages().length);
    expect(world.notion.countMatching(QUERY) - before).toBe(Math.ceil(seen / 100));
  });

  it('finds nothing to repair when every page agrees, and repairs drift on any query page', async () => {
    expect((await world.api.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN })).body).toEqual({
      checked: REVIEWS,
      recreated: 0,
      updated: 0,
      archived: 0,
      pending: 0,
    });

    const rows = await storedReviews(world);
    const early = rows[3];
    const late = rows[rows.length - 2];
    world.notion.editPageProperties(early.notion_page_id!, { Rating: { number: 1 } });
    world.notion.editPageProperties(late.notion_page_id!, { Review: { rich_text: [{ text: { content: 'vandalised' } }] } });
    world.notion.trashPage(rows[600].notion_page_id!);
    world.notion.createOrphanPage(rows[900].id, 'A duplicate');
    world.notion.createOrphanPage(9_000_000, 'Nobody reviewed this');

    const report = await world.api.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN });

    expect(report.body).toEqual({ checked: REVIEWS, recreated: 1, updated: 2, archived: 2, pending: 0 });
    await expectStoresAgree(world);
    expect(await pendingSyncs(world)).toEqual([]);
  });
});
