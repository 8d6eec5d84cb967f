import { TmdbPage } from './tmdb-api-types';
import { statusBody, TMDB_STATUS } from './tmdb-errors';

export const RESULTS_PER_PAGE = 20;
export const MAX_PAGE = 500;

/**
 * How an out-of-range page is refused. TMDB answers 400 with status_code 22
 * today; until about 2023 it answered 422 with an `errors` array, which some
 * clients still special-case.
 */
export type PageErrorStyle = 'status-code-22' | 'legacy-errors-array';

export type PageProblem = 'below-1' | 'above-500' | 'not-an-integer';

export type ParsedPage = { ok: true; page: number } | { ok: false; problem: PageProblem };

export function parsePage(raw: string | undefined): ParsedPage {
  if (raw === undefined) return { ok: true, page: 1 };
  if (!/^\d+$/.test(raw)) return { ok: false, problem: 'not-an-integer' };
  const page = Number(raw);
  if (page < 1) return { ok: false, problem: 'below-1' };
  if (page > MAX_PAGE) return { ok: false, problem: 'above-500' };
  return { ok: true, page };
}

export function pageError(problem: PageProblem, style: PageErrorStyle): { http: number; body: object } {
  if (style === 'status-code-22') return { http: TMDB_STATUS.invalidPage.http, body: statusBody(TMDB_STATUS.invalidPage) };
  // The legacy API read the page with Ruby's to_i, so "abc" was page 0.
  const message = problem === 'above-500' ? `page must be less than or equal to ${MAX_PAGE}` : 'page must be greater than 0';
  return { http: 422, body: { errors: [message], success: false } };
}

/** A TMDB page; asking past the last page gives an empty `results`, not an error. */
export function pageOf<T, R>(items: readonly T[], page: number, render: (item: T) => R): TmdbPage<R> {
  const start = (page - 1) * RESULTS_PER_PAGE;
  return {
    page,
    results: items.slice(start, start + RESULTS_PER_PAGE).map(render),
    total_pages: Math.max(1, Math.ceil(items.length / RESULTS_PER_PAGE)),
    total_results: items.length,
  };
}
