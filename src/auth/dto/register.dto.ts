import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MaxUtf8Bytes, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARACTERS } from './password';

export class RegisterDto {
  @ApiProperty({ example: 'ada', minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' })
  @IsString()
  @MinLength(3)
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'username may contain only letters, digits, "_", "." and "-"' })
  username: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ApiProperty({
    example: 'correct horse battery staple',
    minLength: PASSWORD_MIN_CHARACTERS,
    // JSON Schema counts characters; 72 ASCII characters are 72 bytes, the most bcrypt reads.
    maxLength: PASSWORD_MAX_BYTES,
    format: 'password',
    description: `At least ${PASSWORD_MIN_CHARACTERS} characters and at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (fewer characters when some are not ASCII)`,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_CHARACTERS)
  @MaxUtf8Bytes(PASSWORD_MAX_BYTES)
  password: string;
}
