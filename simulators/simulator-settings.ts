import type { AirtableSimulator } from './airtable/airtable-simulator';
import type { NotionSimulator } from './notion/notion-simulator';
import type { TmdbSimulator } from './tmdb/tmdb-simulator';

/** The settings that point the service at a running simulator, as the contract names them. */
export function tmdbSettings(tmdb: TmdbSimulator): Record<string, string> {
  // TMDB_AUTH_URL: the simulator serves the approval page (TMDb's website) on its own root.
  return { TMDB_API_TOKEN: tmdb.token, TMDB_BASE_URL: tmdb.apiRoot, TMDB_AUTH_URL: tmdb.url };
}

export function notionSettings(notion: NotionSimulator): Record<string, string> {
  return { NOTION_TOKEN: notion.token, NOTION_DATABASE_ID: notion.databaseId, NOTION_BASE_URL: notion.baseUrl };
}

export function airtableSettings(airtable: AirtableSimulator): Record<string, string> {
  return {
    AIRTABLE_TOKEN: airtable.token,
    AIRTABLE_BASE_ID: airtable.baseId,
    AIRTABLE_TABLE_ID: airtable.tableId,
    AIRTABLE_ENDPOINT_URL: airtable.endpointUrl,
  };
}
