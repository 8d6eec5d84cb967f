import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LinkStartResponse {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJzY29wZXMiOlsicGVuZGluZ19yZXF1ZXN0X3Rva2VuIl19.c2lnbmF0dXJl',
    description: 'Send it back in PUT /me/tmdb-account once approved',
  })
  requestToken: string;

  @ApiProperty({
    example:
      'https://www.themoviedb.org/auth/access?request_token=eyJhbGciOiJIUzI1NiJ9.eyJzY29wZXMiOlsicGVuZGluZ19yZXF1ZXN0X3Rva2VuIl19.c2lnbmF0dXJl',
    description: 'Where the user approves the link on TMDb (TMDB_AUTH_URL); afterwards TMDb sends them to TMDB_LINK_REDIRECT_URL when set',
  })
  approveUrl: string;

  @ApiProperty({ example: '2026-12-02T12:15:00.000Z', format: 'date-time', description: 'TMDb request tokens live 15 minutes' })
  expiresAt: string;
}

export class LinkStatusResponse {
  @ApiProperty({ example: true })
  linked: boolean;

  @ApiPropertyOptional({ example: 548, description: "TMDb's numeric account id (only when linked)" })
  accountId?: number;

  @ApiPropertyOptional({ example: 'travisbell', description: 'Only when linked' })
  username?: string;

  @ApiPropertyOptional({ example: '2026-12-02T12:00:00.000Z', format: 'date-time', description: 'Only when linked' })
  linkedAt?: string;

  @ApiPropertyOptional({
    example: '2026-12-02T12:00:01.000Z',
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      'When the local favorites and watchlist were last made equal to the account; null while the first merge has not finished (only when linked)',
  })
  refreshedAt?: string | null;
}

export class MergeCountsResponse {
  @ApiProperty({ example: 3, minimum: 0, description: 'Entries only the TMDb account had, added here' })
  imported: number;

  @ApiProperty({ example: 1, minimum: 0, description: 'Entries only Cinemateca had, written to the TMDb account' })
  exported: number;
}

export class LinkResultResponse {
  @ApiProperty({ example: true, enum: [true] })
  linked: true;

  @ApiProperty({ example: 548 })
  accountId: number;

  @ApiProperty({ example: 'travisbell' })
  username: string;

  @ApiProperty({ example: '2026-12-02T12:00:00.000Z', format: 'date-time' })
  linkedAt: string;

  @ApiProperty({
    example: '2026-12-02T12:00:01.000Z',
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Null if the merge is still being finished elsewhere',
  })
  refreshedAt: string | null;

  @ApiProperty({ type: MergeCountsResponse })
  favorites: MergeCountsResponse;

  @ApiProperty({ type: MergeCountsResponse })
  watchlist: MergeCountsResponse;
}
