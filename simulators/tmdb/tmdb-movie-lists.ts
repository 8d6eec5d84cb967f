import { TmdbCatalog } from './tmdb-catalog';
import { CatalogSummary } from './tmdb-catalog-movie';

/** Query string values, first occurrence of each key. */
export type QueryValues = Readonly<Record<string, string | undefined>>;

type Comparator = (a: CatalogSummary, b: CatalogSummary) => number;
type MovieFilter = (movie: CatalogSummary) => boolean;

const byNumber =
  (field: (movie: CatalogSummary) => number): Comparator =>
  (a, b) =>
    field(a) - field(b);
const byText =
  (field: (movie: CatalogSummary) => string): Comparator =>
  (a, b) =>
    field(a) < field(b) ? -1 : field(a) > field(b) ? 1 : 0;

/** Discover's sort_by fields. Both release date keys sort on the one release date the simulator keeps. */
const SORT_FIELDS: Readonly<Record<string, Comparator>> = {
  popularity: byNumber((movie) => movie.popularity),
  vote_average: byNumber((movie) => movie.voteAverage),
  vote_count: byNumber((movie) => movie.voteCount),
  revenue: byNumber((movie) => movie.revenue),
  primary_release_date: byText((movie) => movie.releaseDate),
  release_date: byText((movie) => movie.releaseDate),
  title: byText((movie) => movie.title.toLowerCase()),
  original_title: byText((movie) => movie.originalTitle.toLowerCase()),
};

/** TMDB ignores a sort_by it does not know and uses its default, popularity.desc. */
function sortComparator(sortBy: string | undefined): Comparator {
  const [field, direction] = (sortBy ?? '').split('.');
  const compare = SORT_FIELDS[field] ?? SORT_FIELDS.popularity;
  const descending = SORT_FIELDS[field] ? direction !== 'asc' : true;
  // Ties broken by id so equal keys never shuffle between pages.
  return (a, b) => (descending ? -compare(a, b) : compare(a, b)) || a.id - b.id;
}

const yearOf = (movie: CatalogSummary) => Number(movie.releaseDate.slice(0, 4));
const isDate = (value: string | undefined): value is string => value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
const asNumber = (value: string | undefined) =>
  value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

/**
 * with_genres: "28,12" means both genres, "28|12" either. Values TMDB cannot
 * read are ignored, as the real API ignores filters it does not understand.
 */
function genreFilter(withGenres: string | undefined): MovieFilter | undefined {
  if (!withGenres) return undefined;
  const anyOf = withGenres.includes('|');
  const ids = withGenres
    .split(anyOf ? '|' : ',')
    .map(Number)
    .filter(Number.isInteger);
  if (ids.length === 0) return undefined;
  return anyOf ? (movie) => ids.some((id) => movie.genreIds.includes(id)) : (movie) => ids.every((id) => movie.genreIds.includes(id));
}

function discoverFilters(query: QueryValues): MovieFilter[] {
  const filters: MovieFilter[] = [];
  if (query.include_adult !== 'true') filters.push((movie) => !movie.adult);
  if (query.include_video !== 'true') filters.push((movie) => !movie.video);
  for (const key of ['primary_release_year', 'year']) {
    const year = asNumber(query[key]);
    if (year !== undefined) filters.push((movie) => yearOf(movie) === year);
  }
  for (const prefix of ['primary_release_date', 'release_date']) {
    const from = query[`${prefix}.gte`];
    const to = query[`${prefix}.lte`];
    if (isDate(from)) filters.push((movie) => movie.releaseDate >= from);
    if (isDate(to)) filters.push((movie) => movie.releaseDate <= to);
  }
  const genres = genreFilter(query.with_genres);
  if (genres) filters.push(genres);
  const excluded = (query.without_genres ?? '')
    .split(/[,|]/)
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
  if (excluded.length > 0) filters.push((movie) => !movie.genreIds.some((id) => excluded.includes(id)));
  const ranges: Array<[string, (movie: CatalogSummary) => number]> = [
    ['vote_average', (movie) => movie.voteAverage],
    ['vote_count', (movie) => movie.voteCount],
  ];
  for (const [name, value] of ranges) {
    const min = asNumber(query[`${name}.gte`]);
    const max = asNumber(query[`${name}.lte`]);
    if (min !== undefined) filters.push((movie) => value(movie) >= min);
    if (max !== undefined) filters.push((movie) => value(movie) <= max);
  }
  const language = query.with_original_language;
  if (language) filters.push((movie) => movie.originalLanguage === language);
  return filters;
}

