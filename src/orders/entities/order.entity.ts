import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderPriority, OrderStatus } from '../order.types';

/** The `orders` table (schema in migrations/1764000003000-create-orders.ts). */
@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: 32 })
  recordId: string;

  @Column({ name: 'order_id', type: 'varchar', length: 100, nullable: true })
  orderId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  customer: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  status: OrderStatus | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  priority: OrderPriority | null;

  /** numeric(14,2): the driver hands it over as exact decimal text. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  total: string | null;

  /** date: kept as `YYYY-MM-DD` text, no time zone games. */
  @Column({ name: 'order_date', type: 'date', nullable: true })
  orderDate: string | null;

  @Column({ name: 'airtable_modified_at', type: 'timestamptz' })
  airtableModifiedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
