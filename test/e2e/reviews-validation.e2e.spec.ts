import { ReconciliationScheduler } from '../../src/reviews/reconciliation.scheduler';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { addMovie, addUser, expectStoresAgree, ReviewsWorld, startReviewsWorld } from './reviews.helpers';

describe('reviews: validation and authorization (e2e)', () => {
  let world: ReviewsWorld;
  let movieId: number;
  let review: { id: number; notionPageId: string };
  let notionWrites: () => number;

  beforeAll(async () => {
    world = await startReviewsWorld();
    movieId = await addMovie(world, 'Validated', 2010);
    review = (await world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body: { movieId, rating: 3, comment: 'Mine.' } }))
      .body;
    notionWrites = () => world.notion.countMatching(/^(POST \/v1\/pages|PATCH )/);
  });
  afterAll(() => world.close());

  describe('POST /reviews', () => {
    it.each([
      ['neither movieId nor tmdbId', { rating: 3, comment: 'x' }],
      ['both movieId and tmdbId', { movieId: 1, tmdbId: 550, rating: 3, comment: 'x' }],
      ['a null movieId', { movieId: null, rating: 3, comment: 'x' }],
      ['a movieId as text', { movieId: '1', rating: 3, comment: 'x' }],
      ['a tmdbId of 0', { tmdbId: 0, rating: 3, comment: 'x' }],
      ['a rating of 0', { movieId: 1, rating: 0, comment: 'x' }],
      ['a rating of 6', { movieId: 1, rating: 6, comment: 'x' }],
      ['a fractional rating', { movieId: 1, rating: 3.5, comment: 'x' }],
      ['a rating as text', { movieId: 1, rating: '4', comment: 'x' }],
      ['no rating', { movieId: 1, comment: 'x' }],
      ['an empty comment', { movieId: 1, rating: 3, comment: '' }],
      ['a blank comment', { movieId: 1, rating: 3, comment: '   ' }],
      ['a comment of 5001 characters', { movieId: 1, rating: 3, comment: 'x'.repeat(5001) }],
      ['a comment that is not text', { movieId: 1, rating: 3, comment: { text: 'x' } }],
      ['a NUL character in the comment', { movieId: 1, rating: 3, comment: 'a\u0000b' }],
      ['an unknown property', { movieId: 1, rating: 3, comment: 'x', userId: 1 }],
    ])('answers 400 for %s, never reaching Notion', async (_case, body) => {
      const before = notionWrites();

      expectProblem(await world.api.request('POST', '/api/v1/reviews', { token: ADMIN_TOKEN, body }), 400);

      expect(notionWrites()).toBe(before);
    });

    it('answers 404 for an unknown catalog movie and 401 without a token', async () => {
      expectProblem(
        await world.api.request('POST', '/api/v1/reviews', { token: ADMIN_TOKEN, body: { movieId: 999_999, rating: 3, comment: 'x' } }),
        404,
      );
      expectProblem(await world.api.request('POST', '/api/v1/reviews', { body: { movieId, rating: 3, comment: 'x' } }), 401);
    });

    it('accepts a comment of exactly 5000 characters', async () => {
      const other = await addMovie(world);
      const response = await world.api.request('POST', '/api/v1/reviews', {
        token: ADMIN_TOKEN,
        body: { movieId: other, rating: 1, comment: 'y'.repeat(5000) },
      });
      expect(response.status).toBe(201);
    });
  });

  describe('GET /reviews/{id}', () => {
    it('answers 400 for a malformed id, 404 for an unknown one, 401 without a token', async () => {
      expectProblem(await world.api.request('GET', '/api/v1/reviews/abc', { token: USER_TOKEN }), 400);
      expectProblem(await world.api.request('GET', '/api/v1/reviews/0', { token: USER_TOKEN }), 400);
      expectProblem(await world.api.request('GET', '/api/v1/reviews/999999', { token: USER_TOKEN }), 404);
      expectProblem(await world.api.request('GET', `/api/v1/reviews/${review.id}`), 401);
    });

    it("lets any user read anyone's review", async () => {
      const reader = await addUser(world);
      expect((await world.api.request('GET', `/api/v1/reviews/${review.id}`, { token: reader.token })).status).toBe(200);
    });
  });

  describe('PATCH /reviews/{id}', () => {
    it.each([
      ['nothing to change', {}],
      ['a null comment', { comment: null }],
      ['a rating as text', { rating: '5' }],
      ['a rating of 6', { rating: 6 }],
      ['an unknown property', { movieId: 2 }],
    ])('answers 400 for %s', async (_case, body) => {
      expectProblem(await world.api.request('PATCH', `/api/v1/reviews/${review.id}`, { token: USER_TOKEN, body }), 400);
    });

    it("refuses another USER's edit (403) without touching either store", async () => {
      const intruder = await addUser(world);
      const before = notionWrites();

      const response = await world.api.request('PATCH', `/api/v1/reviews/${review.id}`, { token: intruder.token, body: { rating: 1 } });

      expectProblem(response, 403);
      expect(notionWrites()).toBe(before);
      expect((await world.api.request('GET', `/api/v1/reviews/${review.id}`, { token: USER_TOKEN })).body.rating).toBe(3);
    });

    it('lets the author and an admin edit', async () => {
      expect(
        (await world.api.request('PATCH', `/api/v1/reviews/${review.id}`, { token: USER_TOKEN, body: { comment: 'Edited by me.' } }))
          .status,
      ).toBe(200);
      const byAdmin = await world.api.request('PATCH', `/api/v1/reviews/${review.id}`, { token: ADMIN_TOKEN, body: { rating: 2 } });
      expect(byAdmin.body).toMatchObject({ rating: 2, comment: 'Edited by me.', author: 'consumer' });
      await expectStoresAgree(world);
    });

    it('answers 404 for an unknown review and 401 without a token', async () => {
      expectProblem(await world.api.request('PATCH', '/api/v1/reviews/999999', { token: ADMIN_TOKEN, body: { rating: 2 } }), 404);
      expectProblem(await world.api.request('PATCH', `/api/v1/reviews/${review.id}`, { body: { rating: 2 } }), 401);
    });
  });

  describe('DELETE /reviews/{id}', () => {
    it("refuses another USER's delete (403), answers 404 for an unknown review, lets the author delete", async () => {
      const intruder = await addUser(world);
      const own = (
        await world.api.request('POST', '/api/v1/reviews', { token: intruder.token, body: { movieId, rating: 4, comment: 'Theirs.' } })
      ).body;

      expectProblem(await world.api.request('DELETE', `/api/v1/reviews/${review.id}`, { token: intruder.token }), 403);
      expectProblem(await world.api.request('DELETE', '/api/v1/reviews/999999', { token: ADMIN_TOKEN }), 404);
      expectProblem(await world.api.request('DELETE', `/api/v1/reviews/${own.id}`), 401);
      expect((await world.api.request('DELETE', `/api/v1/reviews/${own.id}`, { token: intruder.token })).status).toBe(204);
      expect((await world.api.request('GET', `/api/v1/reviews/${review.id}`, { token: USER_TOKEN })).status).toBe(200);
      await expectStoresAgree(world);
    });
  });

  it('does not schedule the reconciliation when NOTION_RECONCILE_MINUTES is 0', () => {
    expect(world.api.app.get(ReconciliationScheduler).scheduled).toBe(false);
  });
});

