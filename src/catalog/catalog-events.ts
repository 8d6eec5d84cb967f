import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/**
 * What happened to catalog movies, for features built on the catalog (the Notion mirror of reviews shows
 * each movie's title) without the catalog depending on them.
 */
@Injectable()
export class CatalogEvents {
  private readonly renamed = new Subject<number>();

  /** Ids of movies whose title changed, after the change is committed. */
  get movieRenamed$(): Observable<number> {
    return this.renamed.asObservable();
  }

  movieRenamed(movieId: number): void {
    this.renamed.next(movieId);
  }
}
