import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ORDER_PRIORITIES, ORDER_STATUSES, OrderPriority, OrderStatus } from '../order.types';

/** At least one of the two. */
export class UpdateOrderRequest {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, example: 'Sent' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_PRIORITIES, example: 'High' })
  @IsOptional()
  @IsIn(ORDER_PRIORITIES)
  priority?: OrderPriority;
}
