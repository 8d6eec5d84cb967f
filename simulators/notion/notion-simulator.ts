import { RunningSimulator, startSimulator } from '../simulator-kit';
import { errorForStatus, sendNotionError } from './notion-errors';
import { installGatekeeper, installNotionErrorHandling } from './notion-http';
import { canonicalId, uuidGenerator } from './notion-ids';
import { Workspace } from './notion-objects';
import { registerNotionRoutes } from './notion-routes';
import { notionTimestamp, PageStore, StoredPage } from './page-store';
import { PageProperties, parseProperties } from './property-values';
import { numberOf, textOf } from './query-filter';
import { TokenBucketRateLimiter } from './rate-limiter';
import { REVIEW_PROPERTY } from './review-schema';

export { ARCHIVED_EDIT_MESSAGE } from './notion-routes';
export { PUBLISHED_VERSIONS } from './notion-versions';
export { REVIEW_PROPERTY, REVIEW_SCHEMA } from './review-schema';

export const DEFAULT_NOTION_TOKEN = 'secret_notion_simulator';
/** A fixed default so a development `.env` can name the database before the simulator starts. */
export const DEFAULT_NOTION_DATABASE_ID = '5c1e7a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d';

export interface NotionSimulatorOptions {
  port?: number;
  /** The integration token callers must send as `Authorization: Bearer <token>`. */
  token?: string;
  databaseId?: string;
  /** Seeds page ids and the kit's `failRate` draws. */
  random?: () => number;
  /** Average requests per second allowed per token; 0 disables the limit. Default 3, Notion's documented rate. */
  requestsPerSecond?: number;
  /** Requests allowed at once before the average applies. Default three seconds' worth of `requestsPerSecond`. */
  burst?: number;
}

export interface SimulatedPage {
  id: string;
  inTrash: boolean;
  createdTime: string;
  lastEditedTime: string;
  /** Notion property values as the API returns them. */
  properties: Record<string, unknown>;
}

export interface PlainReviewProperties {
  movie: string;
  rating: number | null;
  review: string;
  author: string;
  reviewId: number | null;
}

export interface NotionSimulator extends RunningSimulator {
  /** What to pass as `baseUrl` to `new Client(...)` from @notionhq/client (it appends `/v1/`). */
  readonly baseUrl: string;
  readonly token: string;
  readonly databaseId: string;
  readonly dataSourceId: string;
  /** All pages, trashed included. */
  pages(): SimulatedPage[];
  livePages(): SimulatedPage[];
  // Drift helpers for reconciliation tests: applied straight to the data, no HTTP, no rate limit.
  /** Takes property values in request form, e.g. `{ Rating: { number: 2 } }`, validated like the API does. */
  editPageProperties(pageId: string, properties: Record<string, unknown>): void;
  deletePagePermanently(pageId: string): void;
  trashPage(pageId: string): void;
  createOrphanPage(reviewId: number, movie: string): SimulatedPage;
  plainProperties(page: SimulatedPage): PlainReviewProperties;
}

export async function startNotionSimulator(options: NotionSimulatorOptions = {}): Promise<NotionSimulator> {
  const token = options.token ?? DEFAULT_NOTION_TOKEN;
  const newId = uuidGenerator(options.random);
  const databaseId = canonicalId(options.databaseId ?? DEFAULT_NOTION_DATABASE_ID);
  if (!databaseId) throw new Error(`databaseId must be a UUID, got ${options.databaseId}`);
  const workspace: Workspace = {
    databaseId,
    dataSourceId: newId(),
    parentPageId: newId(),
    integrationUserId: newId(),
    createdTime: notionTimestamp(new Date()),
  };
  const store = new PageStore(newId);
  const requestsPerSecond = options.requestsPerSecond ?? 3;
  const limiter = new TokenBucketRateLimiter(requestsPerSecond, options.burst ?? Math.max(1, Math.round(requestsPerSecond * 3)));

  const running = await startSimulator({
    port: options.port,
    random: options.random,
    writeError: (reply, status) => sendNotionError(reply, errorForStatus(status)),
    register: (app) => {
      installNotionErrorHandling(app);
      const versionOf = installGatekeeper(app, { token, limiter });
      registerNotionRoutes(app, { workspace, store, versionOf });
    },
  });

  const pageOrThrow = (pageId: string): StoredPage => {
    const page = store.get(canonicalId(pageId) ?? pageId);
    if (!page) throw new Error(`The Notion simulator has no page ${pageId}`);
    return page;
  };

  return {
    ...running,
    close: async () => {
      const closing = running.close();
      // A response held by hangAfterApplyNext, or an idle keep-alive socket, would otherwise hold close() for seconds.
      running.app.server.closeAllConnections();
      await closing;
    },
    baseUrl: running.url,
    token,
    databaseId: workspace.databaseId,
    dataSourceId: workspace.dataSourceId,
    pages: () => store.all().map(toSimulatedPage),
    livePages: () =>
      store
        .all()
        .filter((page) => !page.inTrash)
        .map(toSimulatedPage),
    editPageProperties: (pageId, properties) => store.setProperties(pageOrThrow(pageId), parseProperties(properties)),
    deletePagePermanently: (pageId) => {
      store.delete(pageOrThrow(pageId).id);
    },
    trashPage: (pageId) => store.setInTrash(pageOrThrow(pageId), true),
    createOrphanPage: (reviewId, movie) =>
      toSimulatedPage(
        store.create(
          parseProperties({
            [REVIEW_PROPERTY.movie]: { title: [{ text: { content: movie } }] },
            [REVIEW_PROPERTY.reviewId]: { number: reviewId },
          }),
        ),
      ),
    plainProperties,
  };
}

function toSimulatedPage(page: StoredPage): SimulatedPage {
  return {
    id: page.id,
    inTrash: page.inTrash,
    createdTime: page.createdTime,
    lastEditedTime: page.lastEditedTime,
    properties: structuredClone(page.properties),
  };
}

function plainProperties(page: SimulatedPage): PlainReviewProperties {
  const properties = page.properties as Partial<PageProperties>;
  return {
    movie: textOf(properties[REVIEW_PROPERTY.movie]),
    rating: numberOf(properties[REVIEW_PROPERTY.rating]),
    review: textOf(properties[REVIEW_PROPERTY.review]),
    author: textOf(properties[REVIEW_PROPERTY.author]),
    reviewId: numberOf(properties[REVIEW_PROPERTY.reviewId]),
  };
}
