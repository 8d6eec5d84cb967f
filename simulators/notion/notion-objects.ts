import { compactId } from './notion-ids';
import { acceptsArchivedAlias, hasDataSources, NotionVersion } from './notion-versions';
import { StoredPage } from './page-store';
import { plainText } from './property-values';
import { DATA_SOURCE_NAME, findProperty, REVIEW_PROPERTY, schemaConfiguration } from './review-schema';

/** The fixed surroundings of the simulated data source: its database, the page holding it, the integration. */
export interface Workspace {
  readonly databaseId: string;
  readonly dataSourceId: string;
  readonly parentPageId: string;
  readonly integrationUserId: string;
  readonly createdTime: string;
}

export function renderPage(
  page: StoredPage,
  workspace: Workspace,
  version: NotionVersion,
  onlyProperties?: readonly string[],
): Record<string, unknown> {
  const author = { object: 'user', id: workspace.integrationUserId };
  const parent = hasDataSources(version)
    ? { type: 'data_source_id', data_source_id: workspace.dataSourceId, database_id: workspace.databaseId }
    : { type: 'database_id', database_id: workspace.databaseId };
  return {
    object: 'page',
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: author,
    last_edited_by: author,
    cover: null,
    icon: null,
    parent,
    ...trashFields(page.inTrash, version),
    is_locked: false,
    properties: structuredClone(selectProperties(page, onlyProperties)),
    url: pageUrl(page),
    public_url: null,
  };
}

export function renderDatabase(workspace: Workspace, version: NotionVersion): Record<string, unknown> {
  const shape = hasDataSources(version)
    ? { data_sources: [{ id: workspace.dataSourceId, name: DATA_SOURCE_NAME }] }
    : { properties: schemaConfiguration() };
  return {
    object: 'database',
    id: workspace.databaseId,
    title: [titleText(DATA_SOURCE_NAME)],
    description: [],
    parent: { type: 'page_id', page_id: workspace.parentPageId },
    is_inline: false,
    ...trashFields(false, version),
    is_locked: false,
    created_time: workspace.createdTime,
    last_edited_time: workspace.createdTime,
    ...shape,
    icon: null,
    cover: null,
    url: `https://www.notion.so/${compactId(workspace.databaseId)}`,
    public_url: null,
  };
}

export function renderDataSource(workspace: Workspace, version: NotionVersion): Record<string, unknown> {
  const author = { object: 'user', id: workspace.integrationUserId };
  return {
    object: 'data_source',
    id: workspace.dataSourceId,
    created_time: workspace.createdTime,
    last_edited_time: workspace.createdTime,
    created_by: author,
    last_edited_by: author,
    title: [titleText(DATA_SOURCE_NAME)],
    description: [],
    parent: { type: 'database_id', database_id: workspace.databaseId },
    database_parent: { type: 'page_id', page_id: workspace.parentPageId },
    is_inline: false,
    ...trashFields(false, version),
    properties: schemaConfiguration(),
    icon: null,
    cover: null,
    url: `https://www.notion.so/${compactId(workspace.dataSourceId)}`,
    public_url: null,
  };
}

function trashFields(inTrash: boolean, version: NotionVersion): Record<string, boolean> {
  return acceptsArchivedAlias(version) ? { archived: inTrash, in_trash: inTrash } : { in_trash: inTrash };
}

function selectProperties(page: StoredPage, onlyProperties?: readonly string[]) {
  if (!onlyProperties) return page.properties;
  const wanted = new Set(onlyProperties.map((nameOrId) => findProperty(nameOrId)?.name));
  return Object.fromEntries(Object.entries(page.properties).filter(([name]) => wanted.has(name)));
}

function pageUrl(page: StoredPage): string {
  const title = page.properties[REVIEW_PROPERTY.movie];
  const text = title?.type === 'title' ? plainText(title.title) : '';
  const slug = text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return `https://www.notion.so/${slug ? `${slug}-` : ''}${compactId(page.id)}`;
}

function titleText(content: string) {
  return {
    type: 'text',
    text: { content, link: null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: content,
    href: null,
  };
}
