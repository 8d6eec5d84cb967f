import { ADMIN_TOKEN, expectProblem, USER_TOKEN } from '../support/test-app';
import { expectStoresAgree, ReviewsWorld, startReviewsWorld } from './reviews.helpers';

describe('catalog (e2e)', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld();
  });
  afterAll(() => world.close());

  const create = (body: unknown, token = ADMIN_TOKEN) => world.api.request('POST', '/api/v1/catalog/movies', { token, body });
  const list = (query: string, token = USER_TOKEN) => world.api.request('GET', `/api/v1/catalog/movies${query}`, { token });
  const titles = (response: { body: { items: { title: string }[] } }) => response.body.items.map((item) => item.title);

  describe('POST /catalog/movies', () => {
    it('adds a movie for an admin', async () => {
      const response = await create({ title: 'Cidade de Deus', year: 2002, description: 'Rio, 1960s to 1980s.', tmdbId: 598 });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        title: 'Cidade de Deus',
        year: 2002,
        description: 'Rio, 1960s to 1980s.',
        tmdbId: 598,
        reviewCount: 0,
        averageRating: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('refuses a second movie with the same tmdbId (409)', async () => {
      await create({ title: 'Once', year: 2007, description: '', tmdbId: 5723 });

      expectProblem(await create({ title: 'Once again', year: 2007, description: '', tmdbId: 5723 }), 409);
    });

    it.each([
      ['no title', { year: 2000, description: '' }],
      ['a blank title', { title: '   ', year: 2000, description: '' }],
      ['a title of 301 characters', { title: 'x'.repeat(301), year: 2000, description: '' }],
      ['a null title', { title: null, year: 2000, description: '' }],
      ['a year as text', { title: 'T', year: '2000', description: '' }],
      ['a year before cinema', { title: 'T', year: 1800, description: '' }],
      ['a fractional year', { title: 'T', year: 2000.5, description: '' }],
      ['no description', { title: 'T', year: 2000 }],
      ['a description of 5001 characters', { title: 'T', year: 2000, description: 'x'.repeat(5001) }],
      ['a tmdbId of 0', { title: 'T', year: 2000, description: '', tmdbId: 0 }],
      ['a tmdbId as text', { title: 'T', year: 2000, description: '', tmdbId: '12' }],
      ['an unknown property', { title: 'T', year: 2000, description: '', rating: 5 }],
      ['a NUL character', { title: 'T\u0000', year: 2000, description: '' }],
    ])('answers 400 for %s', async (_case, body) => {
      expectProblem(await create(body), 400);
    });

    it('is for admins only', async () => {
      expectProblem(await create({ title: 'T', year: 2000, description: '' }, USER_TOKEN), 403);
      expectProblem(await world.api.request('POST', '/api/v1/catalog/movies', { body: { title: 'T', year: 2000, description: '' } }), 401);
    });
  });

  describe('GET /catalog/movies', () => {
    beforeAll(async () => {
      for (const [title, year] of [
        ['The Listing A', 1970],
        ['the listing b', 1971],
        ['THE LISTING C', 1971],
        ['100% Listing', 1972],
        ['Listing_under', 1972],
      ] as const) {
        await create({ title, year, description: '' });
      }
    });

    it('filters by a case-insensitive part of the title, ordered by title', async () => {
      const response = await list('?title=tHe%20LiStInG');

      expect(response.status).toBe(200);
      expect(titles(response)).toEqual(['The Listing A', 'the listing b', 'THE LISTING C']);
      expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalItems: 3, totalPages: 1 });
    });

    it('treats % and _ in the title filter as plain characters', async () => {
      expect(titles(await list('?title=100%25'))).toEqual(['100% Listing']);
      expect(titles(await list('?title=g_u'))).toEqual(['Listing_under']);
    });

    it('filters by year, alone or with the title, and paginates', async () => {
      expect(titles(await list('?year=1971'))).toEqual(['the listing b', 'THE LISTING C']);
      expect(titles(await list('?year=1972&title=under'))).toEqual(['Listing_under']);
      const second = await list('?title=listing&pageSize=2&page=2');
      expect(second.body).toMatchObject({ page: 2, pageSize: 2, totalItems: 5, totalPages: 3 });
      expect(second.body.items).toHaveLength(2);
      const beyond = await list('?title=listing&pageSize=2&page=9');
      expect(beyond.body).toMatchObject({ items: [], totalItems: 5 });
    });

    it.each(['?year=abc', '?year=1800', '?pageSize=101', '?page=0', '?title=', '?title=a%00b', '?unknown=1'])(
      'answers 400 for %s',
      async (query) => {
        expectProblem(await list(query), 400);
      },
    );

    it('needs a token, as every catalog read does', async () => {
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies'), 401);
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/1'), 401);
      expectProblem(
        await world.api.request('GET', '/api/v1/catalog/movies/1/reviews', { headers: { authorization: 'Bearer forged-token' } }),
        401,
      );
      expectProblem(await world.api.request('PATCH', '/api/v1/catalog/movies/1', { body: { title: 'x' } }), 401);
      expectProblem(await world.api.request('DELETE', '/api/v1/catalog/movies/1'), 401);
    });
  });

  describe('one movie', () => {
    it('shows its review count and average rating (two decimals)', async () => {
      const movie = await create({ title: 'Averaged', year: 2001, description: '' });
      const reviewers = [ADMIN_TOKEN, USER_TOKEN];
      for (const [index, token] of reviewers.entries()) {
        await world.api.request('POST', '/api/v1/reviews', {
          token,
          body: { movieId: movie.body.id, rating: [4, 5][index], comment: 'x' },
        });
      }
      const third = await world.api.request('POST', '/api/v1/auth/register', {
        body: { username: 'third', email: 'third@example.com', password: 'long-enough-password' },
      });
      const login = await world.api.request('POST', '/api/v1/auth/login', {
        body: { username: 'third', password: 'long-enough-password' },
      });
      await world.api.request('POST', '/api/v1/reviews', {
        token: login.body.accessToken,
        body: { movieId: movie.body.id, rating: 5, comment: 'y' },
      });

      const response = await world.api.request('GET', `/api/v1/catalog/movies/${movie.body.id}`, { token: USER_TOKEN });

      expect(third.status).toBe(201);
      expect(response.body).toMatchObject({ id: movie.body.id, reviewCount: 3, averageRating: 4.67 });
      const listed = await list('?title=Averaged');
      expect(listed.body.items[0]).toMatchObject({ reviewCount: 3, averageRating: 4.67 });
      const reviews = await world.api.request('GET', `/api/v1/catalog/movies/${movie.body.id}/reviews?pageSize=2&page=2`, {
        token: USER_TOKEN,
      });
      expect(reviews.body).toMatchObject({ page: 2, pageSize: 2, totalItems: 3, totalPages: 2 });
      expect(reviews.body.items.map((item: { author: string }) => item.author)).toEqual(['third']);
    });

    it('answers 404 for an unknown movie and 400 for a malformed id', async () => {
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/999999', { token: USER_TOKEN }), 404);
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/999999/reviews', { token: USER_TOKEN }), 404);
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/abc', { token: USER_TOKEN }), 400);
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/0', { token: USER_TOKEN }), 400);
      expectProblem(await world.api.request('GET', '/api/v1/catalog/movies/1/reviews?pageSize=0', { token: USER_TOKEN }), 400);
    });
  });

  describe('PATCH /catalog/movies/{id}', () => {
    it('changes the given fields for an admin and may unlink the TMDB id', async () => {
      const movie = await create({ title: 'Before', year: 1990, description: 'd', tmdbId: 77_001 });

      const response = await world.api.request('PATCH', `/api/v1/catalog/movies/${movie.body.id}`, {
        token: ADMIN_TOKEN,
        body: { title: 'After', tmdbId: null },
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ title: 'After', year: 1990, description: 'd', tmdbId: null });
    });

    it('answers 400, 403, 404 and 409 where due', async () => {
      const movie = await create({ title: 'Patched', year: 1990, description: '' });
      await create({ title: 'Holder', year: 1990, description: '', tmdbId: 77_002 });
      const patch = (body: unknown, token = ADMIN_TOKEN, id = movie.body.id) =>
        world.api.request('PATCH', `/api/v1/catalog/movies/${id}`, { token, body });

      expectProblem(await patch({}), 400);
      expectProblem(await patch({ title: null }), 400);
      expectProblem(await patch({ year: 'soon' }), 400);
      expectProblem(await patch({ title: 'x' }, USER_TOKEN), 403);
      expectProblem(await patch({ title: 'x' }, ADMIN_TOKEN, 999_999), 404);
      expectProblem(await patch({ tmdbId: 77_002 }), 409);
    });
  });

  describe('DELETE /catalog/movies/{id}', () => {
    it('removes a movie without reviews, and refuses one with reviews (409) leaving both stores intact', async () => {
      const empty = await create({ title: 'Unreviewed', year: 1990, description: '' });
      const reviewed = await create({ title: 'Reviewed', year: 1990, description: '' });
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: reviewed.body.id, rating: 3, comment: 'Keep me.' },
      });

      const removed = await world.api.request('DELETE', `/api/v1/catalog/movies/${empty.body.id}`, { token: ADMIN_TOKEN });
      const refused = await world.api.request('DELETE', `/api/v1/catalog/movies/${reviewed.body.id}`, { token: ADMIN_TOKEN });

      expect(removed.status).toBe(204);
      expectProblem(refused, 409);
      expectProblem(await world.api.request('GET', `/api/v1/catalog/movies/${empty.body.id}`, { token: USER_TOKEN }), 404);
      expect((await world.api.request('GET', `/api/v1/catalog/movies/${reviewed.body.id}`, { token: USER_TOKEN })).body.reviewCount).toBe(
        1,
      );
      await expectStoresAgree(world);
    });

    it('answers 403 for a USER and 404 for an unknown movie', async () => {
      expectProblem(await world.api.request('DELETE', '/api/v1/catalog/movies/1', { token: USER_TOKEN }), 403);
      expectProblem(await world.api.request('DELETE', '/api/v1/catalog/movies/999999', { token: ADMIN_TOKEN }), 404);
    });
  });
});
