/** The Cinemateca reviews database: one page per movie review (project contract). */
export type PropertyType = 'title' | 'rich_text' | 'number';

export interface SchemaProperty {
  readonly name: string;
  /** Notion's property ids are short URL-encoded strings; a title property's id is always `title`. */
  readonly id: string;
  readonly type: PropertyType;
}

export const REVIEW_PROPERTY = {
  movie: 'Movie',
  rating: 'Rating',
  review: 'Review',
  author: 'Author',
  reviewId: 'Review ID',
} as const;

export const REVIEW_SCHEMA: readonly SchemaProperty[] = [
  { name: REVIEW_PROPERTY.movie, id: 'title', type: 'title' },
  { name: REVIEW_PROPERTY.rating, id: 'Rt%3A%3D', type: 'number' },
  { name: REVIEW_PROPERTY.review, id: 'Rv%5Ew', type: 'rich_text' },
  { name: REVIEW_PROPERTY.author, id: 'Au%3Bh', type: 'rich_text' },
  { name: REVIEW_PROPERTY.reviewId, id: 'RID%40', type: 'number' },
];

export const DATA_SOURCE_NAME = 'Movie reviews';

/** Notion lets callers name a property by its name or by its id, encoded or not. */
export function findProperty(nameOrId: string): SchemaProperty | undefined {
  return REVIEW_SCHEMA.find((property) => property.name === nameOrId || property.id === nameOrId || safeDecode(property.id) === nameOrId);
}

/** The `properties` of a data source object (the pre-2025-09-03 database object carries the same). */
export function schemaConfiguration(): Record<string, unknown> {
  return Object.fromEntries(
    REVIEW_SCHEMA.map((property) => [
      property.name,
      {
        id: property.id,
        name: property.name,
        description: null,
        type: property.type,
        [property.type]: property.type === 'number' ? { format: 'number' } : {},
      },
    ]),
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
