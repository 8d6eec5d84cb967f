import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { rawRequest as raw } from '../support/raw-request';
import { ADMIN_TOKEN, expectProblem, USER_TOKEN } from '../support/test-app';
import { addMovie, addUser, ReviewsWorld, startReviewsWorld } from './reviews.helpers';

/**
 * The contract's conventions over real HTTP: Link on paginated lists,
 * Location on creates, strong ETags with 304, br/gzip over 1 KiB, and the
 * headers a browser needs exposed through CORS.
 */
const ORIGIN = 'https://app.example.com';

/** `Link` as { rel: target }. */
function links(header: string | null | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of (header ?? '').split(/,\s*(?=<)/)) {
    const match = /^<([^>]*)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (match) found[match[2]] = match[1];
  }
  return found;
}

describe('HTTP conventions (e2e)', () => {
  let world: ReviewsWorld;
  const auth = (token = USER_TOKEN) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    world = await startReviewsWorld({ env: { CORS_ORIGINS: ORIGIN, RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(() => world.close());

  describe('Link on paginated lists', () => {
    it('gives first, prev, next and last on a middle page, keeping the filters and pageSize', async () => {
      for (let i = 0; i < 5; i++) await addMovie(world, `Linked ${i}`, 1971);
      await addMovie(world, 'Other year', 1972);

      const response = await world.api.request('GET', '/api/v1/catalog/movies?year=1971&pageSize=2&page=2', { token: USER_TOKEN });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 2, pageSize: 2, totalItems: 5, totalPages: 3 });
      expect(links(response.headers.get('link'))).toEqual({
        first: '/api/v1/catalog/movies?year=1971&pageSize=2&page=1',
        prev: '/api/v1/catalog/movies?year=1971&pageSize=2&page=1',
        next: '/api/v1/catalog/movies?year=1971&pageSize=2&page=3',
        last: '/api/v1/catalog/movies?year=1971&pageSize=2&page=3',
      });
      const next = await world.api.request('GET', links(response.headers.get('link')).next, { token: USER_TOKEN });
      expect(next.body).toMatchObject({ page: 3, totalPages: 3 });
      expect(next.body.items).toHaveLength(1);
      expect(Object.keys(links(next.headers.get('link')))).toEqual(['first', 'prev', 'last']);
    });

    it('has no prev on the first page, and first and last on an empty list', async () => {
      const first = await world.api.request('GET', '/api/v1/catalog/movies?title=linked&pageSize=2', { token: USER_TOKEN });
      expect(links(first.headers.get('link'))).toEqual({
        first: '/api/v1/catalog/movies?title=linked&pageSize=2&page=1',
        next: '/api/v1/catalog/movies?title=linked&pageSize=2&page=2',
        last: '/api/v1/catalog/movies?title=linked&pageSize=2&page=3',
      });
      const empty = await world.api.request('GET', '/api/v1/catalog/movies?title=no%20such%20film', { token: USER_TOKEN });
      expect(empty.body.totalPages).toBe(0);
      expect(links(empty.headers.get('link'))).toEqual({
        first: '/api/v1/catalog/movies?title=no+such+film&page=1',
        last: '/api/v1/catalog/movies?title=no+such+film&page=1',
      });
    });

    it('is on the TMDB lists (capped at page 500), favorites, watchlist, ratings, reviews, shared lists, orders and sync runs', async () => {
      const popular = await world.api.request('GET', '/api/v1/movies/popular?language=pt-BR&page=2', { token: USER_TOKEN });
      expect(links(popular.headers.get('link'))).toEqual({
        first: '/api/v1/movies/popular?language=pt-BR&page=1',
        prev: '/api/v1/movies/popular?language=pt-BR&page=1',
        next: '/api/v1/movies/popular?language=pt-BR&page=3',
        last: '/api/v1/movies/popular?language=pt-BR&page=500',
      });
      const search = await world.api.request('GET', '/api/v1/movies/search?query=the&year=1999', { token: USER_TOKEN });
      expect(links(search.headers.get('link')).first).toBe('/api/v1/movies/search?query=the&year=1999&page=1');

      const user = await addUser(world);
      for (const tmdbId of [550, 603, 13]) {
        expect((await world.api.request('PUT', `/api/v1/me/favorites/${tmdbId}`, { token: user.token })).status).toBe(201);
        expect((await world.api.request('PUT', `/api/v1/me/ratings/${tmdbId}`, { token: user.token, body: { stars: 4 } })).status).toBe(
          201,
        );
      }
      const favorites = await world.api.request('GET', '/api/v1/me/favorites?sort=rating&order=asc&pageSize=1&page=2', {
        token: user.token,
      });
      expect(links(favorites.headers.get('link'))).toEqual({
        first: '/api/v1/me/favorites?sort=rating&order=asc&pageSize=1&page=1',
        prev: '/api/v1/me/favorites?sort=rating&order=asc&pageSize=1&page=1',
        next: '/api/v1/me/favorites?sort=rating&order=asc&pageSize=1&page=3',
        last: '/api/v1/me/favorites?sort=rating&order=asc&pageSize=1&page=3',
      });
      const ofUser = await world.api.request('GET', `/api/v1/users/${user.id}/favorites?pageSize=2`, { token: ADMIN_TOKEN });
      expect(links(ofUser.headers.get('link')).next).toBe(`/api/v1/users/${user.id}/favorites?pageSize=2&page=2`);
      for (const tmdbId of [550, 603]) {
        expect((await world.api.request('PUT', `/api/v1/me/watchlist/${tmdbId}`, { token: user.token })).status).toBe(201);
      }
      const watchlist = await world.api.request('GET', '/api/v1/me/watchlist?pageSize=1', { token: user.token });
      expect(links(watchlist.headers.get('link')).next).toBe('/api/v1/me/watchlist?pageSize=1&page=2');
      const ratings = await world.api.request('GET', '/api/v1/me/ratings?pageSize=2', { token: user.token });
      expect(links(ratings.headers.get('link')).last).toBe('/api/v1/me/ratings?pageSize=2&page=2');

      const listName = `linked-${user.id}`;
      expect((await world.api.request('PUT', '/api/v1/me/favorites/share', { token: user.token, body: { listName } })).status).toBe(201);
      const shared = await world.api.request('GET', `/api/v1/shared-lists/${listName}?order=asc&pageSize=2`);
      expect(links(shared.headers.get('link')).next).toBe(`/api/v1/shared-lists/${listName}?order=asc&pageSize=2&page=2`);

      const movieId = await addMovie(world, 'Reviewed for links');
      expect(
        (await world.api.request('POST', '/api/v1/reviews', { token: user.token, body: { movieId, rating: 4, comment: 'Good.' } })).status,
      ).toBe(201);
      const reviews = await world.api.request('GET', `/api/v1/catalog/movies/${movieId}/reviews?pageSize=5`, { token: USER_TOKEN });
      expect(links(reviews.headers.get('link'))).toEqual({
        first: `/api/v1/catalog/movies/${movieId}/reviews?pageSize=5&page=1`,
        last: `/api/v1/catalog/movies/${movieId}/reviews?pageSize=5&page=1`,
      });

      const orders = await world.api.request('GET', '/api/v1/orders?status=Pending&customer=ada&sort=-total', { token: ADMIN_TOKEN });
      expect(orders.status).toBe(200);
      expect(links(orders.headers.get('link')).first).toBe('/api/v1/orders?status=Pending&customer=ada&sort=-total&page=1');
      const runs = await world.api.request('GET', '/api/v1/orders/sync/runs?pageSize=10', { token: ADMIN_TOKEN });
      expect(links(runs.headers.get('link')).last).toBe('/api/v1/orders/sync/runs?pageSize=10&page=1');
    });

    it('is not on a failed list request', async () => {
      const bad = await world.api.request('GET', '/api/v1/catalog/movies?pageSize=101', { token: USER_TOKEN });
      expectProblem(bad, 400);
      expect(bad.headers.get('link')).toBeNull();
    });
  });

  describe('Location on creates', () => {
    it('names a new catalog movie, which answers there', async () => {
      const created = await world.api.request('POST', '/api/v1/catalog/movies', {
        token: ADMIN_TOKEN,
        body: { title: 'Located', year: 2001, description: '' },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/v1/catalog/movies/${created.body.id}`);
      const there = await world.api.request('GET', created.headers.get('location')!, { token: USER_TOKEN });
      expect(there.body).toEqual(created.body);
    });

    it('names a new review', async () => {
      const user = await addUser(world);
      const movieId = await addMovie(world, 'Reviewed for Location');
      const created = await world.api.request('POST', '/api/v1/reviews', {
        token: user.token,
        body: { movieId, rating: 5, comment: 'Great.' },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/api/v1/reviews/${created.body.id}`);
      expect((await world.api.request('GET', created.headers.get('location')!, { token: USER_TOKEN })).body).toEqual(created.body);
    });

    it('names a newly shared list, not a renamed one; PUTs that create at their own URL need none', async () => {
      const user = await addUser(world);
      const shared = await world.api.request('PUT', '/api/v1/me/favorites/share', {
        token: user.token,
        body: { listName: `loc-${user.id}` },
      });
      expect(shared.status).toBe(201);
      expect(shared.headers.get('location')).toBe(`/api/v1/shared-lists/loc-${user.id}`);
      expect((await world.api.request('GET', shared.headers.get('location')!)).status).toBe(200);
      const renamed = await world.api.request('PUT', '/api/v1/me/favorites/share', {
        token: user.token,
        body: { listName: `loc2-${user.id}` },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.headers.get('location')).toBeNull();

      const favorite = await world.api.request('PUT', '/api/v1/me/favorites/550', { token: user.token });
      expect(favorite.status).toBe(201);
      expect(favorite.headers.get('location')).toBeNull();
    });

    it('is not on a refused create', async () => {
      const refused = await world.api.request('POST', '/api/v1/catalog/movies', {
        token: ADMIN_TOKEN,
        body: { title: '', year: 2001, description: '' },
      });
      expectProblem(refused, 400);
      expect(refused.headers.get('location')).toBeNull();
    });
  });

  describe('ETag and If-None-Match', () => {
    it('tags a JSON GET strongly and answers a matching If-None-Match with 304, no body, request id and CORS headers', async () => {
      const id = await addMovie(world, 'Tagged');
      const first = await raw(world.api.url, `/api/v1/catalog/movies/${id}`, auth());
      const etag = first.headers.etag as string;
      expect(first.status).toBe(200);
      expect(etag).toMatch(/^"[^"]+"$/);

      const again = await raw(world.api.url, `/api/v1/catalog/movies/${id}`, {
        ...auth(),
        'if-none-match': etag,
        origin: ORIGIN,
        'x-request-id': 'revalidate-1',
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['x-request-id']).toBe('revalidate-1');
      expect(again.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(again.headers['access-control-expose-headers']).toMatch(/ETag/);

      // Weak comparison, lists and `*` (RFC 9110 §13.1.2).
      expect((await raw(world.api.url, `/api/v1/catalog/movies/${id}`, { ...auth(), 'if-none-match': `"other", W/${etag}` })).status).toBe(
        304,
      );
      expect((await raw(world.api.url, `/api/v1/catalog/movies/${id}`, { ...auth(), 'if-none-match': '*' })).status).toBe(304);
      expect((await raw(world.api.url, `/api/v1/catalog/movies/${id}`, { ...auth(), 'if-none-match': '"other"' })).status).toBe(200);

      await world.api.request('PATCH', `/api/v1/catalog/movies/${id}`, { token: ADMIN_TOKEN, body: { title: 'Tagged again' } });
      const changed = await raw(world.api.url, `/api/v1/catalog/movies/${id}`, { ...auth(), 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(JSON.parse(changed.body.toString()).title).toBe('Tagged again');
    });

    it("differs between users where the answer does (per-user flags), so one user never revalidates into another's copy", async () => {
      const user = await addUser(world);
      await world.api.request('PUT', '/api/v1/me/favorites/550', { token: user.token });
      const mine = await raw(world.api.url, '/api/v1/movies/550', auth(user.token));
      const theirs = await raw(world.api.url, '/api/v1/movies/550', { ...auth(), 'if-none-match': mine.headers.etag as string });
      expect(theirs.status).toBe(200);
      expect(JSON.parse(theirs.body.toString()).favorite).toBe(false);
    });

    it('tags no write and no error, and never answers them 304', async () => {
      const created = await raw(world.api.url, '/api/v1/auth/register', { 'content-type': 'application/json' }, 'POST');
      expect(created.status).toBe(400);
      expect(created.headers.etag).toBeUndefined();

      const missing = await raw(world.api.url, '/api/v1/catalog/movies/999999', auth());
      expect(missing.status).toBe(404);
      expect(missing.headers.etag).toBeUndefined();
      const forced = await raw(world.api.url, '/api/v1/catalog/movies/999999', { ...auth(), 'if-none-match': '*' });
      expect(forced.status).toBe(404);
      expect(forced.body.length).toBeGreaterThan(0);
    });
  });

  describe('compression', () => {
    const path = '/api/v1/movies/popular';

    it('sends br or gzip over 1 KiB as Accept-Encoding allows, the same JSON each time, with Vary', async () => {
      const plain = await raw(world.api.url, path, auth());
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const json = JSON.parse(plain.body.toString());

      const br = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(json);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);

      // The same JSON again: its compressed copy is reused, and is as good.
      const brAgain = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'br' });
      expect(brAgain.headers['content-encoding']).toBe('br');
      expect(brAgain.headers.etag).toBe(br.headers.etag);
      expect(Number(brAgain.headers['content-length'])).toBe(brAgain.body.length);
      expect(JSON.parse(brotliDecompressSync(brAgain.body).toString())).toEqual(json);

      const gzip = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(json);

      const identity = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeUndefined();
      const unsupported = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'compress' });
      expect(unsupported.status).toBe(200);
      expect(unsupported.headers['content-encoding']).toBeUndefined();
    });

    it('tags each coding apart (a strong tag names one byte sequence) and revalidates each', async () => {
      const plain = await raw(world.api.url, path, auth());
      const br = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'br' });
      const gzip = await raw(world.api.url, path, { ...auth(), 'accept-encoding': 'gzip' });
      const base = (plain.headers.etag as string).slice(1, -1);
      expect(br.headers.etag).toBe(`"${base}-br"`);
      expect(gzip.headers.etag).toBe(`"${base}-gzip"`);

      const revalidated = await raw(world.api.url, path, {
        ...auth(),
        'accept-encoding': 'br',
        'if-none-match': br.headers.etag as string,
      });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.etag).toBe(br.headers.etag);
      expect(revalidated.body.length).toBe(0);
    });

    it('leaves bodies of 1 KiB or less alone', async () => {
      const small = await raw(world.api.url, '/api/v1/auth/me', { ...auth(), 'accept-encoding': 'br, gzip' });
      expect(small.status).toBe(200);
      expect(small.body.length).toBeLessThanOrEqual(1024);
      expect(small.headers['content-encoding']).toBeUndefined();
      const problem = await raw(world.api.url, '/api/v1/catalog/movies/999999', { ...auth(), 'accept-encoding': 'br, gzip' });
      expect(problem.headers['content-encoding']).toBeUndefined();
      expect(problem.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('CORS', () => {
    it('exposes the headers a browser script needs, on answers and on problems alike', async () => {
      const exposed = [
        'X-Request-Id',
        'X-Cache',
        'ETag',
        'Link',
        'Location',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ];
      const list = await raw(world.api.url, '/api/v1/movies/popular', { ...auth(), origin: ORIGIN });
      expect(list.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(list.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(expect.arrayContaining(exposed));
      for (const header of ['x-request-id', 'x-cache', 'etag', 'link', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
        expect({ header, present: list.headers[header] !== undefined }).toEqual({ header, present: true });
      }

      const problem = await raw(world.api.url, '/api/v1/catalog/movies/999999', { ...auth(), origin: ORIGIN, 'x-request-id': 'problem-1' });
      expect(problem.status).toBe(404);
      expect(problem.headers['x-request-id']).toBe('problem-1');
      expect(problem.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(problem.headers['access-control-expose-headers'])).toContain('X-Request-Id');
      const unauthenticated = await raw(world.api.url, '/api/v1/auth/me', { origin: ORIGIN });
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers['x-request-id']).toBeDefined();
      expect(unauthenticated.headers['access-control-allow-origin']).toBe(ORIGIN);
    });
  });
});
