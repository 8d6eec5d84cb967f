import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FavoritesService } from '../favorites/favorites.service';
import { WatchlistService } from '../watchlist/watchlist.service';
import type { AccountListItem, AccountListKind } from './tmdb-account.port';

/** An entry of a local list: which movie, and since when. */
export interface LocalEntry {
  tmdbId: number;
  addedAt: Date;
}

/** An account list item to store here, with when it counts as added. */
export type ImportedEntry = AccountListItem & { addedAt: Date };

interface ListUseCases {
  listEntries(userId: number): Promise<LocalEntry[]>;
  importEntries(userId: number, entries: readonly ImportedEntry[]): Promise<number>;
  removeEntries(userId: number, tmdbIds: readonly number[]): Promise<number>;
}

/**
 * The local favorites and watchlist, through the use cases their features
 * export for linking (each tells the user-marks cache what changed). Resolved on
 * first use: those services call LinkedAccountPort, which this feature provides,
 * so a constructor dependency would be a cycle.
 */
@Injectable()
export class LocalLists {
  private services?: Record<AccountListKind, ListUseCases>;

  constructor(private readonly moduleRef: ModuleRef) {}

  entries(userId: number, list: AccountListKind): Promise<LocalEntry[]> {
    return this.of(list).listEntries(userId);
  }

  import(userId: number, list: AccountListKind, entries: readonly ImportedEntry[]): Promise<number> {
    return entries.length === 0 ? Promise.resolve(0) : this.of(list).importEntries(userId, entries);
  }

  remove(userId: number, list: AccountListKind, tmdbIds: readonly number[]): Promise<number> {
    return tmdbIds.length === 0 ? Promise.resolve(0) : this.of(list).removeEntries(userId, tmdbIds);
  }

  private of(list: AccountListKind): ListUseCases {
    this.services ??= {
      favorite: this.moduleRef.get(FavoritesService, { strict: false }),
      watchlist: this.moduleRef.get(WatchlistService, { strict: false }),
    };
    return this.services[list];
  }
}
