import { ApiProperty } from '@nestjs/swagger';

export class GenreResponse {
  @ApiProperty({ example: 18 })
  id: number;

  @ApiProperty({ example: 'Drama' })
  name: string;
}

export class VideoResponse {
  @ApiProperty({ example: 'Official Trailer' })
  name: string;

  @ApiProperty({ example: 'O-b2VfmmbyA', description: "The video's key on its site" })
  key: string;

  @ApiProperty({ example: 'YouTube' })
  site: string;

  @ApiProperty({ example: 'Trailer', description: 'Trailer, Teaser, Clip, Featurette, Behind the Scenes, ...' })
  type: string;

  @ApiProperty({ example: true })
  official: boolean;

  @ApiProperty({ example: 'en', nullable: true, type: String })
  language: string | null;

  @ApiProperty({ example: '2014-10-02T17:00:00.000Z', nullable: true, type: String })
  publishedAt: string | null;

  @ApiProperty({ example: 'https://www.youtube.com/watch?v=O-b2VfmmbyA', nullable: true, type: String })
  url: string | null;
}

export class CastMemberResponse {
  @ApiProperty({ example: 819 })
  personId: number;

  @ApiProperty({ example: 'Edward Norton' })
  name: string;

  @ApiProperty({ example: 'Narrator' })
  character: string;

  @ApiProperty({ example: 0, description: 'Billing order' })
  order: number;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w185/8nytsqL59SFJTVYVrN72k6qkGgJ.jpg', nullable: true, type: String })
  profileUrl: string | null;
}

export class CrewMemberResponse {
  @ApiProperty({ example: 7467 })
  personId: number;

  @ApiProperty({ example: 'David Fincher' })
  name: string;

  @ApiProperty({ example: 'Directing' })
  department: string;

  @ApiProperty({ example: 'Director' })
  job: string;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w185/tpEczFclQZeKAiCeKZZ0adRvtfz.jpg', nullable: true, type: String })
  profileUrl: string | null;
}

export class CreditsResponse {
  @ApiProperty({ type: [CastMemberResponse], description: 'The top of the billing (at most 20)' })
  cast: CastMemberResponse[];

  @ApiProperty({ type: [CrewMemberResponse], description: 'Key jobs: director, writers, producers, composer, photography, editing' })
  crew: CrewMemberResponse[];
}

export class WatchProviderResponse {
  @ApiProperty({ example: 8 })
  providerId: number;

  @ApiProperty({ example: 'Netflix' })
  name: string;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w92/pbpMk2JmcoNnQwx5JGpXngfoWtp.jpg', nullable: true, type: String })
  logoUrl: string | null;

  @ApiProperty({ example: 0 })
  displayPriority: number;
}

export class CountryWatchProvidersResponse {
  @ApiProperty({ example: 'https://www.themoviedb.org/movie/550-fight-club/watch?locale=US' })
  link: string;

  @ApiProperty({ type: [WatchProviderResponse], description: 'Streaming with a subscription' })
  flatrate: WatchProviderResponse[];

  @ApiProperty({ type: [WatchProviderResponse] })
  rent: WatchProviderResponse[];

  @ApiProperty({ type: [WatchProviderResponse] })
  buy: WatchProviderResponse[];
}
