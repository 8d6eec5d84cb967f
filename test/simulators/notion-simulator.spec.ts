import {
  APIErrorCode,
  APIResponseError,
  Client,
  collectAllDataSourceRows,
  collectPaginatedAPI,
  isFullPage,
  LogLevel,
  RequestTimeoutError,
  UnknownHTTPResponseError,
} from '@notionhq/client';
import type { PageObjectResponse } from '@notionhq/client';
import { seededRandom } from '../../simulators/simulator-kit';
import {
  ARCHIVED_EDIT_MESSAGE,
  NotionSimulator,
  NotionSimulatorOptions,
  startNotionSimulator,
} from '../../simulators/notion/notion-simulator';

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

interface Review {
  movie: string;
  rating?: number | null;
  review?: string;
  author?: string;
  reviewId: number;
}

const simulators: NotionSimulator[] = [];

async function simulator(options: NotionSimulatorOptions = {}): Promise<NotionSimulator> {
  const started = await startNotionSimulator({ requestsPerSecond: 0, ...options });
  simulators.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((running) => running.close()));
});

function clientFor(sim: NotionSimulator, options: ClientOptions = {}): Client {
  return new Client({ auth: sim.token, baseUrl: sim.baseUrl, timeoutMs: 2000, retry: false, logLevel: LogLevel.ERROR, ...options });
}

function text(content: string) {
  return [{ text: { content } }];
}

function reviewProperties(review: Review) {
  return {
    Movie: { title: text(review.movie) },
    Rating: { number: review.rating ?? null },
    Review: { rich_text: review.review === undefined ? [] : text(review.review) },
    Author: { rich_text: review.author === undefined ? [] : text(review.author) },
    'Review ID': { number: review.reviewId },
  };
}

async function createReview(notion: Client, sim: NotionSimulator, review: Review): Promise<PageObjectResponse> {
  const page = await notion.pages.create({ parent: { data_source_id: sim.dataSourceId }, properties: reviewProperties(review) });
  if (!isFullPage(page)) throw new Error('expected a full page');
  return page;
}

async function findByReviewId(notion: Client, sim: NotionSimulator, reviewId: number): Promise<string[]> {
  const response = await notion.dataSources.query({
    data_source_id: sim.dataSourceId,
    filter: { property: 'Review ID', number: { equals: reviewId } },
  });
  return response.results.map((result) => result.id);
}

async function notionError(promise: Promise<unknown>): Promise<APIResponseError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!APIResponseError.isAPIResponseError(error)) throw new Error(`expected an APIResponseError, got ${String(error)}`);
  return error;
}

function ratingOf(page: PageObjectResponse): number | null {
  const rating = page.properties.Rating;
  return rating.type === 'number' ? rating.number : null;
}

