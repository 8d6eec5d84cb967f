import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/**
 * JSON `{username, password}`, or the OAuth2 password grant form that Swagger
 * UI's Authorize dialog sends (`grant_type=password&username=..&password=..`).
 */
export class LoginDto {
  @ApiProperty({ example: 'ada', description: 'Username or email', minLength: 1, maxLength: 254 })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  username: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', minLength: 1, maxLength: 1024 })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ example: 'password', description: 'OAuth2 form only' })
  @IsOptional()
  @Equals('password', { message: 'grant_type must be "password"' })
  grant_type?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored', maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  scope?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored', maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  client_id?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored', maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  client_secret?: string;
}
