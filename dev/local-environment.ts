import type { Surroundings } from '../src/config/surroundings';
import { DEVELOPMENT_KEY_FILE, developmentEncryptionKey } from './development-key';
import { startEmbeddedDatabase } from './embedded-database';
import { AirtableSimulator, startAirtableSimulator } from '../simulators/airtable/airtable-simulator';
import { NotionSimulator, startNotionSimulator } from '../simulators/notion/notion-simulator';
import { airtableSettings, notionSettings, tmdbSettings } from '../simulators/simulator-settings';
import { startTmdbSimulator, TmdbSimulator } from '../simulators/tmdb/tmdb-simulator';

type Env = Record<string, string | undefined>;

/** The simulators started for unset upstreams (none of them in production or when every credential is set). */
export interface LocalSimulators {
  tmdb?: TmdbSimulator;
  notion?: NotionSimulator;
  airtable?: AirtableSimulator;
}

export interface LocalEnvironment extends Surroundings {
  readonly simulators: LocalSimulators;
}

/**
 * In development, every unset piece is replaced by a local one: an embedded
 * PostgreSQL under .data/ and the bundled simulators of TMDB, Notion and
 * Airtable. In production nothing is started; missing settings are errors.
 */
export async function startLocalEnvironment(env: Env, log: (message: string) => void = () => undefined): Promise<LocalEnvironment> {
  const overrides: Env = {};
  const notes: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const simulators: LocalSimulators = {};
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
  if (env.NODE_ENV === 'production') return { overrides, notes, stop, simulators };

  try {
    if (!env.DATABASE_URL) {
      const database = await startEmbeddedDatabase({ log });
      stops.push(() => database.stop());
      overrides.DATABASE_URL = database.url;
      notes.push(`DATABASE_URL unset: started an embedded PostgreSQL under .data/postgres (${database.url.replace(/:[^:@/]+@/, ':***@')})`);
    }
    if (!env.REDIS_URL) notes.push('REDIS_URL unset: caching in process');

    if (!env.TMDB_API_TOKEN) {
      const tmdb = await startTmdbSimulator();
      simulators.tmdb = tmdb;
      stops.push(() => tmdb.close());
      Object.assign(overrides, tmdbSettings(tmdb));
      notes.push(`TMDB_API_TOKEN unset: using the bundled TMDB simulator at ${tmdb.apiRoot}`);
    }
    if (!env.ENCRYPTION_KEY) {
      const { key, created } = developmentEncryptionKey();
      overrides.ENCRYPTION_KEY = key;
      notes.push(`ENCRYPTION_KEY unset: ${created ? 'generated' : 'using'} the development key in ${DEVELOPMENT_KEY_FILE}`);
    }
    if (!env.NOTION_TOKEN) {
      const notion = await startNotionSimulator();
      simulators.notion = notion;
      stops.push(() => notion.close());
      Object.assign(overrides, notionSettings(notion));
      notes.push(`NOTION_TOKEN unset: using the bundled Notion simulator at ${notion.baseUrl}`);
    }
    if (!env.AIRTABLE_TOKEN) {
      const airtable = await startAirtableSimulator();
      simulators.airtable = airtable;
      stops.push(() => airtable.close());
      Object.assign(overrides, airtableSettings(airtable));
      notes.push(`AIRTABLE_TOKEN unset: using the bundled Airtable simulator at ${airtable.endpointUrl}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { overrides, notes, stop, simulators };
}
