import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { DEFAULT_ORDER_SORT, ORDER_SORTS, OrderSort } from '../order.types';
import { OrderFilterQuery } from './order-filters.query';

export class OrderListQuery extends IntersectionType(PageQuery, OrderFilterQuery) {
  @ApiPropertyOptional({
    enum: ORDER_SORTS,
    default: DEFAULT_ORDER_SORT,
    example: '-orderDate',
    description:
      'Field to sort by, `-` for descending; ties are broken by record id. Empty values count as the smallest ' +
      '(first ascending, last descending).',
  })
  @IsOptional()
  @IsIn(ORDER_SORTS)
  sort: OrderSort = DEFAULT_ORDER_SORT;
}
