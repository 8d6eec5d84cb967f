import { FALLBACK_IMAGE_CONFIGURATION, ImageUrls } from '../../src/movies/upstream/tmdb-images';
import { mapDetails, mapPage, MAX_CAST } from '../../src/movies/upstream/tmdb.mapper';

const images = new ImageUrls({
  images: {
    secure_base_url: 'https://cdn.example/t/p',
    poster_sizes: ['w92', 'w500', 'original'],
    backdrop_sizes: ['w300', 'w780', 'original'],
    profile_sizes: ['w45', 'w185'],
    logo_sizes: ['original'],
  },
});

describe('TMDB payload mapping', () => {
  it('builds image URLs from the configured base and sizes, falling back sensibly', () => {
    expect(images.url('/p.jpg', 'poster')).toBe('https://cdn.example/t/p/w500/p.jpg');
    expect(images.url('b.jpg', 'backdrop')).toBe('https://cdn.example/t/p/w780/b.jpg');
    expect(images.url('/l.png', 'logo')).toBe('https://cdn.example/t/p/original/l.png');
    expect(images.url(null, 'poster')).toBeNull();
    expect(images.url('', 'poster')).toBeNull();
    expect(new ImageUrls({}).url('/p.jpg', 'poster')).toBe('https://image.tmdb.org/t/p/w500/p.jpg');
    expect(new ImageUrls(FALLBACK_IMAGE_CONFIGURATION).url('/x.jpg', 'profile')).toBe('https://image.tmdb.org/t/p/w185/x.jpg');
  });

  it('caps totalPages and totalItems at what TMDB serves, and says 0 pages for no results', () => {
    const page = mapPage(
      { page: 1, results: [{ id: 1, title: 'A', release_date: '' }], total_pages: 46_000, total_results: 920_000 },
      images,
    );
    expect(page).toMatchObject({ page: 1, pageSize: 20, totalPages: 500, totalItems: 10_000 });
    expect(page.items[0]).toMatchObject({
      tmdbId: 1,
      title: 'A',
      releaseDate: null,
      posterUrl: null,
      overview: '',
      genreIds: [],
      voteAverage: 0,
    });
    expect(mapPage({ page: 1, results: [], total_pages: 1, total_results: 0 }, images)).toMatchObject({
      items: [],
      totalPages: 0,
      totalItems: 0,
    });
  });

  it('maps details: unknown values as null, the top of the cast, key crew, videos with links, providers by country', () => {
    const cast = Array.from({ length: 30 }, (_, index) => ({
      id: index,
      name: `Actor ${index}`,
      character: `C${index}`,
      order: 29 - index,
      profile_path: null,
    }));
    const details = mapDetails(
      {
        id: 7,
        original_title: 'Original',
        release_date: 'not a date',
        runtime: 0,
        tagline: '',
        imdb_id: null,
        homepage: '',
        poster_path: '/p.jpg',
        videos: {
          results: [
            { name: 'T', key: 'abc', site: 'YouTube', type: 'Trailer' },
            { name: 'V', key: '42', site: 'Vimeo', type: 'Clip', official: true, iso_639_1: 'en', published_at: '2020-01-01T00:00:00Z' },
            { name: 'X', key: 'zz', site: 'Other', type: 'Clip' },
          ],
        },
        credits: {
          cast,
          crew: [
            { id: 1, name: 'D', job: 'Director', department: 'Directing' },
            { id: 2, name: 'G', job: 'Gaffer', department: 'Lighting' },
            { id: 3, name: 'U' },
          ],
        },
        'watch/providers': {
          results: {
            US: { link: 'https://tmdb/watch', flatrate: [{ provider_id: 8, provider_name: 'Netflix', logo_path: '/n.png' }] },
            XX: {},
          },
        },
      },
      images,
    );
    expect(details).toMatchObject({
      tmdbId: 7,
      title: 'Original',
      originalTitle: 'Original',
      releaseDate: null,
      runtime: null,
      tagline: null,
      imdbId: null,
      homepage: null,
      status: null,
      genres: [],
      posterPath: '/p.jpg',
      posterUrl: 'https://cdn.example/t/p/w500/p.jpg',
    });
    expect(details.videos.map((video) => video.url)).toEqual(['https://www.youtube.com/watch?v=abc', 'https://vimeo.com/42', null]);
    expect(details.videos[0]).toMatchObject({ official: false, language: null, publishedAt: null });
    expect(details.credits.cast).toHaveLength(MAX_CAST);
    expect(details.credits.cast[0]).toMatchObject({ name: 'Actor 29', order: 0 });
    expect(details.credits.crew).toEqual([{ personId: 1, name: 'D', job: 'Director', department: 'Directing', profileUrl: null }]);
    expect(details.watchProviders).toEqual({
      US: {
        link: 'https://tmdb/watch',
        flatrate: [{ providerId: 8, name: 'Netflix', logoUrl: 'https://cdn.example/t/p/original/n.png', displayPriority: 0 }],
        rent: [],
        buy: [],
      },
      XX: { link: '', flatrate: [], rent: [], buy: [] },
    });
    expect(mapDetails({ id: 8 }, images)).toMatchObject({ title: '', videos: [], credits: { cast: [], crew: [] }, watchProviders: {} });
  });
});
