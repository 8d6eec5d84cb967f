import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** TMDb's request tokens are JWTs: base64url parts and dots. */
export const REQUEST_TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]+$/;

export class CompleteLinkDto {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiJ9.eyJzY29wZXMiOlsicGVuZGluZ19yZXF1ZXN0X3Rva2VuIl19.c2lnbmF0dXJl',
    minLength: 1,
    maxLength: 2048,
    pattern: REQUEST_TOKEN_PATTERN.source,
    description: 'The requestToken of POST /me/tmdb-account/link, after the caller approved it on TMDb',
  })
  @IsString()
  @Length(1, 2048)
  @Matches(REQUEST_TOKEN_PATTERN, { message: 'requestToken must be a TMDb request token' })
  requestToken: string;
}
