import { seededRandom } from '../simulator-kit';
import {
  CastCredit,
  CatalogMovie,
  CatalogSummary,
  CatalogVideo,
  CrewCredit,
  departmentOf,
  Gender,
  WatchOffers,
} from './tmdb-catalog-movie';
import { roundTo, stableHash } from './tmdb-deterministic';
import { GENRE, HOME_COUNTRY_OF_LANGUAGE } from './tmdb-reference-data';
import { COUNTRY_PROVIDERS, ProviderKey, WATCH_COUNTRIES } from './tmdb-watch-providers';
import { teaser, trailer } from './tmdb-videos';
import * as words from './tmdb-synthetic-words';

/** Films dated after this are not out yet; fixed so the catalog never depends on the clock. */
export const SIMULATED_TODAY = '2025-06-01';

const FIRST_SYNTHETIC_ID = 1_100_000;
const ID_SEQUENCE_SEED = 0x7d6b;

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

/** Ids of the synthetic movies: sparse and increasing like real TMDB ids, the same on every run. */
export function syntheticMovieIds(count: number): number[] {
  const random = seededRandom(ID_SEQUENCE_SEED);
  const ids: number[] = [];
  let id = FIRST_SYNTHETIC_ID;
  for (let i = 0; i < count; i += 1) {
    id += 1 + Math.floor(random() * 97);
    ids.push(id);
  }
  return ids;
}

function title(random: Random): string {
  let base: string;
  switch (Math.floor(random() * 6)) {
    case 0:
      base = `The ${pick(random, words.TITLE_ADJECTIVES)} ${pick(random, words.TITLE_NOUNS)}`;
      break;
    case 1:
      base = `${pick(random, words.TITLE_ADJECTIVES)} ${pick(random, words.TITLE_NOUNS)}`;
      break;
    case 2:
      base = `${pick(random, words.TITLE_NOUNS)} of ${pick(random, words.TITLE_PLURALS)}`;
      break;
    case 3:
      base = `The ${pick(random, words.TITLE_PLURALS)} of ${pick(random, words.TITLE_PLACES)}`;
      break;
    case 4:
      base = `${pick(random, words.FEMALE_FIRST_NAMES)}'s ${pick(random, words.TITLE_NOUNS)}`;
      break;
    default:
      base = `${pick(random, words.TITLE_NOUNS)} in ${pick(random, words.TITLE_PLACES)}`;
  }
  return random() < 0.06 ? `${base} ${pick(random, ['II', '2', 'Part Two'])}` : base;
}

function overview(random: Random): string {
  if (random() < 0.03) return '';
  const who = pick(random, words.OVERVIEW_PROTAGONISTS);
  return `When ${who} ${pick(random, words.OVERVIEW_INCITING)}, they must ${pick(random, words.OVERVIEW_GOALS)} ${pick(random, words.OVERVIEW_STAKES)}.`;
}

function personName(random: Random): { name: string; gender: Gender } {
  const female = random() < 0.5;
  const first = pick(random, female ? words.FEMALE_FIRST_NAMES : words.MALE_FIRST_NAMES);
  return { name: `${first} ${pick(random, words.LAST_NAMES)}`, gender: female ? 1 : 2 };
}

const WEIGHTED_GENRES = [
  GENRE.drama,
  GENRE.drama,
  GENRE.drama,
  GENRE.comedy,
  GENRE.comedy,
  GENRE.thriller,
  GENRE.thriller,
  GENRE.action,
  GENRE.action,
  GENRE.horror,
  GENRE.romance,
  GENRE.crime,
  GENRE.adventure,
  GENRE.scienceFiction,
  GENRE.mystery,
  GENRE.fantasy,
  GENRE.family,
  GENRE.animation,
  GENRE.documentary,
  GENRE.history,
  GENRE.music,
  GENRE.war,
  GENRE.western,
  GENRE.tvMovie,
];

function genreIds(random: Random): number[] {
  const wanted = 1 + Math.floor(random() * 3);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(pick(random, WEIGHTED_GENRES));
  return [...chosen];
}

const LANGUAGE_MIX = ['en', 'en', 'en', 'en', 'en', 'en', 'fr', 'es', 'ja', 'ko', 'de', 'it', 'pt', 'hi', 'zh', 'sv', 'da'];

const DAYS_FROM_1950_TO_2026 = 27_900;
const YEAR_STARTS = Array.from({ length: 78 }, (_, i) => Date.UTC(1950 + i, 0, 1));

function releaseDate(random: Random): string {
  // Skewed towards recent years, as TMDB's catalog is. Built without Date: this runs for every movie at startup.
  const time = YEAR_STARTS[0] + Math.floor(Math.sqrt(random()) * DAYS_FROM_1950_TO_2026) * 86_400_000;
  let year = 0;
  while (YEAR_STARTS[year + 1] <= time) year += 1;
  const dayOfYear = Math.floor((time - YEAR_STARTS[year]) / 86_400_000);
  const leap = (1950 + year) % 4 === 0 && (1950 + year) % 100 !== 0;
  const monthLengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  let month = 0;
  let day = dayOfYear;
  while (day >= monthLengths[month]) day -= monthLengths[month++];
  return `${1950 + year}-${String(month + 1).padStart(2, '0')}-${String(day + 1).padStart(2, '0')}`;
}

