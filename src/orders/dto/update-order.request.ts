import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { ORDER_PRIORITIES, ORDER_STATUSES, OrderPriority, OrderStatus } from '../order.types';

/** Only when present: unlike @IsOptional, null is refused (a status cannot be cleared). */
const ValidateIfPresent = () => ValidateIf((_object, value) => value !== undefined);

/** At least one of the two. */
export class UpdateOrderRequest {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, example: 'Sent' })
  @ValidateIfPresent()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_PRIORITIES, example: 'High' })
  @ValidateIfPresent()
  @IsIn(ORDER_PRIORITIES)
  priority?: OrderPriority;
}
