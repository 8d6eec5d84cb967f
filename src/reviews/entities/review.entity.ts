import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A user's review of a catalog movie, mirrored as one page of the Notion reviews database. The id is taken
 * from the identity sequence before Notion is called, so the page carries it as `Review ID`.
 */
@Entity({ name: 'reviews' })
export class ReviewEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'movie_id', type: 'integer' })
  movieId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'text' })
  comment: string;

  /** Set in the transaction that creates the row, after Notion made the page; never NULL once committed. */
  @Column({ name: 'notion_page_id', type: 'uuid', nullable: true })
  notionPageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
