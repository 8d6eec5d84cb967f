import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export const LIST_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;

export class ShareListDto {
  @ApiProperty({
    example: 'ada-favorites',
    minLength: 3,
    maxLength: 64,
    pattern: LIST_NAME_PATTERN.source,
    description: 'Letters, digits, "-" and "_", starting and ending with a letter or digit; unique regardless of case',
  })
  @IsString()
  @Length(3, 64)
  @Matches(LIST_NAME_PATTERN, {
    message: 'listName may hold only letters, digits, "-" and "_", and must start and end with a letter or digit',
  })
  listName: string;
}
