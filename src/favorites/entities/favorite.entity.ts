import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's favorite TMDB movie, with what TMDB said about it when it was added. */
@Entity({ name: 'favorites' })
export class FavoriteEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ name: 'tmdb_id', type: 'integer' })
  tmdbId: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate: string | null;

  @Column({ name: 'poster_path', type: 'varchar', length: 300, nullable: true })
  posterPath: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
