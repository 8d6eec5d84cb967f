import { Injectable } from '@nestjs/common';
import { UpstreamError } from '../common/errors/domain-error';
import { AccountLinksRepository } from './account-links.repository';
import { ListMergeCounts, MergeCounts, NO_MERGE_COUNTS } from './account-link';
import { forEachBounded } from './bounded';
import { LinkClock } from './clock';
import { ImportedEntry, LocalLists } from './local-lists';
import { AccountListItem, AccountListKind, AccountSession, TmdbAccountPort } from './tmdb-account.port';

/** Calls to TMDb at once for one user's list (pages read, entries written): bounded, well under TMDb's rate. */
export const ACCOUNT_CONCURRENCY = 4;
/** TMDb serves pages 1 to 500; at 20 a page that is 10,000 entries, more than any list here may hold. */
const MAX_PAGES = 500;
export const LISTS: readonly AccountListKind[] = ['favorite', 'watchlist'];

/** A write to TMDb this recent (or newer) may not be in what a refresh read yet: the refresh leaves the local copy alone. */
export const WRITE_SETTLE_MS = 5000;

/** A pass saw a write made meanwhile; its reading of TMDb may be older than the write. */
export class SyncOvertaken extends Error {}

/**
 * Makes a user's local lists agree with their TMDb account.
 *
 * `merge` is the first pass after linking: both sides keep everything (what
 * only the account has is imported, what only Cinemateca has is written to the
 * account), and its counts are added to the link as they happen, so a merge cut
 * short by TMDb failing is finished, and counted whole, by the next pass.
 * `refresh` is every later pass: the account is the truth, so what it lost is
 * removed here too.
 */
@Injectable()
export class AccountSync {
  constructor(
    private readonly account: TmdbAccountPort,
    private readonly lists: LocalLists,
    private readonly links: AccountLinksRepository,
    private readonly clock: LinkClock,
  ) {}

  /** Both ways, losing nothing. Throws what TMDb throws; what was done before is recorded either way. */
  async merge(userId: number, session: AccountSession, startedAt: Date): Promise<MergeCounts> {
    let total = NO_MERGE_COUNTS;
    for (const list of LISTS) {
      const counts = { imported: 0, exported: 0 };
      try {
        await this.mergeList(userId, session, list, startedAt, counts);
      } finally {
        if (counts.imported + counts.exported > 0) total = await this.links.addMergeCounts(userId, { ...NO_MERGE_COUNTS, [list]: counts });
      }
    }
    return total;
  }

  /** The account's lists become the local ones. */
  async refresh(userId: number, session: AccountSession, startedAt: Date): Promise<void> {
    for (const list of LISTS) {
      const remote = await this.readAll(session, list);
      const local = await this.lists.entries(userId, list);
      const localIds = new Set(local.map((entry) => entry.tmdbId));
      const remoteIds = new Set(remote.map((item) => item.tmdbId));
      await this.requireNoWriteSince(userId, startedAt);
      await this.lists.import(userId, list, this.dated(remote.filter((item) => !localIds.has(item.tmdbId))));
      await this.lists.remove(
        userId,
        list,
        local.filter((entry) => !remoteIds.has(entry.tmdbId)).map((entry) => entry.tmdbId),
      );
    }
  }

  private async mergeList(
    userId: number,
    session: AccountSession,
    list: AccountListKind,
    startedAt: Date,
    counts: ListMergeCounts,
  ): Promise<void> {
    const remote = await this.readAll(session, list);
    const local = await this.lists.entries(userId, list);
    const remoteIds = new Set(remote.map((item) => item.tmdbId));
    const localIds = new Set(local.map((entry) => entry.tmdbId));
    const onlyHere = local.filter((entry) => !remoteIds.has(entry.tmdbId)).sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime());
    await forEachBounded(onlyHere, ACCOUNT_CONCURRENCY, async (entry) => {
      try {
        await this.account.setListed(session, list, entry.tmdbId, true);
        counts.exported += 1;
      } catch (error) {
        // A movie TMDb no longer has cannot be written there; it stays here, and the merge goes on.
        if (!(error instanceof UpstreamError && error.kind === 'not_found')) throw error;
      }
    });
    await this.requireNoWriteSince(userId, startedAt);
    counts.imported += await this.lists.import(userId, list, this.dated(remote.filter((item) => !localIds.has(item.tmdbId))));
  }

  /** Every page of the account's list, oldest addition first: page 1 says how many there are, the rest come a few at a time. */
  async readAll(session: AccountSession, list: AccountListKind): Promise<AccountListItem[]> {
    const first = await this.account.listPage(session, list, 1);
    const pages = new Map([[1, first.items]]);
    const rest = Array.from({ length: Math.min(first.totalPages, MAX_PAGES) - 1 }, (_, index) => index + 2);
    await forEachBounded(rest, ACCOUNT_CONCURRENCY, async (page) => {
      pages.set(page, (await this.account.listPage(session, list, page)).items);
    });
    const seen = new Set<number>();
    // A list changing between page reads may repeat an item across pages.
    return [...pages.keys()]
      .sort((a, b) => a - b)
      .flatMap((page) => pages.get(page)!)
      .filter((item) => !seen.has(item.tmdbId) && seen.add(item.tmdbId));
  }

  /**
   * TMDb's lists carry no dates, only their order: imported entries are dated
   * just before now, a millisecond apart, so the newest-first lists here show
   * them in the account's order.
   */
  private dated(items: readonly AccountListItem[]): ImportedEntry[] {
    const now = this.clock.now().getTime();
    return items.map((item, index) => ({ ...item, addedAt: new Date(now - (items.length - index)) }));
  }

  private async requireNoWriteSince(userId: number, startedAt: Date): Promise<void> {
    if (await this.links.wroteSince(userId, new Date(startedAt.getTime() - WRITE_SETTLE_MS))) throw new SyncOvertaken();
  }
}
