import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import type { FavoriteSort, SortOrder } from '../favorites.repository';

export class FavoritesQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['releaseDate', 'rating'],
    default: 'releaseDate',
    example: 'releaseDate',
    description: 'releaseDate: by release date, then by the rating. rating: by the rating, then by release date (newest first).',
  })
  @IsOptional()
  @IsIn(['releaseDate', 'rating'])
  sort: FavoriteSort = 'releaseDate';

  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    default: 'desc',
    example: 'desc',
    description: 'Direction of the sort key; unknown dates and unrated movies come last either way',
  })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: SortOrder = 'desc';
}
