import { CreateUsers1764000000000 } from './1764000000000-create-users';
import { CreateFavoritesRatingsSharedLists1764000001000 } from './1764000001000-create-favorites-ratings-shared-lists';
import { CreateCatalogAndReviews1764000002000 } from './1764000002000-create-catalog-and-reviews';
import { CreateOrders1764000003000 } from './1764000003000-create-orders';
import { RevocableTokens1764000004000 } from './1764000004000-revocable-tokens';
import { CreateWatchlist1764000005000 } from './1764000005000-create-watchlist';
import { CreateMovieSnapshots1764000006000 } from './1764000006000-create-movie-snapshots';
import { SyncRunDeletionBrake1764000007000 } from './1764000007000-sync-run-deletion-brake';
import { CreateTmdbAccountLinks1764000010000 } from './1764000010000-create-tmdb-account-links';

/** Every migration in order. Listed explicitly so the build and the tests load the same set. */
export const ALL_MIGRATIONS = [
  CreateUsers1764000000000,
  CreateFavoritesRatingsSharedLists1764000001000,
  CreateCatalogAndReviews1764000002000,
  CreateOrders1764000003000,
  RevocableTokens1764000004000,
  CreateWatchlist1764000005000,
  CreateMovieSnapshots1764000006000,
  SyncRunDeletionBrake1764000007000,
  CreateTmdbAccountLinks1764000010000,
];
