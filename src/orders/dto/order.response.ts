import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';
import { Order, ORDER_PRIORITIES, ORDER_STATUSES, OrderPriority, OrderStatus } from '../order.types';

/** One order. Fields are null when Airtable's cell is empty or holds a value that does not fit the contract. */
export class OrderResponse {
  @ApiProperty({ description: 'Airtable record id', example: 'recA1b2C3d4E5f6G7' })
  recordId: string;

  @ApiProperty({ type: String, nullable: true, example: 'ORD-000123' })
  orderId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ana García' })
  customer: string | null;

  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, example: 'Delivered' })
  status: OrderStatus | null;

  @ApiProperty({ enum: ORDER_PRIORITIES, nullable: true, example: 'Medium' })
  priority: OrderPriority | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Exact to the cent', example: 149.9 })
  total: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2025-03-14' })
  orderDate: string | null;

  @ApiProperty({ description: "Airtable's Last Modified time", example: '2025-03-15T09:30:00.000Z' })
  airtableModifiedAt: string;

  @ApiProperty({ example: '2025-03-15T09:31:02.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2025-03-15T09:31:02.000Z' })
  updatedAt: string;

  static from(order: Order): OrderResponse {
    return {
      recordId: order.recordId,
      orderId: order.orderId,
      customer: order.customer,
      status: order.status,
      priority: order.priority,
      total: order.total === null ? null : Number(order.total),
      orderDate: order.orderDate,
      airtableModifiedAt: order.airtableModifiedAt.toISOString(),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.updatedAt.toISOString(),
    };
  }
}

export class OrderPage extends PageResponse(OrderResponse) {}
