import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

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

  @ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128, format: 'password' })
  @IsString()
  @MinLength(8)
  // bcrypt reads at most 72 bytes; a longer limit would silently ignore the rest.
  @MaxLength(72)
  password: string;
}
