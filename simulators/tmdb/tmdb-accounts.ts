import { AccountListKind, TmdbAccountLists } from './tmdb-account-lists';
import { TmdbCatalog } from './tmdb-catalog';
import { TmdbCredentials } from './tmdb-credentials';
import { SAMPLE_ACCOUNTS, SampleAccount } from './tmdb-sample-accounts';
import { TmdbTokenMint } from './tmdb-tokens';

/** An account named by its numeric v3 id, its v4 object id or its username. */
export type AccountRef = number | string;

export interface AccountListEntry {
  tmdbId: number;
  createdAt: Date;
}

/** An entry to put on a list; without `createdAt` it is added now, after the entries before it. */
export type AccountListInput = number | { tmdbId: number; createdAt?: Date | string | number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The simulator's TMDb users: who they are, their credentials and their lists.
 * Routes and the control API both go through here; the control API throws on
 * what a test could only get wrong (an unknown account or movie).
 */
export class TmdbAccounts {
  readonly credentials: TmdbCredentials;
  readonly lists = new TmdbAccountLists();

  constructor(
    private readonly catalog: TmdbCatalog,
    appToken: string,
    readonly now: () => number,
  ) {
    this.credentials = new TmdbCredentials(new TmdbTokenMint(appToken), now);
    const start = now();
    for (const account of SAMPLE_ACCOUNTS) {
      // Seeded entries were added on TMDb a day apart, before the simulator started.
      const seed = (ids: number[]) => ids.map((tmdbId, index) => ({ tmdbId, createdAt: start - (ids.length - index) * DAY_MS }));
      this.lists.replace(account.id, 'favorite', seed(account.favorites));
      this.lists.replace(account.id, 'watchlist', seed(account.watchlist));
    }
  }

  all(): readonly SampleAccount[] {
    return SAMPLE_ACCOUNTS;
  }

  find(ref: AccountRef | undefined): SampleAccount | undefined {
    if (ref === undefined || ref === '') return SAMPLE_ACCOUNTS[0];
    return SAMPLE_ACCOUNTS.find((account) => account.id === ref || account.objectId === ref || account.username === ref);
  }

  byId(id: number): SampleAccount | undefined {
    return SAMPLE_ACCOUNTS.find((account) => account.id === id);
  }

  /** Only a catalog movie can be on a list: TMDb answers 404 for any other id. */
  hasMovie(tmdbId: number): boolean {
    return this.catalog.movie(tmdbId) !== undefined;
  }

  // The control API, for tests and the development demo.

  approve(requestToken: string, ref?: AccountRef): void {
    const account = this.require(ref);
    if (!this.credentials.approve(requestToken, account.id)) throw new Error('TMDB simulator: unknown, expired or spent request token');
  }

  setList(ref: AccountRef, kind: AccountListKind, entries: readonly AccountListInput[]): void {
    const account = this.require(ref);
    const now = this.now();
    this.lists.replace(
      account.id,
      kind,
      entries.map((entry) => {
        const { tmdbId, createdAt } = typeof entry === 'number' ? { tmdbId: entry, createdAt: undefined } : entry;
        return { tmdbId: this.requireMovie(tmdbId), createdAt: createdAt === undefined ? now : new Date(createdAt).getTime() };
      }),
    );
  }

  addToList(ref: AccountRef, kind: AccountListKind, tmdbId: number, createdAt?: Date | string | number): boolean {
    const at = createdAt === undefined ? this.now() : new Date(createdAt).getTime();
    return this.lists.add(this.require(ref).id, kind, this.requireMovie(tmdbId), at) === 'added';
  }

  removeFromList(ref: AccountRef, kind: AccountListKind, tmdbId: number): boolean {
    return this.lists.remove(this.require(ref).id, kind, tmdbId);
  }

  list(ref: AccountRef, kind: AccountListKind): AccountListEntry[] {
    return this.lists.entries(this.require(ref).id, kind).map(({ tmdbId, createdAt }) => ({ tmdbId, createdAt: new Date(createdAt) }));
  }

  revokeAll(ref: AccountRef): void {
    this.credentials.revokeAll(this.require(ref).id);
  }

  liveCredentials(ref: AccountRef): { accessTokens: number; sessions: number } {
    return this.credentials.live(this.require(ref).id);
  }

  private require(ref: AccountRef | undefined): SampleAccount {
    const account = this.find(ref);
    if (!account) throw new Error(`TMDB simulator: no account ${String(ref)}`);
    return account;
  }

  private requireMovie(tmdbId: number): number {
    if (!this.hasMovie(tmdbId)) throw new Error(`TMDB simulator: no movie ${tmdbId} in the catalog`);
    return tmdbId;
  }
}
