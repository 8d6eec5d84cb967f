import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The public name under which a user shares their favorites; one per user, unique regardless of case. */
@Entity({ name: 'shared_lists' })
export class SharedListEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
