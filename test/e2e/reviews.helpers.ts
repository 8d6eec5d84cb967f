import { DataSource } from 'typeorm';
import { NotionPacer } from '../../src/notion/notion-pacer';
import { NotionSimulator, NotionSimulatorOptions, startNotionSimulator } from '../../simulators/notion/notion-simulator';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ADMIN_TOKEN, startTestApp, TestApp } from '../support/test-app';
import { notionSettings, tmdbSettings } from '../../simulators/simulator-settings';

/** Shared by the catalog, reviews and Notion e2e files: the app wired to simulators, and the agreement check. */
export interface ReviewsWorld {
  api: TestApp;
  notion: NotionSimulator;
  tmdb: TmdbSimulator;
  db: DataSource;
  close(): Promise<void>;
}

export interface WorldOptions {
  simulator?: NotionSimulatorOptions;
  env?: Record<string, string>;
  /** Keep the production pace of Notion calls (3/s); otherwise it is lifted where the rate limit is not the point. */
  realPace?: boolean;
}

export async function startReviewsWorld(options: WorldOptions = {}): Promise<ReviewsWorld> {
  const notion = await startNotionSimulator({ requestsPerSecond: 0, ...options.simulator });
  const tmdb = await startTmdbSimulator();
  const api = await startTestApp({
    ...notionSettings(notion),
    ...tmdbSettings(tmdb),
    UPSTREAM_RETRIES: '1',
    UPSTREAM_TIMEOUT_MS: '2000',
    ...options.env,
  });
  if (!options.realPace) api.app.get(NotionPacer).configure({ requestsPerSecond: 1000, burst: 1000 });
  return {
    api,
    notion,
    tmdb,
    db: api.app.get(DataSource),
    close: async () => {
      await api.close();
      await Promise.all([notion.close(), tmdb.close()]);
    },
  };
}

let movieCounter = 0;

export async function addMovie(world: ReviewsWorld, title = `Movie ${++movieCounter}`, year = 1999): Promise<number> {
  const response = await world.api.request('POST', '/api/v1/catalog/movies', {
    token: ADMIN_TOKEN,
    body: { title, year, description: `About ${title}` },
  });
  if (response.status !== 201) throw new Error(`could not add a movie: ${response.status} ${response.text}`);
  return response.body.id as number;
}

let userCounter = 0;

/** A fresh USER account; returns its token and id. */
export async function addUser(
  world: ReviewsWorld,
  name = `user${++userCounter}x${Date.now() % 100000}`,
): Promise<{ token: string; id: number; username: string }> {
  const password = 'a-long-enough-password';
  const registered = await world.api.request('POST', '/api/v1/auth/register', {
    body: { username: name, email: `${name}@example.com`, password },
  });
  if (registered.status !== 201) throw new Error(`could not register: ${registered.status} ${registered.text}`);
  const login = await world.api.request('POST', '/api/v1/auth/login', { body: { username: name, password } });
  return { token: login.body.accessToken as string, id: registered.body.id as number, username: name };
}

export interface StoredReview {
  id: number;
  movie: string;
  rating: number;
  comment: string;
  author: string;
  notion_page_id: string | null;
}

export async function storedReviews(world: ReviewsWorld): Promise<StoredReview[]> {
  return (await world.db.query(
    `SELECT r.id, m.title AS movie, r.rating, r.comment, u.username AS author, r.notion_page_id
     FROM reviews r JOIN catalog_movies m ON m.id = r.movie_id JOIN users u ON u.id = r.user_id ORDER BY r.id`,
  )) as StoredReview[];
}

export async function pendingSyncs(world: ReviewsWorld): Promise<number[]> {
  const rows = (await world.db.query(`SELECT review_id FROM notion_pending_syncs ORDER BY review_id`)) as { review_id: number }[];
  return rows.map((row) => row.review_id);
}

/**
 * The promise of the feature: every review row has exactly one live page, the one it names, with the row's
 * properties, and no live page lacks its review. Compared as whole structures so a failure shows the drift.
 */
export async function expectStoresAgree(world: ReviewsWorld): Promise<void> {
  const rows = await storedReviews(world);
  const live = world.notion.livePages();
  const expected = rows
    .map((row) => ({
      pageId: row.notion_page_id,
      movie: row.movie,
      rating: row.rating,
      review: row.comment,
      author: row.author,
      reviewId: row.id,
    }))
    .sort((a, b) => a.reviewId - b.reviewId);
  const actual = live
    .map((page) => ({ pageId: page.id as string | null, ...world.notion.plainProperties(page) }))
    .sort((a, b) => (a.reviewId ?? 0) - (b.reviewId ?? 0));
  expect(actual).toEqual(expected);
}
