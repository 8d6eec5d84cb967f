import { bodyValidationError, validationError } from './notion-errors';
import { canonicalId } from './notion-ids';
import { acceptsArchivedAlias, NotionVersion } from './notion-versions';
import { StoredPage } from './page-store';
import { isPlainObject } from './property-values';
import { compileFilter, numberOf, PagePredicate, textOf } from './query-filter';
import { findProperty } from './review-schema';

export const MAX_PAGE_SIZE = 100;

export interface DataSourceQuery {
  readonly matches: PagePredicate;
  readonly compare: (a: StoredPage, b: StoredPage) => number;
  readonly pageSize: number;
  readonly startCursor?: string;
  /** Notion's `in_trash` query parameter: true lists only trashed pages, otherwise trashed pages are left out. */
  readonly inTrash: boolean;
  readonly onlyDataSources: boolean;
}

export interface QueryResult {
  readonly results: StoredPage[];
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
}

type PageComparator = (a: StoredPage, b: StoredPage) => number;

/** Without sorts Notion lists pages newest first. */
const newestFirst: PageComparator = (a, b) => b.createdTime.localeCompare(a.createdTime) || b.sequence - a.sequence;

export function parseQuery(body: unknown, version: NotionVersion): DataSourceQuery {
  const request = body === undefined || body === null ? {} : body;
  if (!isPlainObject(request)) throw bodyValidationError('body', 'an object', request);
  const allowed = ['filter', 'sorts', 'start_cursor', 'page_size', 'in_trash', 'result_type'];
  if (acceptsArchivedAlias(version)) allowed.push('archived');
  const stray = Object.keys(request).find((key) => !allowed.includes(key));
  if (stray) throw bodyValidationError(`body.${stray}`, 'not present', request[stray]);

  return {
    matches: request.filter === undefined ? () => true : compileFilter(request.filter),
    compare: parseSorts(request.sorts),
    pageSize: parsePageSize(request.page_size),
    startCursor: parseStartCursor(request.start_cursor),
    inTrash: parseInTrash(request.in_trash ?? request.archived, request.in_trash === undefined ? 'archived' : 'in_trash'),
    onlyDataSources: parseResultType(request.result_type) === 'data_source',
  };
}

/**
 * Notion's cursors are the id of the first page of the next batch; resuming finds that page in the full
 * sorted list, so a page trashed or edited between two calls does not break the iteration.
 */
export function runQuery(pages: readonly StoredPage[], query: DataSourceQuery): QueryResult {
  if (query.onlyDataSources) return { results: [], nextCursor: null, hasMore: false };
  const ordered = [...pages].sort(query.compare);
  let start = 0;
  if (query.startCursor !== undefined) {
    start = ordered.findIndex((page) => page.id === query.startCursor);
    if (start < 0) throw validationError(`The start_cursor provided is invalid: ${query.startCursor}`);
  }
  const candidates = ordered.slice(start).filter((page) => page.inTrash === query.inTrash && query.matches(page));
  const results = candidates.slice(0, query.pageSize);
  const next = candidates[query.pageSize];
  return { results, nextCursor: next ? next.id : null, hasMore: next !== undefined };
}

function parseSorts(sorts: unknown): PageComparator {
  if (sorts === undefined) return newestFirst;
  if (!Array.isArray(sorts)) throw bodyValidationError('body.sorts', 'an array', sorts);
  const comparators = sorts.map((sort, index) => parseSort(sort, `body.sorts[${index}]`));
  return (a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return newestFirst(a, b);
  };
}

function parseSort(sort: unknown, path: string): PageComparator {
  if (!isPlainObject(sort)) throw bodyValidationError(path, 'an object', sort);
  const { direction } = sort;
  if (direction !== 'ascending' && direction !== 'descending') {
    throw bodyValidationError(`${path}.direction`, '`"ascending"` or `"descending"`', direction);
  }
  const sign = direction === 'ascending' ? 1 : -1;
  if (sort.timestamp !== undefined) {
    if (sort.timestamp !== 'created_time' && sort.timestamp !== 'last_edited_time') {
      throw bodyValidationError(`${path}.timestamp`, '`"created_time"` or `"last_edited_time"`', sort.timestamp);
    }
    const field = sort.timestamp === 'created_time' ? 'createdTime' : 'lastEditedTime';
    return (a, b) => sign * a[field].localeCompare(b[field]);
  }
  const name = String(sort.property ?? '');
  const property = findProperty(name);
  if (!property) throw validationError(`Could not find sort property with name or id: ${name}`);
  // Empty values sort last in either direction.
  if (property.type === 'number') {
    return (a, b) => {
      const [left, right] = [numberOf(a.properties[property.name]), numberOf(b.properties[property.name])];
      if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
      return sign * (left - right);
    };
  }
  return (a, b) => {
    const [left, right] = [textOf(a.properties[property.name]), textOf(b.properties[property.name])];
    if (left === '' || right === '') return left === right ? 0 : left === '' ? 1 : -1;
    return sign * left.localeCompare(right);
  };
}

function parsePageSize(pageSize: unknown): number {
  if (pageSize === undefined) return MAX_PAGE_SIZE;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize)) {
    throw bodyValidationError('body.page_size', 'a number or `undefined`', pageSize);
  }
  if (pageSize > MAX_PAGE_SIZE) throw bodyValidationError('body.page_size', `≤ \`${MAX_PAGE_SIZE}\` or \`undefined\``, pageSize);
  if (pageSize < 1) throw bodyValidationError('body.page_size', '≥ `1` or `undefined`', pageSize);
  return pageSize;
}

function parseStartCursor(cursor: unknown): string | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const id = typeof cursor === 'string' ? canonicalId(cursor) : undefined;
  if (!id) throw bodyValidationError('body.start_cursor', 'a valid uuid or `undefined`', cursor);
  return id;
}

function parseInTrash(inTrash: unknown, field: string): boolean {
  if (inTrash === undefined) return false;
  if (typeof inTrash !== 'boolean') throw bodyValidationError(`body.${field}`, 'a boolean or `undefined`', inTrash);
  return inTrash;
}

function parseResultType(resultType: unknown): string | undefined {
  if (resultType === undefined || resultType === 'page' || resultType === 'data_source') return resultType;
  throw bodyValidationError('body.result_type', '`"page"`, `"data_source"`, or `undefined`', resultType);
}