/** Parameters that do not change which movies a list holds or their order. */
const PRESENTATION_PARAMETERS = new Set(['page', 'language', 'region']);
const REMEMBERED_LISTS = 64;
const rememberedLists = new WeakMap<TmdbCatalog, Map<string, readonly CatalogSummary[]>>();

/** Lists are pure functions of the catalog and the query, so paging through one computes it once. */
function remembered(catalog: TmdbCatalog, kind: string, query: QueryValues, build: () => CatalogSummary[]): readonly CatalogSummary[] {
  let lists = rememberedLists.get(catalog);
  if (!lists) rememberedLists.set(catalog, (lists = new Map()));
  const relevant = Object.entries(query).filter(([key, value]) => value !== undefined && !PRESENTATION_PARAMETERS.has(key));
  const key = `${kind}?${JSON.stringify(relevant.sort(([a], [b]) => (a < b ? -1 : 1)))}`;
  let list = lists.get(key);
  if (!list) {
    list = build();
    if (lists.size >= REMEMBERED_LISTS) lists.delete(lists.keys().next().value as string);
    lists.set(key, list);
  }
  return list;
}

export function discoverMovies(catalog: TmdbCatalog, query: QueryValues): readonly CatalogSummary[] {
  return remembered(catalog, 'discover', query, () => {
    const filters = discoverFilters(query);
    return catalog.summaries.filter((movie) => filters.every((filter) => filter(movie))).sort(sortComparator(query.sort_by));
  });
}

/** Popular never lists adult titles and takes no sort or filter. */
export function popularMovies(catalog: TmdbCatalog): readonly CatalogSummary[] {
  return discoverMovies(catalog, {});
}

export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const searchIndexes = new WeakMap<TmdbCatalog, string[]>();

function searchIndex(catalog: TmdbCatalog): string[] {
  let index = searchIndexes.get(catalog);
  if (!index) {
    index = catalog.summaries.map((movie) =>
      movie.originalTitle === movie.title ? searchText(movie.title) : `${searchText(movie.title)} | ${searchText(movie.originalTitle)}`,
    );
    searchIndexes.set(catalog, index);
  }
  return index;
}

/**
 * Title search ignoring case, accents and punctuation, on title or original
 * title; exact title matches first, then by popularity, as TMDB ranks them.
 * A missing or blank query finds nothing rather than failing.
 */
export function searchMovies(catalog: TmdbCatalog, query: QueryValues): readonly CatalogSummary[] {
  return remembered(catalog, 'search', query, () => findByTitle(catalog, query));
}

function findByTitle(catalog: TmdbCatalog, query: QueryValues): CatalogSummary[] {
  const wanted = searchText(query.query ?? '');
  if (wanted === '') return [];
  const index = searchIndex(catalog);
  const year = asNumber(query.primary_release_year) ?? asNumber(query.year);
  const includeAdult = query.include_adult === 'true';
  const matches = catalog.summaries.filter(
    (movie, position) =>
      index[position].includes(wanted) && (includeAdult || !movie.adult) && (year === undefined || yearOf(movie) === year),
  );
  const rank = (movie: CatalogSummary) => (searchText(movie.title) === wanted ? 0 : 1);
  return matches
    .map((movie) => ({ movie, rank: rank(movie) }))
    .sort((a, b) => a.rank - b.rank || b.movie.popularity - a.movie.popularity || a.movie.id - b.movie.id)
    .map(({ movie }) => movie);
}
