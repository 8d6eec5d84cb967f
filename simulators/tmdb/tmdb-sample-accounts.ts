import { objectId } from './tmdb-deterministic';

/** A TMDb user the simulator knows: the approval page lets a developer act as any of them. */
export interface SampleAccount {
  /** The numeric v3 account id (GET /3/account's `id`, the `{account_id}` of v3 paths). */
  id: number;
  /** The v4 account object id (24 hex), what POST /4/auth/access_token answers as `account_id`. */
  objectId: string;
  username: string;
  /** TMDb allows an empty display name. */
  name: string;
  iso_639_1: string;
  iso_3166_1: string;
  include_adult: boolean;
  avatarPath: string | null;
  /** Favorites and watchlist the account starts with, oldest first (a demo has something to import). */
  favorites: number[];
  watchlist: number[];
}

const account = (fields: Omit<SampleAccount, 'objectId'>): SampleAccount => ({
  ...fields,
  objectId: objectId(`account:${fields.username}`),
});

/**
 * The first account is the approval page's default and starts empty, so a test
 * that approves without choosing begins from a known, empty account.
 */
export const SAMPLE_ACCOUNTS: readonly SampleAccount[] = [
  account({
    id: 21_174_812,
    username: 'cinephile',
    name: 'Ana Lima',
    iso_639_1: 'pt',
    iso_3166_1: 'BR',
    include_adult: false,
    avatarPath: null,
    favorites: [],
    watchlist: [],
  }),
  account({
    id: 21_174_813,
    username: 'moviebuff',
    name: 'Ben Okafor',
    iso_639_1: 'en',
    iso_3166_1: 'US',
    include_adult: false,
    avatarPath: '/kU3B75TyRiCgE270EyZnHjfivoq.png',
    favorites: [550, 603, 27205],
    watchlist: [157336, 496243],
  }),
  account({
    id: 21_174_814,
    username: 'nightowl',
    name: '',
    iso_639_1: 'en',
    iso_3166_1: 'GB',
    include_adult: true,
    avatarPath: null,
    favorites: [129],
    watchlist: [],
  }),
];