describe('reviews without Notion configured (e2e)', () => {
  let api: TestApp;
  let movieId: number;
  let reviewId: number;

  beforeAll(async () => {
    api = await startTestApp({ NOTION_RECONCILE_MINUTES: '5' });
    movieId = (
      await api.request('POST', '/api/v1/catalog/movies', { token: ADMIN_TOKEN, body: { title: 'Offline', year: 2000, description: '' } })
    ).body.id;
    const { DataSource } = await import('typeorm');
    const [row] = (await api.app
      .get(DataSource)
      .query(
        `INSERT INTO reviews (movie_id, user_id, rating, comment, notion_page_id) VALUES ($1, 2, 4, 'Written earlier.', gen_random_uuid()) RETURNING id`,
        [movieId],
      )) as { id: number }[];
    reviewId = row.id;
  });
  afterAll(() => api.close());

  it('answers review writes and the reconciliation with 503 and an explanation, storing nothing', async () => {
    const responses = [
      await api.request('POST', '/api/v1/reviews', { token: ADMIN_TOKEN, body: { movieId, rating: 3, comment: 'x' } }),
      await api.request('PATCH', `/api/v1/reviews/${reviewId}`, { token: USER_TOKEN, body: { rating: 1 } }),
      await api.request('DELETE', `/api/v1/reviews/${reviewId}`, { token: USER_TOKEN }),
      await api.request('POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN }),
    ];

    for (const response of responses) {
      expectProblem(response, 503);
      expect(response.body.detail).toMatch(/Notion is not configured/);
    }
    const movie = await api.request('GET', `/api/v1/catalog/movies/${movieId}`, { token: USER_TOKEN });
    expect(movie.body).toMatchObject({ reviewCount: 1, averageRating: 4 });
  });

  it('still serves reads, and schedules nothing', async () => {
    const read = await api.request('GET', `/api/v1/reviews/${reviewId}`, { token: USER_TOKEN });
    expect(read.body).toMatchObject({ id: reviewId, rating: 4, comment: 'Written earlier.', author: 'consumer', movieTitle: 'Offline' });
    expect((await api.request('GET', `/api/v1/catalog/movies/${movieId}/reviews`, { token: USER_TOKEN })).body.totalItems).toBe(1);
    expect(api.app.get(ReconciliationScheduler).scheduled).toBe(false);
  });
});
