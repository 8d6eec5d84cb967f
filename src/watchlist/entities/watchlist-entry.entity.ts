import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A movie in a user's watchlist; its details are TMDB's, kept once for all users. */
@Entity({ name: 'watchlist' })
export class WatchlistEntryEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ name: 'tmdb_id', type: 'integer' })
  tmdbId: number;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
