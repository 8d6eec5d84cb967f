import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, HeadersObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { LINK_HEADER } from './response-headers';

interface PageFigures {
  page: number;
  totalPages: number;
}

/**
 * RFC 8288 `Link` for one page of a list: first, prev, next and last where
 * they exist, each the request's own path and query with only `page`
 * changed, so filters, sort and pageSize carry over. The targets are
 * path-absolute (resolved against the request's URL): no Host header is
 * echoed back, and they stay right behind any ingress.
 */
export function pageLinkHeader(requestUrl: string, { page, totalPages }: PageFigures): string {
  const queryStart = requestUrl.indexOf('?');
  const path = queryStart < 0 ? requestUrl : requestUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : requestUrl.slice(queryStart + 1));
  const last = Math.max(totalPages, 1);
  const links: [string, number][] = [['first', 1]];
  if (page > 1) links.push(['prev', Math.min(page - 1, last)]);
  if (page < last) links.push(['next', page + 1]);
  links.push(['last', last]);
  return links
    .map(([rel, target]) => {
      query.set('page', String(target));
      return `<${safePath(path)}?${query.toString()}>; rel="${rel}"`;
    })
    .join(', ');
}

/** Characters that would end or break a link target are sent percent-encoded. */
function safePath(path: string): string {
  return path.replace(/[<>"\s,;]/g, (c) => encodeURIComponent(c));
}

/**
 * A page its service already serialised (lists join JSON kept for all users around each caller's own fields:
 * the hot movie lists, favorites, the watchlist): the text is sent as it is, as JSON, and its figures still
 * give the `Link` header. A page that knows its strong ETag (see serialized-list.ts) saves hashing the text.
 */
export class SerializedPage implements PageFigures {
  constructor(
    readonly json: string,
    readonly page: number,
    readonly totalPages: number,
    /** Its strong entity tag when the service knows it cheaper than a hash of `json` (PageJson, serialized-list.ts). */
    readonly etag?: string,
  ) {}
}

function isPage(body: unknown): body is PageFigures {
  const candidate = body as Partial<PageFigures> | null;
  return typeof candidate?.page === 'number' && typeof candidate.totalPages === 'number';
}

/**
 * Sends a page its service already serialised: its `Link`, its ETag when known (set before the ETag plugin's
 * onSend, which then leaves it alone instead of hashing the body) and its text as JSON. Routes that return one
 * call this themselves and carry `@SerializedPagedList`: no interceptor, so Nest runs no RxJS pipeline for them.
 */
export function sendSerializedPage(reply: FastifyReply, page: SerializedPage): string {
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.header('link', pageLinkHeader(reply.request.url, page));
  if (page.etag) reply.header('etag', page.etag);
  return page.json;
}

@Injectable()
export class PageLinksInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      map((body: unknown) => {
        const reply = http.getResponse<FastifyReply>();
        if (body instanceof SerializedPage) return sendSerializedPage(reply, body);
        if (isPage(body)) reply.header('link', pageLinkHeader(http.getRequest<FastifyRequest>().url, body));
        return body;
      }),
    );
  }
}

/**
 * A paginated list: its 200 answer, documented with the `Link` header (and
 * any `headers` the route adds), and the header itself on every page.
 */
export function PagedList(type: new (...args: never[]) => unknown, headers: HeadersObject = {}) {
  return applyDecorators(UseInterceptors(PageLinksInterceptor), pagedListResponse(type, headers));
}

/** A paginated list documented as PagedList documents it, for a route that answers through `sendSerializedPage`. */
export function SerializedPagedList(type: new (...args: never[]) => unknown, headers: HeadersObject = {}) {
  return pagedListResponse(type, headers);
}

function pagedListResponse(type: new (...args: never[]) => unknown, headers: HeadersObject) {
  return ApiOkResponse({ type, headers: { Link: LINK_HEADER, ...headers } });
}