describe('Notion simulator through @notionhq/client', () => {
  it('describes the reviews database and its data source', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);

    const database = await notion.databases.retrieve({ database_id: sim.databaseId });
    const dataSource = await notion.dataSources.retrieve({ data_source_id: sim.dataSourceId });

    expect(database).toMatchObject({ object: 'database', id: sim.databaseId, data_sources: [{ id: sim.dataSourceId }] });
    expect('properties' in dataSource && dataSource.properties).toMatchObject({
      Movie: { id: 'title', type: 'title' },
      Rating: { type: 'number' },
      Review: { type: 'rich_text' },
      Author: { type: 'rich_text' },
      'Review ID': { type: 'number' },
    });
  });

  it('creates, finds by Review ID, updates and reads back a review page', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);

    const created = await createReview(notion, sim, { movie: 'Alien', rating: 4, review: 'Tense.', author: 'ana', reviewId: 11 });
    await createReview(notion, sim, { movie: 'Heat', rating: 5, reviewId: 12 });
    await notion.pages.update({ page_id: created.id, properties: { Rating: { number: 5 }, Review: { rich_text: text('Perfect.') } } });
    const retrieved = await notion.pages.retrieve({ page_id: created.id });

    expect(await findByReviewId(notion, sim, 11)).toEqual([created.id]);
    expect(isFullPage(retrieved) && ratingOf(retrieved)).toBe(5);
    expect(created).toMatchObject({
      object: 'page',
      in_trash: false,
      parent: { type: 'data_source_id', data_source_id: sim.dataSourceId, database_id: sim.databaseId },
      properties: { 'Review ID': { type: 'number', number: 11 } },
    });
    expect(created.created_time).toMatch(/T\d\d:\d\d:00\.000Z$/);
    const stored = sim.pages().find((page) => page.id === created.id);
    expect(stored && sim.plainProperties(stored)).toEqual({ movie: 'Alien', rating: 5, review: 'Perfect.', author: 'ana', reviewId: 11 });
  });

  it('accepts a database parent, as Notion does for a single-source database', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);

    await notion.pages.create({ parent: { database_id: sim.databaseId }, properties: reviewProperties({ movie: 'Ran', reviewId: 3 }) });

    expect(sim.livePages().map((page) => sim.plainProperties(page).movie)).toEqual(['Ran']);
  });

  it('moves a page to the trash, refuses edits there, and restores it', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    const page = await createReview(notion, sim, { movie: 'Vertigo', rating: 3, reviewId: 21 });

    const trashed = await notion.pages.update({ page_id: page.id, in_trash: true });
    const editWhileTrashed = await notionError(notion.pages.update({ page_id: page.id, properties: { Rating: { number: 1 } } }));
    const trashAgain = await notionError(notion.pages.update({ page_id: page.id, in_trash: true }));
    const hiddenFromQuery = await findByReviewId(notion, sim, 21);
    const trashQuery = await notion.dataSources.query({ data_source_id: sim.dataSourceId, in_trash: true });

    expect(trashed).toMatchObject({ in_trash: true });
    expect(editWhileTrashed).toMatchObject({ status: 400, code: APIErrorCode.ValidationError, message: ARCHIVED_EDIT_MESSAGE });
    expect(ARCHIVED_EDIT_MESSAGE).toBe("Can't edit block that is archived. You must unarchive the block before editing.");
    expect(trashAgain.code).toBe(APIErrorCode.ValidationError);
    expect(hiddenFromQuery).toEqual([]);
    expect(trashQuery.results.map((result) => result.id)).toEqual([page.id]);
    expect(sim.livePages()).toHaveLength(0);
    expect(sim.pages().map((stored) => stored.inTrash)).toEqual([true]);

    const restored = await notion.pages.update({ page_id: page.id, in_trash: false, properties: { Rating: { number: 2 } } });

    expect(restored).toMatchObject({ in_trash: false, properties: { Rating: { number: 2 } } });
    expect(await findByReviewId(notion, sim, 21)).toEqual([page.id]);
  });

  it('filters with and/or and rich_text conditions, and sorts', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    await createReview(notion, sim, { movie: 'Alien', rating: 4, author: 'Ana Lima', reviewId: 1 });
    await createReview(notion, sim, { movie: 'Aliens', rating: 5, author: 'Bo', reviewId: 2 });
    await createReview(notion, sim, { movie: 'Heat', rating: 2, author: 'ana lima', reviewId: 3 });

    const byAuthorAndRating = await notion.dataSources.query({
      data_source_id: sim.dataSourceId,
      filter: {
        and: [
          { property: 'Author', rich_text: { contains: 'ANA' } },
          {
            or: [
              { property: 'Rating', number: { greater_than: 3 } },
              { property: 'Movie', title: { equals: 'Heat' } },
            ],
          },
        ],
      },
      sorts: [{ property: 'Rating', direction: 'ascending' }],
    });
    const titles = byAuthorAndRating.results.map((result) => (isFullPage(result) ? result.properties.Movie : undefined));

    expect(titles.map((title) => (title?.type === 'title' ? title.title[0].plain_text : ''))).toEqual(['Heat', 'Alien']);
    const unknownProperty = await notionError(
      notion.dataSources.query({ data_source_id: sim.dataSourceId, filter: { property: 'Colour', rich_text: { equals: 'red' } } }),
    );
    expect(unknownProperty.message).toBe('Could not find property with name or id: Colour');
  });

  it('validates properties against the schema', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    const create = (properties: Record<string, unknown>) =>
      notionError(notion.pages.create({ parent: { data_source_id: sim.dataSourceId }, properties: properties as never }));

    const unknown = await create({ Colour: { rich_text: text('red') } });
    const numberAsText = await create({ Rating: { number: '5' } });
    const titleAsText = await create({ Movie: { rich_text: text('Alien') } });

    expect(unknown).toMatchObject({ status: 400, code: APIErrorCode.ValidationError, message: 'Colour is not a property that exists.' });
    expect(numberAsText).toMatchObject({ status: 400, code: APIErrorCode.ValidationError });
    expect(titleAsText.message).toBe('Movie is expected to be title.');
    expect(sim.pages()).toHaveLength(0);
  });

  it('enforces the 2000-character rich text item and 100-item array limits', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    const withReview = (items: { text: { content: string } }[]) =>
      notion.pages.create({
        parent: { data_source_id: sim.dataSourceId },
        properties: { 'Review ID': { number: 1 }, Review: { rich_text: items } },
      });

    const tooLong = await notionError(withReview(text('x'.repeat(2001))));
    const tooMany = await notionError(withReview(Array.from({ length: 101 }, () => ({ text: { content: 'x' } }))));
    await withReview(Array.from({ length: 100 }, () => ({ text: { content: 'y'.repeat(2000) } })));

    expect(tooLong).toMatchObject({ status: 400, code: APIErrorCode.ValidationError });
    expect(tooLong.message).toBe(
      'body failed validation: body.properties.Review.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.',
    );
    expect(tooMany.message).toBe('body failed validation: body.properties.Review.rich_text.length should be ≤ `100`, instead was `101`.');
    expect(sim.pages().map((page) => sim.plainProperties(page).review.length)).toEqual([200_000]);
  });

  it('paginates more than 100 pages with cursors', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 41 }, (_, index) =>
          createReview(notion, sim, { movie: `Film ${batch * 41 + index}`, reviewId: batch * 41 + index }),
        ),
      );
    }

    const first = await notion.dataSources.query({ data_source_id: sim.dataSourceId });
    const second = await notion.dataSources.query({ data_source_id: sim.dataSourceId, start_cursor: first.next_cursor ?? undefined });
    const all = await collectPaginatedAPI(notion.dataSources.query, { data_source_id: sim.dataSourceId, page_size: 100 });
    const everyRow = await collectAllDataSourceRows(notion, { data_source_id: sim.dataSourceId });
    const tooBig = await notionError(notion.dataSources.query({ data_source_id: sim.dataSourceId, page_size: 101 }));

    expect([first.results.length, first.has_more, second.results.length, second.has_more]).toEqual([100, true, 100, true]);
    expect(first.next_cursor).toBe(second.results[0].id);
    expect(new Set(all.map((page) => page.id)).size).toBe(205);
    expect(everyRow).toHaveLength(205);
    expect(tooBig.code).toBe(APIErrorCode.ValidationError);
  });

  it('answers 401 for a wrong token, before looking at the version', async () => {
    const sim = await simulator();
    const wrongToken = new Client({ auth: 'secret_wrong', baseUrl: sim.baseUrl, retry: false, logLevel: LogLevel.ERROR });

    const unauthorized = await notionError(wrongToken.databases.retrieve({ database_id: sim.databaseId }));
    const withoutVersion = await fetch(`${sim.baseUrl}/v1/databases/${sim.databaseId}`, { headers: { authorization: 'Bearer nope' } });

    expect(unauthorized).toMatchObject({ status: 401, code: APIErrorCode.Unauthorized, message: 'API token is invalid.' });
    expect(withoutVersion.status).toBe(401);
  });

  it('requires a published Notion-Version and follows its shapes', async () => {
    const sim = await simulator();
    const missing = await fetch(`${sim.baseUrl}/v1/databases/${sim.databaseId}`, { headers: { authorization: `Bearer ${sim.token}` } });
    const unknown = await clientFor(sim, { notionVersion: '2024-01-01' })
      .databases.retrieve({ database_id: sim.databaseId })
      .catch((caught: unknown) => caught);
    const legacy = await notionError(
      clientFor(sim, { notionVersion: '2022-06-28' }).dataSources.query({ data_source_id: sim.dataSourceId }),
    );
    const latest = clientFor(sim, { notionVersion: '2026-03-11' });
    const page = await createReview(latest, sim, { movie: 'Ran', reviewId: 5 });
    const archivedAlias = await notionError(latest.pages.update({ page_id: page.id, archived: true }));
    const viaDefaultVersion = await clientFor(sim).pages.retrieve({ page_id: page.id });

    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ object: 'error', code: 'missing_version' });
    // missing_version is not among the client's APIErrorCode values, so it arrives as an UnknownHTTPResponseError.
    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(unknown)).toBe(true);
    expect(unknown).toMatchObject({ status: 400, body: expect.stringContaining('"code":"missing_version"') });
    expect(legacy).toMatchObject({ status: 400, code: APIErrorCode.InvalidRequestURL });
    expect(page).not.toHaveProperty('archived');
    expect(archivedAlias.message).toBe('body failed validation: body.archived should be not present, instead was `true`.');
    expect(viaDefaultVersion).toMatchObject({ archived: false, in_trash: false });
  });

  it('answers unknown ids, malformed ids, unknown routes and bad JSON in Notion terms', async () => {
    const sim = await simulator();
    const notion = clientFor(sim);
    const headers = { authorization: `Bearer ${sim.token}`, 'notion-version': '2025-09-03', 'content-type': 'application/json' };

    const missingPage = await notionError(notion.pages.retrieve({ page_id: '00000000-0000-4000-8000-000000000000' }));
    const malformed = await notionError(notion.pages.retrieve({ page_id: 'not-an-id' }));
    const badJson = await fetch(`${sim.baseUrl}/v1/pages`, { method: 'POST', headers, body: '{nope' });
    const unknownRoute = await fetch(`${sim.baseUrl}/v1/nothing`, { headers });

    expect(missingPage).toMatchObject({ status: 404, code: APIErrorCode.ObjectNotFound });
    expect(malformed.message).toBe('path failed validation: path.page_id should be a valid uuid, instead was `"not-an-id"`.');
    expect(await badJson.json()).toMatchObject({ status: 400, code: 'invalid_json', message: 'Error parsing JSON body.' });
    expect(await unknownRoute.json()).toMatchObject({ status: 400, code: 'invalid_request_url' });
  });

  it('hands out the same ids for the same seed', async () => {
    const first = await simulator({ random: seededRandom(7) });
    const second = await simulator({ random: seededRandom(7) });

    const pages = [first.createOrphanPage(1, 'A'), second.createOrphanPage(1, 'A')];

    expect(first.dataSourceId).toBe(second.dataSourceId);
    expect(pages[0].id).toBe(pages[1].id);
  });
});

