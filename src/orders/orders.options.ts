import { Injectable } from '@nestjs/common';

/**
 * How the Airtable client paces itself: the pace from AIRTABLE_REQUESTS_PER_SECOND
 * (OrdersModule fills it in), the rest defaults that fit Airtable's published
 * limits, a provider that tests can tune. Read at each use, so changes apply at once.
 */
@Injectable()
export class AirtableClientOptions {
  /** Most requests in any one-second window (Airtable allows 5 per base; the default keeps headroom). 0 = no pacing. */
  requestsPerSecond = 4;
  /** After a 429 Airtable refuses every request to the base for 30 seconds. */
  rateLimitPauseMs = 30_000;
  /** 429s in a row on one request before giving up. */
  maxRateLimitWaits = 4;
  /** First backoff after a 5xx, a timeout or a network error; doubled each retry, with jitter. */
  retryBaseDelayMs = 500;
}

/** How the import runs. */
@Injectable()
export class OrderSyncOptions {
  /** Airtable's maximum page size. */
  pageSize = 100;
  /** Incremental runs ask for records modified since the last high-water mark minus this, for clock skew and late writes. */
  overlapMs = 5 * 60_000;
  /** A full pass (every record; deletions detected) after this many incremental runs... */
  fullPassEveryRuns = 12;
  /** ...or when the last full pass is older than this. */
  fullPassMaxAgeMs = 24 * 60 * 60_000;
  /** Restarts of a listing whose offset expired before the run gives up. */
  maxListingRestarts = 3;
}

/** How the orders list reads its pages. */
@Injectable()
export class OrderListOptions {
  /**
   * From this offset on, a page sorted by order date starts at the day where the offset falls (found in the per-day
   * counts) instead of walking the sort index up to it. Below it the walk is cheaper: reading the counts of two
   * years of days costs about what walking 10,000 index entries does (~2 ms).
   */
  seekFromOffset = 10_000;
}
