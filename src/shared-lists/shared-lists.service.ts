import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import type { SerializedPage } from '../common/http/page-links';
import type { FavoritesQuery } from '../favorites/dto/favorites-query.dto';
import { FavoritesService } from '../favorites/favorites.service';
import type { SharedListResponse } from './dto/shared-list.response';
import { SharedListsRepository } from './shared-lists.repository';

@Injectable()
export class SharedListsService {
  constructor(
    private readonly lists: SharedListsRepository,
    private readonly favorites: FavoritesService,
  ) {}

  /** Publishes the user's favorites under this name; sharing again renames. */
  async share(userId: number, listName: string): Promise<{ list: SharedListResponse; created: boolean }> {
    const result = await this.lists.publish(userId, listName);
    if (result.outcome === 'taken') {
      throw new ConflictError('ListNameTaken', `The list name "${listName}" is already used by someone else.`);
    }
    const { name, updatedAt } = result.list;
    return {
      list: { listName: name, path: `/api/v1/shared-lists/${encodeURIComponent(name)}`, sharedAt: updatedAt.toISOString() },
      created: result.outcome === 'created',
    };
  }

  /** The owner's favorites as they are now; nothing about the owner but the list itself. */
  async show(listName: string, query: FavoritesQuery): Promise<SerializedPage> {
    const list = await this.lists.findByName(listName);
    if (!list) throw new NotFoundError('SharedListNotFound', `There is no shared list named "${listName}".`);
    return this.favorites.listShared(list.userId, query);
  }
}