describe('Notion simulator rate limit', () => {
  it('answers 429 rate_limited with Retry-After once the burst is spent', async () => {
    const sim = await simulator({ requestsPerSecond: 3, burst: 3 });
    const notion = clientFor(sim);

    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => notion.databases.retrieve({ database_id: sim.databaseId })));
    const limited = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' && APIResponseError.isAPIResponseError(outcome.reason) ? [outcome.reason] : [],
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBeLessThanOrEqual(4);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    expect(limited[0]).toMatchObject({ status: 429, code: APIErrorCode.RateLimited });
    expect((limited[0].headers as Headers).get('retry-after')).toBe('1');
  });

  it('lets the client retry a rate-limited write after Retry-After', async () => {
    const sim = await simulator({ requestsPerSecond: 1, burst: 1 });
    const notion = clientFor(sim, { retry: { maxRetries: 2 } });

    await createReview(notion, sim, { movie: 'First', reviewId: 1 });
    const startedAt = Date.now();
    await createReview(notion, sim, { movie: 'Second', reviewId: 2 });

    expect(sim.countMatching(/^POST \/v1\/pages$/)).toBe(3);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(sim.livePages()).toHaveLength(2);
  });
});

describe('Notion simulator faults', () => {
  it.each([
    [500, 'internal_server_error'],
    [503, 'service_unavailable'],
    [504, 'gateway_timeout'],
    [409, 'conflict_error'],
    [529, 'service_overload'],
  ])('renders an injected %i as Notion code %s without writing', async (status, code) => {
    const sim = await simulator();
    sim.faults({ failNext: 1, status, match: /^POST \/v1\/pages$/ });

    const error = await notionError(createReview(clientFor(sim), sim, { movie: 'Alien', reviewId: 1 }));

    expect(error).toMatchObject({ status, code });
    expect(sim.pages()).toHaveLength(0);
  });

  it('renders an injected 502 as bad_gateway, which the client does not recognise', async () => {
    const sim = await simulator();
    sim.faults({ failNext: 1, status: 502 });

    const error = await clientFor(sim)
      .databases.retrieve({ database_id: sim.databaseId })
      .catch((caught: unknown) => caught);

    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, body: expect.stringContaining('"code":"bad_gateway"') });
  });

  it('shows which failures the client retries: 429 on any method, 5xx only on GET', async () => {
    const sim = await simulator();
    const notion = clientFor(sim, { retry: { maxRetries: 2, initialRetryDelayMs: 10 } });

    sim.faults({ rateLimitNext: 1, retryAfterSeconds: 0, match: /^POST \/v1\/pages$/ });
    await createReview(notion, sim, { movie: 'Alien', reviewId: 1 });
    sim.faults({ failNext: 1, status: 503, match: /^GET \/v1\/databases/ });
    await notion.databases.retrieve({ database_id: sim.databaseId });
    sim.faults({ failNext: 1, status: 503, match: /^PATCH / });
    const patchError = await notionError(notion.pages.update({ page_id: sim.pages()[0].id, in_trash: true }));

    expect(sim.countMatching(/^POST \/v1\/pages$/)).toBe(2);
    expect(sim.countMatching(/^GET \/v1\/databases\//)).toBe(2);
    expect(patchError.code).toBe(APIErrorCode.ServiceUnavailable);
    expect(sim.countMatching(/^PATCH /)).toBe(1);
  });

  it('applies a write before hanging, so a client timeout hides a page that exists', async () => {
    const sim = await simulator();
    sim.faults({ hangAfterApplyNext: 1, hangMs: 700, match: /^POST \/v1\/pages$/ });

    const error = await createReview(clientFor(sim, { timeoutMs: 200 }), sim, { movie: 'Alien', reviewId: 9 }).catch(
      (caught: unknown) => caught,
    );

    expect(RequestTimeoutError.isRequestTimeoutError(error)).toBe(true);
    expect(sim.pages().map((page) => sim.plainProperties(page).reviewId)).toEqual([9]);
  });
});

