import { ADMIN_TOKEN, expectProblem, USER_TOKEN } from '../support/test-app';
import { addMovie, addUser, expectStoresAgree, ReviewsWorld, startReviewsWorld, storedReviews } from './reviews.helpers';

describe('reviews (e2e)', () => {
  let world: ReviewsWorld;

  beforeAll(async () => {
    world = await startReviewsWorld();
  });
  afterAll(() => world.close());
  afterEach(() => world.notion.clearFaults());

  it('creates a review in PostgreSQL and in Notion, reads it, and lists it under its movie', async () => {
    const movieId = await addMovie(world, 'Central do Brasil', 1998);

    const created = await world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { movieId, rating: 5, comment: 'Moving.' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      movieId,
      movieTitle: 'Central do Brasil',
      userId: 2,
      author: 'consumer',
      rating: 5,
      comment: 'Moving.',
      notionPageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const page = world.notion.livePages().find((candidate) => candidate.id === created.body.notionPageId);
    expect(page && world.notion.plainProperties(page)).toEqual({
      movie: 'Central do Brasil',
      rating: 5,
      review: 'Moving.',
      author: 'consumer',
      reviewId: created.body.id,
    });
    const read = await world.api.request('GET', `/api/v1/reviews/${created.body.id}`, { token: ADMIN_TOKEN });
    expect(read.body).toEqual(created.body);
    const list = await world.api.request('GET', `/api/v1/catalog/movies/${movieId}/reviews`, { token: USER_TOKEN });
    expect(list.body).toEqual({ items: [created.body], page: 1, pageSize: 20, totalItems: 1, totalPages: 1 });
    const movie = await world.api.request('GET', `/api/v1/catalog/movies/${movieId}`, { token: USER_TOKEN });
    expect(movie.body).toMatchObject({ reviewCount: 1, averageRating: 5 });
    await expectStoresAgree(world);
  });

  it('edits and deletes a review in both stores; the delete trashes exactly the stored page', async () => {
    const movieId = await addMovie(world);
    const created = await world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { movieId, rating: 2, comment: 'Meh.' },
    });

    const edited = await world.api.request('PATCH', `/api/v1/reviews/${created.body.id}`, { token: USER_TOKEN, body: { rating: 4 } });

    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ rating: 4, comment: 'Meh.', notionPageId: created.body.notionPageId });
    await expectStoresAgree(world);

    const deleted = await world.api.request('DELETE', `/api/v1/reviews/${created.body.id}`, { token: ADMIN_TOKEN });

    expect(deleted.status).toBe(204);
    expect(world.notion.pages().find((page) => page.id === created.body.notionPageId)?.inTrash).toBe(true);
    expectProblem(await world.api.request('GET', `/api/v1/reviews/${created.body.id}`, { token: USER_TOKEN }), 404);
    await expectStoresAgree(world);
  });

  it('heals the page on edit: a trashed page is restored, a page deleted for good is replaced', async () => {
    const trashed = (
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: await addMovie(world), rating: 2, comment: 'A.' },
      })
    ).body;
    const deleted = (
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: await addMovie(world), rating: 2, comment: 'B.' },
      })
    ).body;
    world.notion.trashPage(trashed.notionPageId);
    world.notion.deletePagePermanently(deleted.notionPageId);

    const restored = await world.api.request('PATCH', `/api/v1/reviews/${trashed.id}`, { token: USER_TOKEN, body: { rating: 5 } });
    const replaced = await world.api.request('PATCH', `/api/v1/reviews/${deleted.id}`, { token: USER_TOKEN, body: { rating: 5 } });

    expect(restored.body.notionPageId).toBe(trashed.notionPageId);
    expect(replaced.status).toBe(200);
    expect(replaced.body.notionPageId).not.toBe(deleted.notionPageId);
    await expectStoresAgree(world);
  });

  it('deletes a review whose page is already in the trash or gone from Notion', async () => {
    const trashed = (
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: await addMovie(world), rating: 2, comment: 'C.' },
      })
    ).body;
    const deleted = (
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: await addMovie(world), rating: 2, comment: 'D.' },
      })
    ).body;
    world.notion.trashPage(trashed.notionPageId);
    world.notion.deletePagePermanently(deleted.notionPageId);

    expect((await world.api.request('DELETE', `/api/v1/reviews/${trashed.id}`, { token: USER_TOKEN })).status).toBe(204);
    expect((await world.api.request('DELETE', `/api/v1/reviews/${deleted.id}`, { token: USER_TOKEN })).status).toBe(204);
    await expectStoresAgree(world);
  });

  it('lets one of concurrent edits of a review through and answers the others 409 at once; both stores hold the winner', async () => {
    const created = (
      await world.api.request('POST', '/api/v1/reviews', {
        token: USER_TOKEN,
        body: { movieId: await addMovie(world), rating: 1, comment: 'E.' },
      })
    ).body;

    // Notion holds its answer to the first edit, so the others surely arrive while it is being written.
    world.notion.faults({ hangAfterApplyNext: 1, hangMs: 500, match: /^PATCH \/v1\/pages\// });
    const responses = await Promise.all(
      [2, 3, 4, 5].map((rating) => world.api.request('PATCH', `/api/v1/reviews/${created.id}`, { token: USER_TOKEN, body: { rating } })),
    );
    world.notion.clearFaults();

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 200)).toEqual(Array(3).fill(409));
    const winner = responses.find((response) => response.status === 200)!;
    expect((await world.api.request('GET', `/api/v1/reviews/${created.id}`, { token: USER_TOKEN })).body.rating).toBe(winner.body.rating);
    await expectStoresAgree(world);
  });

  it('compensates on another connection when the database connection is lost during the Notion call', async () => {
    const movieId = await addMovie(world);
    // Notion takes 500 ms (the timeout is 2 s); meanwhile the transaction waits on it, idle, and is cut.
    world.notion.faults({ latencyMs: 500 });

    const pending = world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { movieId, rating: 2, comment: 'Connection lost.' },
    });
    let killed: unknown[] = [];
    for (let tries = 0; killed.length === 0 && tries < 200; tries += 1) {
      killed = (await world.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'idle in transaction' AND state_change < now() - interval '100 milliseconds'
           AND pid <> pg_backend_pid()`,
      )) as unknown[];
      if (killed.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const response = await pending;

    expect(killed.length).toBeGreaterThan(0);
    expectProblem(response, 503);
    const made = world.notion.pages().filter((page) => world.notion.plainProperties(page).review === 'Connection lost.');
    expect(made.map((page) => page.inTrash)).toEqual([true]);
    await expectStoresAgree(world);
  });

  it('splits a long comment into 2,000-character rich text items and reads it back whole', async () => {
    const movieId = await addMovie(world);
    const comment = `${'a'.repeat(1999)}😀${'b'.repeat(2999)}`;

    const created = await world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body: { movieId, rating: 3, comment } });

    expect(created.status).toBe(201);
    const page = world.notion.livePages().find((candidate) => candidate.id === created.body.notionPageId);
    const items = (page?.properties.Review as { rich_text: { plain_text: string }[] }).rich_text;
    expect(items.map((item) => item.plain_text.length)).toEqual([1999, 2000, 1001]);
    expect(page && world.notion.plainProperties(page).review).toBe(comment);
    await expectStoresAgree(world);
  });

  it('answers 409 for a second review of the same movie without reaching Notion', async () => {
    const movieId = await addMovie(world);
    await world.api.request('POST', '/api/v1/reviews', { token: USER_TOKEN, body: { movieId, rating: 3, comment: 'Once.' } });
    const before = world.notion.countMatching(/^POST \/v1\/pages$/);

    const again = await world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { movieId, rating: 1, comment: 'Twice.' },
    });
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        world.api.request('POST', '/api/v1/reviews', { token: ADMIN_TOKEN, body: { movieId, rating: 4, comment: 'Race.' } }),
      ),
    );

    expectProblem(again, 409);
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    expect(world.notion.countMatching(/^POST \/v1\/pages$/) - before).toBe(1);
    await expectStoresAgree(world);
  });

  it('brings a TMDB movie into the catalog once, even when several users review it at once', async () => {
    const users = await Promise.all([addUser(world), addUser(world), addUser(world), addUser(world)]);

    const responses = await Promise.all(
      users.map((user) =>
        world.api.request('POST', '/api/v1/reviews', { token: user.token, body: { tmdbId: 550, rating: 5, comment: 'First rule.' } }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    const movies = (await world.db.query(`SELECT id, title, year, tmdb_id FROM catalog_movies WHERE tmdb_id = 550`)) as unknown[];
    expect(movies).toEqual([{ id: expect.any(Number), title: 'Fight Club', year: 1999, tmdb_id: 550 }]);
    expect(new Set(responses.map((response) => response.body.movieId)).size).toBe(1);
    const again = await world.api.request('POST', '/api/v1/reviews', {
      token: ADMIN_TOKEN,
      body: { tmdbId: 550, rating: 4, comment: 'Known.' },
    });
    expect(again.body.movieId).toBe(responses[0].body.movieId);
    await expectStoresAgree(world);
  });

  it('answers 404 for a TMDB id TMDB does not know, storing nothing', async () => {
    const before = (await storedReviews(world)).length;

    const response = await world.api.request('POST', '/api/v1/reviews', {
      token: USER_TOKEN,
      body: { tmdbId: 999_999_999, rating: 5, comment: 'Ghost.' },
    });

    expectProblem(response, 404);
    expect(await storedReviews(world)).toHaveLength(before);
  });
});
