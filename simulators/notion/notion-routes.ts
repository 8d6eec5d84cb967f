import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseQuery, runQuery } from './data-source-query';
import { bodyValidationError, NotionError, notSimulated, validationError } from './notion-errors';
import { canonicalId } from './notion-ids';
import { renderDatabase, renderDataSource, renderPage, Workspace } from './notion-objects';
import { acceptsArchivedAlias, hasDataSources, NotionVersion } from './notion-versions';
import { PageStore, StoredPage } from './page-store';
import { isPlainObject, PageProperties, parseProperties } from './property-values';

export interface NotionRoutesContext {
  readonly workspace: Workspace;
  readonly store: PageStore;
  readonly versionOf: (request: FastifyRequest) => NotionVersion;
}

const SHARE_HINT = 'Make sure the relevant pages and databases are shared with your integration.';

export const ARCHIVED_EDIT_MESSAGE = "Can't edit block that is archived. You must unarchive the block before editing.";

/** Page body parameters Notion knows but this simulator does not model; `null` icon/cover are harmless. */
const UNSIMULATED_PAGE_FIELDS = [
  'icon',
  'cover',
  'children',
  'content',
  'markdown',
  'template',
  'position',
  'allow_async',
  'is_locked',
  'erase_content',
  'is_archived',
];

type Params = Record<string, string>;
type Query = Record<string, string | string[] | undefined>;

export function registerNotionRoutes(app: FastifyInstance, context: NotionRoutesContext): void {
  const { workspace, store, versionOf } = context;
  const respond = (body: Record<string, unknown>) => ({ ...body, request_id: randomUUID() });

  app.get<{ Params: Params }>('/v1/databases/:database_id', async (request) => {
    requireDatabase(pathId(request.params, 'database_id'), workspace);
    return respond(renderDatabase(workspace, versionOf(request)));
  });

  app.get<{ Params: Params }>('/v1/data_sources/:data_source_id', async (request) => {
    requireDataSourceRoutes(versionOf(request));
    requireDataSource(pathId(request.params, 'data_source_id'), workspace);
    return respond(renderDataSource(workspace, versionOf(request)));
  });

  const query = (request: FastifyRequest<{ Querystring: Query }>, listType: string) => {
    const version = versionOf(request);
    const result = runQuery(store.all(), parseQuery(request.body, version));
    const onlyProperties = listParam(request.query.filter_properties);
    return respond({
      object: 'list',
      results: result.results.map((page) => renderPage(page, workspace, version, onlyProperties)),
      next_cursor: result.nextCursor,
      has_more: result.hasMore,
      type: listType,
      [listType]: {},
    });
  };

  app.post<{ Params: Params; Querystring: Query }>('/v1/data_sources/:data_source_id/query', async (request) => {
    requireDataSourceRoutes(versionOf(request));
    requireDataSource(pathId(request.params, 'data_source_id'), workspace);
    return query(request, 'page_or_data_source');
  });

  // Before 2025-09-03 a database was queried directly; the data-sources era removed this route.
  app.post<{ Params: Params; Querystring: Query }>('/v1/databases/:database_id/query', async (request) => {
    if (hasDataSources(versionOf(request))) throw invalidRequestUrl();
    requireDatabase(pathId(request.params, 'database_id'), workspace);
    return query(request, 'page');
  });

  app.post<{ Querystring: Query }>('/v1/pages', async (request) => {
    const version = versionOf(request);
    const body = requestBody(request.body);
    rejectUnknownFields(body, ['parent', 'properties'], version);
    requireParent(body.parent, workspace, version);
    if (body.properties === undefined) throw bodyValidationError('body.properties', 'defined', undefined);
    const page = store.create(parseProperties(body.properties));
    return respond(renderPage(page, workspace, version, listParam(request.query.filter_properties)));
  });

  app.get<{ Params: Params; Querystring: Query }>('/v1/pages/:page_id', async (request) => {
    const page = requirePage(pathId(request.params, 'page_id'), store);
    return respond(renderPage(page, workspace, versionOf(request), listParam(request.query.filter_properties)));
  });

  app.patch<{ Params: Params; Querystring: Query }>('/v1/pages/:page_id', async (request) => {
    const version = versionOf(request);
    const page = requirePage(pathId(request.params, 'page_id'), store);
    const body = requestBody(request.body);
    rejectUnknownFields(body, ['properties', 'in_trash'], version);
    const inTrash = trashRequest(body);
    const properties = body.properties === undefined ? undefined : parseProperties(body.properties);
    updatePage(store, page, properties, inTrash);
    return respond(renderPage(page, workspace, version, listParam(request.query.filter_properties)));
  });
}

