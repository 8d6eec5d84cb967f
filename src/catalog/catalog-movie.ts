/** A movie of the local catalog, as the service hands it around (no ORM, no HTTP). */
export interface CatalogMovie {
  id: number;
  title: string;
  year: number | null;
  description: string;
  tmdbId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewStats {
  reviewCount: number;
  /** Mean rating rounded to two decimals; null without reviews. */
  averageRating: number | null;
}

export type CatalogMovieWithStats = CatalogMovie & ReviewStats;

export interface NewCatalogMovie {
  title: string;
  year: number | null;
  description: string;
  tmdbId?: number | null;
}

export type CatalogMovieChanges = Partial<NewCatalogMovie>;

export interface CatalogFilter {
  /** Case-insensitive substring of the title. */
  title?: string;
  year?: number;
  offset: number;
  limit: number;
}
