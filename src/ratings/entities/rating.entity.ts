import { Column, Entity, PrimaryColumn } from 'typeorm';

/** numeric comes back from PostgreSQL as text; stars are halves, exact in a double. */
const numericStars = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'ratings' })
export class RatingEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ name: 'tmdb_id', type: 'integer' })
  tmdbId: number;

  @Column({ type: 'numeric', precision: 2, scale: 1, transformer: numericStars })
  stars: number;

  /** What TMDB called the movie when it was first rated, so the list needs no TMDB call. */
  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