/**
 * A trashed page refuses any edit, trashing it again included, until a request restores it with
 * `in_trash: false` (which may carry property edits along).
 */
function updatePage(store: PageStore, page: StoredPage, properties: PageProperties | undefined, inTrash: boolean | undefined) {
  if (page.inTrash) {
    if (inTrash !== false && (properties !== undefined || inTrash === true)) throw validationError(ARCHIVED_EDIT_MESSAGE);
    if (inTrash === false) store.setInTrash(page, false);
  }
  if (properties !== undefined) store.setProperties(page, properties);
  if (inTrash === true) store.setInTrash(page, true);
}

function trashRequest(body: Record<string, unknown>): boolean | undefined {
  const field = body.in_trash !== undefined ? 'in_trash' : 'archived';
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') throw bodyValidationError(`body.${field}`, 'a boolean or `undefined`', value);
  return value;
}

function rejectUnknownFields(body: Record<string, unknown>, allowed: readonly string[], version: NotionVersion): void {
  for (const [key, value] of Object.entries(body)) {
    if (allowed.includes(key) || (key === 'archived' && allowed.includes('in_trash') && acceptsArchivedAlias(version))) continue;
    if ((key === 'icon' || key === 'cover') && value === null) continue;
    if (UNSIMULATED_PAGE_FIELDS.includes(key)) throw notSimulated(`the page field \`${key}\``);
    throw bodyValidationError(`body.${key}`, 'not present', value);
  }
}

function requireParent(parent: unknown, workspace: Workspace, version: NotionVersion): void {
  if (!isPlainObject(parent)) throw bodyValidationError('body.parent', 'an object', parent);
  if (parent.data_source_id !== undefined && hasDataSources(version)) {
    requireDataSource(idValue(parent.data_source_id, 'body.parent.data_source_id'), workspace);
    return;
  }
  if (parent.database_id !== undefined) {
    // Notion accepts a database parent when the database has a single data source, as this one does.
    requireDatabase(idValue(parent.database_id, 'body.parent.database_id'), workspace);
    return;
  }
  if (parent.page_id !== undefined || parent.workspace !== undefined) throw notSimulated('a page outside the reviews database');
  throw bodyValidationError('body.parent.database_id', 'defined', undefined);
}

function requireDatabase(id: string, workspace: Workspace): void {
  if (id !== workspace.databaseId) throw new NotionError(404, 'object_not_found', `Could not find database with ID: ${id}. ${SHARE_HINT}`);
}

function requireDataSource(id: string, workspace: Workspace): void {
  if (id !== workspace.dataSourceId)
    throw new NotionError(404, 'object_not_found', `Could not find data_source with ID: ${id}. ${SHARE_HINT}`);
}

function requirePage(id: string, store: PageStore): StoredPage {
  const page = store.get(id);
  if (!page) throw new NotionError(404, 'object_not_found', `Could not find page with ID: ${id}. ${SHARE_HINT}`);
  return page;
}

function requireDataSourceRoutes(version: NotionVersion): void {
  if (!hasDataSources(version)) throw invalidRequestUrl();
}

function invalidRequestUrl(): NotionError {
  return new NotionError(400, 'invalid_request_url', 'Invalid request URL.');
}

function pathId(params: Params, name: string): string {
  const id = canonicalId(params[name] ?? '');
  if (!id) {
    throw validationError(`path failed validation: path.${name} should be a valid uuid, instead was \`${JSON.stringify(params[name])}\`.`);
  }
  return id;
}

function idValue(value: unknown, path: string): string {
  const id = typeof value === 'string' ? canonicalId(value) : undefined;
  if (!id) throw bodyValidationError(path, 'a valid uuid', value);
  return id;
}

function requestBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw bodyValidationError('body', 'an object', body);
  return body;
}

function listParam(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}
