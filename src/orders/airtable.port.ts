/** A record as Airtable's Web API returns it; `fields` leaves empty cells out. */
export interface AirtableRecord {
  id: string;
  createdTime?: string;
  fields: Record<string, unknown>;
}

export interface AirtablePage {
  records: AirtableRecord[];
  /** The listing started over (its offset expired): records already seen may come again. */
  restarted: boolean;
}

export interface ListRecordsOptions {
  filterByFormula?: string;
  /** Only these fields; all of them when unset. */
  fields?: string[];
  pageSize?: number;
  /** Stops between requests and during waits (shutdown). */
  signal?: AbortSignal;
}

export interface RecordUpdate {
  id: string;
  fields: Record<string, unknown>;
}

/**
 * The Orders table in Airtable. Implementations pace themselves under
 * Airtable's per-base rate limit and throw only domain errors
 * (UpstreamError, NotConfiguredError).
 */
export abstract class AirtablePort {
  /** False when no token, base or table is configured: every call would throw NotConfiguredError. */
  abstract isConfigured(): boolean;

  /** Every matching record, page by page (Airtable's `offset` paging). */
  abstract listRecords(options?: ListRecordsOptions): AsyncIterable<AirtablePage>;

  /** Merge-updates records (at most 10 per request); answers them as Airtable now holds them. */
  abstract updateRecords(updates: RecordUpdate[]): Promise<AirtableRecord[]>;
}
