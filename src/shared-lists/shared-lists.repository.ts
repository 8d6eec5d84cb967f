import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isPgError, PG_ERROR } from '../infra/database/pg-errors';
import { SharedListEntity } from './entities/shared-list.entity';

export type PublishResult = { outcome: 'created' | 'renamed'; list: SharedListEntity } | { outcome: 'taken' };

@Injectable()
export class SharedListsRepository {
  constructor(@InjectRepository(SharedListEntity) private readonly lists: Repository<SharedListEntity>) {}

  findByName(name: string): Promise<SharedListEntity | null> {
    return this.lists.createQueryBuilder('list').where('lower(list.name) = lower(:name)', { name }).getOne();
  }

  /**
   * Gives the user's list this name, creating it or renaming it in one
   * statement; the unique index on lower(name) settles races between users.
   */
  async publish(userId: number, name: string): Promise<PublishResult> {
    try {
      const rows: Array<{ created: boolean }> = await this.lists.query(
        `INSERT INTO shared_lists (user_id, name) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = now()
         RETURNING (xmax = 0) AS created`,
        [userId, name],
      );
      const list = (await this.lists.findOneBy({ userId }))!;
      return { outcome: rows[0].created ? 'created' : 'renamed', list };
    } catch (error) {
      if (isPgError(error, PG_ERROR.uniqueViolation)) return { outcome: 'taken' };
      throw error;
    }
  }
}
