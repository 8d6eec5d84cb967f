import { ApiProperty } from '@nestjs/swagger';

export class TokenResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIn0.signature' })
  accessToken: string;

  @ApiProperty({ example: 'bearer' })
  tokenType: 'bearer';

  @ApiProperty({ example: 3600, description: 'Seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIn0.signature', description: 'RFC 6749 name of accessToken' })
  access_token: string;

  @ApiProperty({ example: 'bearer', description: 'RFC 6749 name of tokenType' })
  token_type: 'bearer';
}
