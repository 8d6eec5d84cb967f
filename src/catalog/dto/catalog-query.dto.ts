import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { DecimalInt } from '../../common/http/decimal';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { MAX_YEAR, MIN_YEAR, NoNulCharacter } from './catalog-movie.dto';

export class CatalogQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'brasil', maxLength: 300, description: 'Part of the title, any case' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NoNulCharacter()
  title?: string;

  @ApiPropertyOptional({ example: 1998, minimum: MIN_YEAR, maximum: MAX_YEAR })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year?: number;
}
