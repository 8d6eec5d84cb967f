import { NotionError } from './notion-errors';

/** Every Notion-Version the API publishes, oldest first; any other value is refused `missing_version`. */
export const PUBLISHED_VERSIONS = [
  '2021-05-11',
  '2021-05-13',
  '2021-08-16',
  '2022-02-22',
  '2022-06-28',
  '2025-09-03',
  '2026-03-11',
] as const;

export type NotionVersion = (typeof PUBLISHED_VERSIONS)[number];

/** Databases were split into data sources here; older versions have no `/v1/data_sources` routes. */
const DATA_SOURCES_VERSION: NotionVersion = '2025-09-03';
/** The deprecated `archived` alias of `in_trash` was removed here, in requests and responses. */
const ARCHIVED_REMOVED_VERSION: NotionVersion = '2026-03-11';

export function readVersion(header: string | string[] | undefined): NotionVersion {
  if (header === undefined) {
    throw new NotionError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
  const value = Array.isArray(header) ? header[0] : header;
  const published = PUBLISHED_VERSIONS.find((version) => version === value);
  if (!published) {
    const listed = PUBLISHED_VERSIONS.slice(0, -1)
      .map((version) => `\`"${version}"\``)
      .join(', ');
    throw new NotionError(
      400,
      'missing_version',
      `Notion-Version header failed validation: Notion-Version header should be ${listed}, or \`"${PUBLISHED_VERSIONS.at(-1)}"\`, instead was \`"${value}"\`.`,
    );
  }
  return published;
}

export function hasDataSources(version: NotionVersion): boolean {
  return version >= DATA_SOURCES_VERSION;
}

export function acceptsArchivedAlias(version: NotionVersion): boolean {
  return version < ARCHIVED_REMOVED_VERSION;
}