function cast(random: Random): CastCredit[] {
  const count = 3 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => {
    const person = personName(random);
    const character =
      random() < 0.7
        ? personName(random).name.split(' ')[0]
        : pick(random, ['Detective Marsh', 'The Stranger', 'Narrator', 'Mother', 'Sheriff']);
    return { ...person, character };
  });
}

function crew(random: Random): CrewCredit[] {
  const director = personName(random);
  const jobs: Array<[string, { name: string; gender: Gender }]> = [
    ['Director', director],
    [random() < 0.5 ? 'Screenplay' : 'Writer', random() < 0.4 ? director : personName(random)],
    ['Original Music Composer', personName(random)],
    ['Director of Photography', personName(random)],
    ['Producer', personName(random)],
  ];
  return jobs.map(([job, person]) => ({ ...person, job, department: departmentOf(job) }));
}

function watchOffers(random: Random): Record<string, WatchOffers> {
  const offers: Record<string, WatchOffers> = {};
  for (const country of WATCH_COUNTRIES) {
    if (random() > 0.45) continue;
    const { streaming, stores } = COUNTRY_PROVIDERS[country];
    const flatrate: ProviderKey[] = pickSome(random, streaming, Math.floor(random() * 3));
    const rent: ProviderKey[] = pickSome(random, stores, Math.floor(random() * 3));
    const buy: ProviderKey[] = pickSome(random, stores, Math.floor(random() * 4));
    if (flatrate.length + rent.length + buy.length > 0) offers[country] = { flatrate, rent, buy };
  }
  return offers;
}

function videos(random: Random, id: number, date: string, language: string, country: string): CatalogVideo[] {
  const list: CatalogVideo[] = [];
  if (random() < 0.85) list.push(trailer(id, date, 'en', 'US'));
  if (random() < 0.3) list.push(teaser(id, date));
  if (language !== 'en' && random() < 0.5) list.push(trailer(id, date, language, country));
  return list;
}

const summarySeed = (id: number) => Math.imul(id, 0x9e3779b1);
const detailsSeed = (id: number) => Math.imul(id, 0x85ebca6b) ^ 0x5f3759df;

/** The fields lists filter and sort on; derived from the id alone, the same on every run. */
export function syntheticSummary(id: number): CatalogSummary {
  const random = seededRandom(summarySeed(id));
  const movieTitle = title(random);
  const date = releaseDate(random);
  const released = date <= SIMULATED_TODAY;
  const voteCount = released ? Math.floor(6000 * random() ** 4) : 0;
  const budget = random() < 0.45 ? 0 : Math.round(1 + random() ** 2 * 180) * 1_000_000;
  return {
    id,
    title: movieTitle,
    originalTitle: movieTitle,
    originalLanguage: pick(random, LANGUAGE_MIX),
    releaseDate: date,
    genreIds: genreIds(random),
    popularity: roundTo(0.6 + 32 * random() ** 5, 3),
    voteAverage: voteCount === 0 ? 0 : roundTo(4 + random() * 4.6, 3),
    voteCount,
    adult: random() < 0.02,
    // From the id alone, not the stream, so every other field stays what it was before this flag existed.
    video: stableHash(`video:${id}`) % 100 < 3,
    budget,
    revenue: budget === 0 || !released ? 0 : Math.round(budget * (0.2 + random() * 3.5)),
  };
}

/** The full synthetic movie, built on demand from its summary and a second id-derived stream. */
export function syntheticMovie(summary: CatalogSummary): CatalogMovie {
  const { id, originalLanguage: language, releaseDate: date } = summary;
  const random = seededRandom(detailsSeed(id));
  const country = HOME_COUNTRY_OF_LANGUAGE[language] ?? 'US';
  const released = date <= SIMULATED_TODAY;
  return {
    ...summary,
    overview: overview(random),
    tagline: random() < 0.4 ? pick(random, words.TAGLINES) : '',
    runtime: released ? 78 + Math.floor(random() * 80) : 0,
    hasPoster: random() < 0.93,
    hasBackdrop: random() < 0.85,
    imdbId: random() < 0.85 ? `tt${String(1_000_000 + (id % 9_000_000)).padStart(7, '0')}` : null,
    homepage: '',
    status: released ? 'Released' : random() < 0.5 ? 'Post Production' : 'In Production',
    collection: null,
    productionCompanies: pickSome(random, words.STUDIOS, 1 + Math.floor(random() * 2)).map((name) => ({ name, country })),
    productionCountries: [country],
    spokenLanguages: language === 'en' || random() < 0.7 ? [language] : [language, 'en'],
    videos: videos(random, id, date, language, country),
    cast: cast(random),
    crew: crew(random),
    watchOffers: released ? watchOffers(random) : {},
  };
}
