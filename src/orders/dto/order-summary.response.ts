import { ApiProperty } from '@nestjs/swagger';
import { ORDER_PRIORITIES, ORDER_STATUSES, OrderPriority, OrderStatus, OrderSummary, SummaryBucket } from '../order.types';

class Bucket {
  @ApiProperty({ example: 42 })
  count: number;

  @ApiProperty({ description: 'Sum of the known totals, exact to the cent', example: 5230.4 })
  total: number;
}

export class StatusBucket extends Bucket {
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, description: 'null: orders whose status is empty or unknown', example: 'Delivered' })
  status: OrderStatus | null;
}

export class PriorityBucket extends Bucket {
  @ApiProperty({ enum: ORDER_PRIORITIES, nullable: true, description: 'null: orders whose priority is empty or unknown', example: 'High' })
  priority: OrderPriority | null;
}

export class DayBucket extends Bucket {
  @ApiProperty({ format: 'date', example: '2025-03-14' })
  date: string;
}

/** Dashboard figures for the orders matching the filters. */
export class OrderSummaryResponse extends Bucket {
  @ApiProperty({ type: [StatusBucket], description: 'Every status of the contract (zero when none), then null if any' })
  byStatus: StatusBucket[];

  @ApiProperty({ type: [PriorityBucket], description: 'Every priority of the contract (zero when none), then null if any' })
  byPriority: PriorityBucket[];

  @ApiProperty({ type: [DayBucket], description: 'Days with orders, oldest first; orders without a valid date are not in any day' })
  byDay: DayBucket[];

  static from(summary: OrderSummary): OrderSummaryResponse {
    const bucket = <B extends SummaryBucket>({ total, ...rest }: B) => ({ ...rest, total: Number(total) });
    return {
      count: summary.count,
      total: Number(summary.total),
      byStatus: summary.byStatus.map(bucket),
      byPriority: summary.byPriority.map(bucket),
      byDay: summary.byDay.map(bucket),
    };
  }
}
