/**
 * Development sample data, written through the service's own HTTP API as a client would (so reviews
 * reach the Notion simulator through the real write path, favorites are checked against TMDB, and so
 * on): catalog movies taken from TMDB's popular list with reviews by both users, and for `consumer`
 * favorites shared as a list, and ratings.
 *
 * Idempotent by part, so a second start adds nothing: the catalog (with its reviews) is filled only when
 * it is empty, the consumer's favorites (and their shared list) only when there are none, the ratings
 * likewise. What a developer changed afterwards is left alone.
 */

export interface SampleDataOptions {
  /** Where the service listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  adminToken: string;
  userToken: string;
  /** Catalog movies to add from TMDB's popular list. */
  catalogMovies?: number;
  /** Catalog movies (the first ones) that get a review from each user. */
  reviewedMovies?: number;
  favorites?: number;
  ratings?: number;
  listName?: string;
  /**
   * Run the reconciliation afterwards: the Notion simulator keeps its pages in memory, so after a restart
   * it is empty while the database still has the reviews; the reconciliation writes their pages again.
   */
  reconcileNotion?: boolean;
}

export interface SampleDataReport {
  catalogMovies: number;
  reviews: number;
  favorites: number;
  ratings: number;
  sharedList?: string;
  /** Review pages the reconciliation wrote again into Notion (see `reconcileNotion`). */
  notionPagesRestored: number;
  /** Steps that failed (an upstream down, say); the rest still ran. */
  problems: string[];
}

interface PopularMovie {
  tmdbId: number;
  title: string;
  releaseDate: string | null;
  overview: string;
}

interface Page<T> {
  items: T[];
  totalItems: number;
}

const DEFAULTS = { catalogMovies: 36, reviewedMovies: 12, favorites: 8, ratings: 10, listName: 'consumer-picks' };
const API = '/api/v1';
const COMMENTS = [
  'Holds up on a second viewing.',
  'Gorgeous to look at, a little long.',
  'The ending stayed with me for days.',
  'Great cast, thin script.',
  'Exactly what I wanted on a Friday night.',
  'Better than its reputation.',
];

class ApiError extends Error {}

export async function loadSampleData(options: SampleDataOptions): Promise<SampleDataReport> {
  const settings = { ...DEFAULTS, ...options };
  const api = client(options.baseUrl);
  const report: SampleDataReport = { catalogMovies: 0, reviews: 0, favorites: 0, ratings: 0, notionPagesRestored: 0, problems: [] };
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const popular = await popularMovies(api, options.userToken, Math.max(settings.catalogMovies, settings.favorites + settings.ratings));

  await step('catalog', async () => {
    const catalog = await api.get<Page<unknown>>(`${API}/catalog/movies?pageSize=1`, options.adminToken);
    if (catalog.totalItems > 0) return;
    const added: number[] = [];
    for (const movie of popular.slice(0, settings.catalogMovies)) {
      const created = await api.send<{ id: number }>('POST', `${API}/catalog/movies`, options.adminToken, {
        title: movie.title.slice(0, 300),
        year: Number((movie.releaseDate ?? '2000').slice(0, 4)) || 2000,
        description: movie.overview.slice(0, 5000),
        tmdbId: movie.tmdbId,
      });
      added.push(created.id);
      report.catalogMovies += 1;
    }
    for (const [index, movieId] of added.slice(0, settings.reviewedMovies).entries()) {
      for (const [offset, token] of [options.userToken, options.adminToken].entries()) {
        const rating = ((index + offset * 2) % 5) + 1;
        await api.send('POST', `${API}/reviews`, token, { movieId, rating, comment: COMMENTS[(index + offset) % COMMENTS.length] });
        report.reviews += 1;
      }
    }
  });

  await step('favorites', async () => {
    const favorites = await api.get<Page<unknown>>(`${API}/me/favorites?pageSize=1`, options.userToken);
    if (favorites.totalItems > 0) return;
    for (const movie of popular.slice(0, settings.favorites)) {
      await api.send('PUT', `${API}/me/favorites/${movie.tmdbId}`, options.userToken);
      report.favorites += 1;
    }
    await api.send('PUT', `${API}/me/favorites/share`, options.userToken, { listName: settings.listName });
    report.sharedList = settings.listName;
  });

  await step('ratings', async () => {
    const ratings = await api.get<Page<unknown>>(`${API}/me/ratings?pageSize=1`, options.userToken);
    if (ratings.totalItems > 0) return;
    // Half of them on favorites, half on other movies, in half-star steps.
    for (const [index, movie] of popular.slice(settings.favorites / 2, settings.favorites / 2 + settings.ratings).entries()) {
      await api.send('PUT', `${API}/me/ratings/${movie.tmdbId}`, options.userToken, { stars: 1.5 + ((index * 0.5) % 3.5) });
      report.ratings += 1;
    }
  });

  if (options.reconcileNotion) {
    await step('Notion pages', async () => {
      const repaired = await api.send<{ recreated: number }>('POST', `${API}/reviews/reconcile`, options.adminToken);
      report.notionPagesRestored = repaired.recreated;
    });
  }
  return report;
}

/** The first `count` movies of TMDB's popular list, through the service. */
async function popularMovies(api: ReturnType<typeof client>, token: string, count: number): Promise<PopularMovie[]> {
  const movies: PopularMovie[] = [];
  for (let page = 1; movies.length < count; page += 1) {
    const answer = await api.get<Page<PopularMovie>>(`${API}/movies/popular?page=${page}`, token);
    if (answer.items.length === 0) break;
    movies.push(...answer.items);
  }
  return movies.slice(0, count);
}

function client(baseUrl: string) {
  const send = async <T = unknown>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = (() => {
        try {
          return (JSON.parse(text) as { detail?: string }).detail ?? text;
        } catch {
          return text;
        }
      })();
      throw new ApiError(`${method} ${path.split('?')[0]} answered ${response.status}: ${detail.slice(0, 200)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { send, get: <T>(path: string, token: string) => send<T>('GET', path, token) };
}