describe('Notion simulator drift helpers', () => {
  it('edits, trashes, deletes and adds pages behind the API, without spending the rate limit', async () => {
    const sim = await simulator({ requestsPerSecond: 1, burst: 1 });
    const notion = clientFor(sim);
    const orphan = sim.createOrphanPage(404, 'Orphan');
    const edited = sim.createOrphanPage(405, 'Edited');
    const trashed = sim.createOrphanPage(406, 'Trashed');
    const deleted = sim.createOrphanPage(407, 'Deleted');

    sim.editPageProperties(edited.id, { Rating: { number: 1 }, Author: { rich_text: text('someone in Notion') } });
    sim.trashPage(trashed.id);
    sim.deletePagePermanently(deleted.id);
    const live = await notion.dataSources.query({ data_source_id: sim.dataSourceId });

    expect(live.results.map((page) => page.id).sort()).toEqual([orphan.id, edited.id].sort());
    expect(sim.plainProperties(orphan)).toEqual({ movie: 'Orphan', rating: null, review: '', author: '', reviewId: 404 });
    const editedNow = sim.pages().find((page) => page.id === edited.id);
    expect(editedNow && sim.plainProperties(editedNow)).toMatchObject({ rating: 1, author: 'someone in Notion' });
    expect(sim.pages().map((page) => page.id)).not.toContain(deleted.id);
    expect(() => sim.editPageProperties(orphan.id, { Colour: { rich_text: [] } })).toThrow('Colour is not a property that exists.');
  });

  it('makes a permanently deleted page answer object_not_found', async () => {
    const sim = await simulator();
    const page = sim.createOrphanPage(1, 'Gone');
    sim.deletePagePermanently(page.id);

    const error = await notionError(clientFor(sim).pages.retrieve({ page_id: page.id }));

    expect(error).toMatchObject({ status: 404, code: APIErrorCode.ObjectNotFound });
  });
});
