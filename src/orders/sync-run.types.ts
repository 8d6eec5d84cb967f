export const SYNC_TRIGGERS = ['startup', 'schedule', 'api', 'cli'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** What one run did. `fetched` = created + updated + unchanged + skipped. */
export interface SyncFigures {
  /** Records received from Airtable (a listing restarted after an expired offset counts its records again). */
  fetched: number;
  created: number;
  updated: number;
  /** Received with the Last Modified time we already had: not rewritten. */
  unchanged: number;
  /** Orders Airtable no longer has, removed by a full pass. */
  deleted: number;
  /**
   * Orders Airtable no longer listed but kept: removing them would have deleted more than SYNC_MAX_DELETE_RATIO
   * of the orders in one run (a token that lost access to part of the table looks the same), so none was removed.
   */
  withheldDeletions: number;
  /** Records that could not be stored at all (no usable Last Modified time). */
  skipped: number;
  /** Records stored with some fields left empty because their values did not fit. */
  incomplete: number;
}

export interface SyncRun extends SyncFigures {
  id: number;
  trigger: SyncTrigger;
  /** A full pass lists every record and removes the orders Airtable no longer has. */
  fullPass: boolean;
  /** An admin allowed this run to delete more than SYNC_MAX_DELETE_RATIO of the orders. */
  massDeleteAllowed: boolean;
  status: SyncRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** The incremental filter's lower bound; null when every record was listed. */
  modifiedSince: Date | null;
  /** Where the next incremental run starts from (set when the run succeeded). */
  highWaterMark: Date | null;
  error: string | null;
}

export function emptyFigures(): SyncFigures {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, withheldDeletions: 0, skipped: 0, incomplete: 0 };
}
