import { ConflictError } from '../common/errors/domain-error';

/**
 * Most movies one user may keep as favorites, and separately in the watchlist. It bounds what one
 * account can make the service fetch from TMDB (lists, shared lists, snapshots) and hold in memory.
 * Entries imported from a linked TMDb account are never dropped for it; only new additions are refused.
 */
export const MAX_LIST_ENTRIES = 1000;

/** 409 `ListFull`: the list already holds MAX_LIST_ENTRIES movies. */
export function listFull(list: 'favorites' | 'watchlist'): ConflictError {
  return new ConflictError(
    'ListFull',
    `Your ${list} already hold${list === 'favorites' ? '' : 's'} ${MAX_LIST_ENTRIES} movies, the most allowed; remove one to add another.`,
    { limit: MAX_LIST_ENTRIES },
  );
}
