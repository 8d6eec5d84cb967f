import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'catalog_movies' })
export class CatalogMovieEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** NULL for a movie brought in from TMDB without a known release date. */
  @Column({ type: 'smallint', nullable: true })
  year: number | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'tmdb_id', type: 'integer', nullable: true })
  tmdbId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
