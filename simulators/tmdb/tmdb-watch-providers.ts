import { imagePath } from './tmdb-deterministic';

/** Watch providers with their real TMDB provider ids. Logo paths are synthetic. */
export const PROVIDERS = {
  appleTv: { provider_id: 2, provider_name: 'Apple TV' },
  googlePlay: { provider_id: 3, provider_name: 'Google Play Movies' },
  netflix: { provider_id: 8, provider_name: 'Netflix' },
  primeVideo: { provider_id: 9, provider_name: 'Amazon Prime Video' },
  amazonVideo: { provider_id: 10, provider_name: 'Amazon Video' },
  mubi: { provider_id: 11, provider_name: 'MUBI' },
  hulu: { provider_id: 15, provider_name: 'Hulu' },
  rakuten: { provider_id: 35, provider_name: 'Rakuten TV' },
  nowTv: { provider_id: 39, provider_name: 'Now TV' },
  youtube: { provider_id: 192, provider_name: 'YouTube' },
  globoplay: { provider_id: 307, provider_name: 'Globoplay' },
  disneyPlus: { provider_id: 337, provider_name: 'Disney Plus' },
  canalPlus: { provider_id: 381, provider_name: 'Canal+' },
  peacock: { provider_id: 386, provider_name: 'Peacock Premium' },
  paramountPlus: { provider_id: 531, provider_name: 'Paramount Plus' },
  max: { provider_id: 1899, provider_name: 'Max' },
} as const;

export type ProviderKey = keyof typeof PROVIDERS;

/** What a country offers: subscription services, and stores that rent or sell. */
export const COUNTRY_PROVIDERS: Readonly<Record<string, { streaming: ProviderKey[]; stores: ProviderKey[] }>> = {
  US: {
    streaming: ['netflix', 'primeVideo', 'disneyPlus', 'max', 'hulu', 'paramountPlus', 'peacock', 'mubi'],
    stores: ['appleTv', 'amazonVideo', 'googlePlay', 'youtube'],
  },
  GB: {
    streaming: ['netflix', 'primeVideo', 'disneyPlus', 'nowTv', 'paramountPlus', 'mubi'],
    stores: ['appleTv', 'amazonVideo', 'googlePlay', 'rakuten'],
  },
  BR: {
    streaming: ['netflix', 'primeVideo', 'disneyPlus', 'max', 'globoplay', 'paramountPlus'],
    stores: ['appleTv', 'googlePlay', 'amazonVideo'],
  },
  DE: {
    streaming: ['netflix', 'primeVideo', 'disneyPlus', 'paramountPlus', 'mubi'],
    stores: ['appleTv', 'amazonVideo', 'googlePlay', 'rakuten'],
  },
  FR: {
    streaming: ['netflix', 'primeVideo', 'disneyPlus', 'canalPlus', 'mubi'],
    stores: ['appleTv', 'googlePlay', 'rakuten'],
  },
};

export const WATCH_COUNTRIES = Object.keys(COUNTRY_PROVIDERS);

export interface WatchProviderEntry {
  logo_path: string;
  provider_id: number;
  provider_name: string;
  display_priority: number;
}

export function providerEntry(key: ProviderKey, country: string): WatchProviderEntry {
  const provider = PROVIDERS[key];
  const offers = COUNTRY_PROVIDERS[country];
  const rank = [...(offers?.streaming ?? []), ...(offers?.stores ?? [])].indexOf(key);
  return {
    logo_path: imagePath(`provider-logo:${provider.provider_id}`),
    provider_id: provider.provider_id,
    provider_name: provider.provider_name,
    display_priority: rank < 0 ? 99 : rank,
  };
}
