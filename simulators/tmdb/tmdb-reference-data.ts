/** TMDB's movie genres, with their real ids (GET /3/genre/movie/list). */
export const GENRE = {
  action: 28,
  adventure: 12,
  animation: 16,
  comedy: 35,
  crime: 80,
  documentary: 99,
  drama: 18,
  family: 10751,
  fantasy: 14,
  history: 36,
  horror: 27,
  music: 10402,
  mystery: 9648,
  romance: 10749,
  scienceFiction: 878,
  tvMovie: 10770,
  thriller: 53,
  war: 10752,
  western: 37,
} as const;

export const MOVIE_GENRES: ReadonlyArray<{ id: number; name: string }> = [
  { id: 28, name: 'Action' },
  { id: 12, name: 'Adventure' },
  { id: 16, name: 'Animation' },
  { id: 35, name: 'Comedy' },
  { id: 80, name: 'Crime' },
  { id: 99, name: 'Documentary' },
  { id: 18, name: 'Drama' },
  { id: 10751, name: 'Family' },
  { id: 14, name: 'Fantasy' },
  { id: 36, name: 'History' },
  { id: 27, name: 'Horror' },
  { id: 10402, name: 'Music' },
  { id: 9648, name: 'Mystery' },
  { id: 10749, name: 'Romance' },
  { id: 878, name: 'Science Fiction' },
  { id: 10770, name: 'TV Movie' },
  { id: 53, name: 'Thriller' },
  { id: 10752, name: 'War' },
  { id: 37, name: 'Western' },
];

export function genreName(id: number): string {
  const genre = MOVIE_GENRES.find((candidate) => candidate.id === id);
  if (!genre) throw new Error(`Unknown TMDB genre id ${id}`);
  return genre.name;
}

/** ISO 639-1 code -> TMDB's `english_name` and native `name` for spoken_languages. */
export const LANGUAGES: Readonly<Record<string, { english_name: string; name: string }>> = {
  en: { english_name: 'English', name: 'English' },
  fr: { english_name: 'French', name: 'Français' },
  es: { english_name: 'Spanish', name: 'Español' },
  de: { english_name: 'German', name: 'Deutsch' },
  it: { english_name: 'Italian', name: 'Italiano' },
  pt: { english_name: 'Portuguese', name: 'Português' },
  ja: { english_name: 'Japanese', name: '日本語' },
  ko: { english_name: 'Korean', name: '한국어/조선말' },
  hi: { english_name: 'Hindi', name: 'हिन्दी' },
  zh: { english_name: 'Mandarin', name: '普通话' },
  sv: { english_name: 'Swedish', name: 'svenska' },
  da: { english_name: 'Danish', name: 'Dansk' },
  la: { english_name: 'Latin', name: 'Latin' },
};

/** ISO 3166-1 code -> TMDB's country name for production_countries. */
export const COUNTRIES: Readonly<Record<string, string>> = {
  US: 'United States of America',
  GB: 'United Kingdom',
  FR: 'France',
  DE: 'Germany',
  IT: 'Italy',
  ES: 'Spain',
  BR: 'Brazil',
  MX: 'Mexico',
  JP: 'Japan',
  KR: 'South Korea',
  IN: 'India',
  CN: 'China',
  CA: 'Canada',
  AU: 'Australia',
  NZ: 'New Zealand',
  SE: 'Sweden',
  DK: 'Denmark',
};

/** The country most films in a language come from, for synthetic production data. */
export const HOME_COUNTRY_OF_LANGUAGE: Readonly<Record<string, string>> = {
  en: 'US',
  fr: 'FR',
  es: 'ES',
  de: 'DE',
  it: 'IT',
  pt: 'BR',
  ja: 'JP',
  ko: 'KR',
  hi: 'IN',
  zh: 'CN',
  sv: 'SE',
  da: 'DK',
};
