import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DecimalInt } from './decimal';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `?page=1&pageSize=20`; query text read as strict decimal, then bounded. Extend it for list filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = DEFAULT_PAGE_SIZE;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

export function makePage<T>(items: T[], page: number, pageSize: number, totalItems: number): Page<T> {
  return { items, page, pageSize, totalItems, totalPages: Math.ceil(totalItems / pageSize) };
}

export function pageOffset(query: { page: number; pageSize: number }): number {
  return (query.page - 1) * query.pageSize;
}

/**
 * The Swagger schema of `Page<itemType>`, for a response class:
 * `class MoviePage extends PageResponse(MovieResponse) {}` keeps lists documented alike.
 */
export function PageResponse<T>(itemType: new (...args: never[]) => T) {
  class PageOf {
    @ApiProperty({ type: [itemType] })
    items: T[];

    @ApiProperty({ example: 1 })
    page: number;

    @ApiProperty({ example: 20 })
    pageSize: number;

    @ApiProperty({ example: 57 })
    totalItems: number;

    @ApiProperty({ example: 3 })
    totalPages: number;
  }
  Object.defineProperty(PageOf, 'name', { value: `${itemType.name.replace(/Response$/, '')}Page` });
  return PageOf;
}
