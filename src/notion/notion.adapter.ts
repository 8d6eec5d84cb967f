import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, isFullPage, LogLevel } from '@notionhq/client';
import type { PageObjectResponse } from '@notionhq/client';
import { Settings } from '../config/settings';
import { classifyNotionFailure, isArchivedRefusal, NotionCallError } from './notion-call-error';
import { NotionCaller } from './notion-caller';
import { PROPERTY, reviewProperties, toReviewPage } from './notion-properties';
import { notionNotConfigured, NotionPort } from './notion.port';
import type { ReviewPage, ReviewPageContent } from './review-page';

/** The data-sources era, after the `archived` alias was removed: trash is `in_trash` only. */
export const NOTION_VERSION = '2026-03-11';
const QUERY_PAGE_SIZE = 100;

@Injectable()
export class NotionAdapter extends NotionPort {
  readonly configured: boolean;
  private readonly client?: Client;
  private readonly databaseId?: string;
  private dataSourceId?: Promise<string>;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly caller: NotionCaller,
  ) {
    super();
    const notion = config.get('notion', { infer: true });
    this.configured = Boolean(notion.token && notion.databaseId);
    if (!this.configured) return;
    this.databaseId = notion.databaseId;
    this.client = new Client({
      auth: notion.token,
      baseUrl: notion.baseUrl,
      notionVersion: NOTION_VERSION,
      timeoutMs: config.get('upstream', { infer: true }).timeoutMs,
      // Our caller retries: it knows which writes are safe to repeat and keeps every attempt under the pace.
      retry: false,
      logLevel: LogLevel.ERROR,
    });
  }

  async createReviewPage(content: ReviewPageContent): Promise<ReviewPage> {
    const client = this.requireClient();
    const dataSourceId = await this.resolveDataSource();
    let mayExist = false;
    return this.caller.run({ operation: 'create page', write: true }, async () => {
      // Notion has no idempotency key: after an attempt that may have landed, adopt its page rather than make another.
      if (mayExist) {
        const [existing] = await this.findLivePagesByReviewIdOnce(content.reviewId);
        if (existing) return existing;
      }
      try {
        const page = await this.caller.send(() =>
          client.pages.create({ parent: { type: 'data_source_id', data_source_id: dataSourceId }, properties: reviewProperties(content) }),
        );
        return fullPage(page);
      } catch (error) {
        mayExist ||= classifyNotionFailure(error).mayHaveApplied;
        throw error;
      }
    });
  }

  async writeReviewPage(pageId: string, content: ReviewPageContent): Promise<ReviewPage> {
    const client = this.requireClient();
    return this.caller.run({ operation: 'update page', write: true }, async () => {
      // in_trash: false restores a trashed page in the same request, so an edit also heals a trashed page.
      const page = await this.caller.send(() =>
        client.pages.update({ page_id: pageId, in_trash: false, properties: reviewProperties(content) }),
      );
      return fullPage(page);
    });
  }

  async trashPage(pageId: string): Promise<void> {
    const client = this.requireClient();
    try {
      await this.caller.run({ operation: 'trash page', write: true }, async () => {
        try {
          await this.caller.send(() => client.pages.update({ page_id: pageId, in_trash: true }));
        } catch (error) {
          if (!isArchivedRefusal(error)) throw error;
        }
      });
    } catch (error) {
      if (error instanceof NotionCallError && error.kind === 'not_found') return;
      throw error;
    }
  }

  async getPage(pageId: string): Promise<ReviewPage | null> {
    const client = this.requireClient();
    try {
      return await this.caller.run({ operation: 'read page' }, async () =>
        fullPage(await this.caller.send(() => client.pages.retrieve({ page_id: pageId }))),
      );
    } catch (error) {
      if (error instanceof NotionCallError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  findLivePagesByReviewId(reviewId: number): Promise<ReviewPage[]> {
    return this.caller.run({ operation: 'find pages by Review ID' }, () => this.findLivePagesByReviewIdOnce(reviewId));
  }

  async *livePages(): AsyncIterable<ReviewPage[]> {
    const client = this.requireClient();
    const dataSourceId = await this.resolveDataSource();
    let cursor: string | undefined;
    do {
      const startCursor = cursor;
      const batch = await this.caller.run({ operation: 'query pages' }, () =>
        this.caller.send(() =>
          client.dataSources.query({ data_source_id: dataSourceId, page_size: QUERY_PAGE_SIZE, start_cursor: startCursor }),
        ),
      );
      cursor = batch.has_more && batch.next_cursor ? batch.next_cursor : undefined;
      yield batch.results
        .filter(isFullPage)
        .filter((page) => !page.in_trash)
        .map(toReviewPage);
    } while (cursor);
  }

  private async findLivePagesByReviewIdOnce(reviewId: number): Promise<ReviewPage[]> {
    const client = this.requireClient();
    const dataSourceId = await this.resolveDataSource();
    const found = await this.caller.send(() =>
      client.dataSources.query({
        data_source_id: dataSourceId,
        filter: { property: PROPERTY.reviewId, number: { equals: reviewId } },
        page_size: QUERY_PAGE_SIZE,
      }),
    );
    return found.results
      .filter(isFullPage)
      .filter((page) => !page.in_trash)
      .map(toReviewPage);
  }

  /** Queries and page parents name the database's data source; looked up once and kept (a failure is not kept). */
  private resolveDataSource(): Promise<string> {
    const client = this.requireClient();
    this.dataSourceId ??= this.caller
      .run({ operation: 'read database' }, () =>
        this.caller.send(() => client.databases.retrieve({ database_id: this.databaseId as string })),
      )
      .then((database) => {
        const dataSources = 'data_sources' in database ? database.data_sources : [];
        if (dataSources.length === 0) throw new NotionCallError('upstream_failed', 'The Notion database has no data source.');
        return dataSources[0].id;
      });
    const resolving = this.dataSourceId;
    resolving.catch(() => {
      if (this.dataSourceId === resolving) this.dataSourceId = undefined;
    });
    return resolving;
  }

  private requireClient(): Client {
    if (!this.client) throw notionNotConfigured();
    return this.client;
  }
}

function fullPage(page: PageObjectResponse | { object: 'page'; id: string }): ReviewPage {
  // The request went through (for a write: it happened), but we cannot read the answer.
  if (!isFullPage(page)) throw new NotionCallError('upstream_failed', 'Notion answered a partial page.', undefined, undefined, true);
  return toReviewPage(page);
}
