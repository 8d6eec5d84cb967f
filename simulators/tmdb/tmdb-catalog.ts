import { CatalogMovie, CatalogSummary } from './tmdb-catalog-movie';
import { sampleCatalogMovies } from './tmdb-sample-movies';
import { syntheticMovie, syntheticMovieIds, syntheticSummary } from './tmdb-synthetic-movies';

/**
 * Large enough that popular and unfiltered discover have more than 500 pages
 * of 20, as the real ones do, so page 500 is full and total_pages exceeds the cap.
 */
export const DEFAULT_CATALOG_SIZE = 12_000;

/**
 * Every movie's summary is built up front (lists filter and sort on them);
 * the full movie only when a list page or a detail request needs it.
 */
export class TmdbCatalog {
  readonly summaries: readonly CatalogSummary[];
  readonly sampleIds: readonly number[];
  private readonly summaryById: ReadonlyMap<number, CatalogSummary>;
  private readonly fullMovies = new Map<number, CatalogMovie>();

  constructor(size: number) {
    const samples = sampleCatalogMovies();
    if (size < samples.length) throw new Error(`TMDB simulator catalog needs at least ${samples.length} movies`);
    for (const movie of samples) this.fullMovies.set(movie.id, movie);
    this.summaries = [...samples, ...syntheticMovieIds(size - samples.length).map(syntheticSummary)];
    this.sampleIds = samples.map((movie) => movie.id);
    this.summaryById = new Map(this.summaries.map((summary) => [summary.id, summary]));
    if (this.summaryById.size !== this.summaries.length) throw new Error('TMDB simulator catalog has duplicate ids');
  }

  movie(id: number): CatalogMovie | undefined {
    const summary = this.summaryById.get(id);
    return summary && this.full(summary);
  }

  full(summary: CatalogSummary): CatalogMovie {
    let movie = this.fullMovies.get(summary.id);
    if (!movie) {
      movie = syntheticMovie(summary);
      this.fullMovies.set(summary.id, movie);
    }
    return movie;
  }

  ids(): number[] {
    return this.summaries.map((summary) => summary.id);
  }
}

const builtCatalogs = new Map<number, TmdbCatalog>();

/** The catalog is a pure function of its size, so simulators started in the same process share it. */
export function catalogOfSize(size: number): TmdbCatalog {
  let catalog = builtCatalogs.get(size);
  if (!catalog) {
    catalog = new TmdbCatalog(size);
    builtCatalogs.set(size, catalog);
  }
  return catalog;
}
