import type { TmdbConfigurationPayload } from './tmdb-payloads';

export type ImageKind = 'poster' | 'backdrop' | 'profile' | 'logo';

/** The sizes we link to, when TMDB offers them; TMDB's docs name these as typical. */
const PREFERRED_SIZE: Record<ImageKind, string> = { poster: 'w500', backdrop: 'w1280', profile: 'w185', logo: 'w92' };

/** What /configuration has said for years; used only while it cannot be read. */
export const FALLBACK_IMAGE_CONFIGURATION: TmdbConfigurationPayload = {
  images: { secure_base_url: 'https://image.tmdb.org/t/p/' },
};

/** Builds image URLs from TMDB's image base and sizes (developer.themoviedb.org/docs/image-basics). */
export class ImageUrls {
  private readonly base: string;
  private readonly sizes: Record<ImageKind, string>;

  constructor(configuration: TmdbConfigurationPayload) {
    const images = configuration.images ?? {};
    this.base = (images.secure_base_url ?? FALLBACK_IMAGE_CONFIGURATION.images!.secure_base_url!).replace(/\/?$/, '/');
    this.sizes = {
      poster: pick(images.poster_sizes, PREFERRED_SIZE.poster),
      backdrop: pick(images.backdrop_sizes, PREFERRED_SIZE.backdrop),
      profile: pick(images.profile_sizes, PREFERRED_SIZE.profile),
      logo: pick(images.logo_sizes, PREFERRED_SIZE.logo),
    };
  }

  url(path: string | null | undefined, kind: ImageKind): string | null {
    if (!path) return null;
    return `${this.base}${this.sizes[kind]}${path.startsWith('/') ? path : `/${path}`}`;
  }
}

function pick(offered: string[] | undefined, preferred: string): string {
  if (!offered || offered.length === 0 || offered.includes(preferred)) return preferred;
  return offered.filter((size) => size !== 'original').at(-1) ?? 'original';
}
