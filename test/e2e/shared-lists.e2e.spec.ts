import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

describe('shared lists (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 100 });
    api = await startTestApp(tmdbTestEnv(tmdb));
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });

  const share = (listName: unknown, token = USER_TOKEN) => api.request('PUT', '/api/v1/me/favorites/share', { token, body: { listName } });
  const show = (listName: string, query = '') => api.request('GET', `/api/v1/shared-lists/${encodeURIComponent(listName)}${query}`);

  it('publishes the favorites under a name anyone can read without a token, live', async () => {
    await api.request('PUT', '/api/v1/me/favorites/550', { token: USER_TOKEN });
    await api.request('PUT', '/api/v1/me/ratings/550', { token: USER_TOKEN, body: { stars: 5 } });
    const shared = await share('Consumer-Picks');
    expect(shared.status).toBe(201);
    expect(shared.body).toEqual({ listName: 'Consumer-Picks', path: '/api/v1/shared-lists/Consumer-Picks', sharedAt: expect.any(String) });

    const response = await show('consumer-picks');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalItems: 1, totalPages: 1 });
    expect(response.body.items).toEqual([
      expect.objectContaining({ tmdbId: 550, title: 'Fight Club', myRating: 5, favorite: true, detailsPartial: false }),
    ]);
    expect(response.text).not.toMatch(/consumer@cinemateca\.local|"email"|userId/);

    await api.request('PUT', '/api/v1/me/favorites/603', { token: USER_TOKEN });
    const live = await show('CONSUMER-PICKS', '?sort=rating&order=asc');
    expect(live.body.items.map((item: { tmdbId: number }) => item.tmdbId)).toEqual([550, 603]);
  });

  it('renames on a second share (200): the old name stops working', async () => {
    const first = await share('admin-list-one', ADMIN_TOKEN);
    expect(first.status).toBe(201);
    const renamed = await share('admin-list-two', ADMIN_TOKEN);
    expect(renamed.status).toBe(200);
    expect(renamed.body.listName).toBe('admin-list-two');
    expectProblem(await show('admin-list-one'), 404);
    expect((await show('admin-list-two')).status).toBe(200);
    expect((await share('Admin-List-Two', ADMIN_TOKEN)).status).toBe(200);
  });

  it('answers 409 when another user holds the name, in any case', async () => {
    await share('taken-name', ADMIN_TOKEN);
    const response = await share('TAKEN-name');
    expectProblem(response, 409);
    expect(response.body.type).toMatch(/list-name-taken$/);
    const admins = await show('taken-name');
    expect(admins.status).toBe(200);
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['a space', 'my list'],
    ['a slash', 'a/b'],
    ['a leading dash', '-abc'],
    ['non-ASCII letters', 'café'],
    ['a number', 12345],
    ['null', null],
  ])('refuses a name with %s', async (_label, listName) => {
    expectProblem(await share(listName), 400);
  });

  it('refuses unknown properties and a missing token', async () => {
    expectProblem(
      await api.request('PUT', '/api/v1/me/favorites/share', { token: USER_TOKEN, body: { listName: 'fine-name', owner: 1 } }),
      400,
    );
    expectProblem(await api.request('PUT', '/api/v1/me/favorites/share', { body: { listName: 'fine-name' } }), 401);
  });

  it('answers 404 for a list nobody shares, and 400 for invalid paging', async () => {
    const response = await show('nobody-shares-this');
    expectProblem(response, 404);
    expect(response.body.type).toMatch(/shared-list-not-found$/);
    await share('paged-list', ADMIN_TOKEN);
    expectProblem(await show('paged-list', '?pageSize=1000'), 400);
  });
});
