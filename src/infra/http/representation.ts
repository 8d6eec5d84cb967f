import compress from '@fastify/compress';
import etag from '@fastify/etag';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';
import { constants as zlib } from 'node:zlib';
import { CompressedCopies } from './compressed-copies';
import { entityTagForCoding, matchingEntityTag } from './entity-tags';

/** Bodies up to this size go out as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Bodies up to this size are compressed in one call (and their copy kept):
 * a movie page (12 KB) or a movie with its credits. The plugin's default
 * (8 KiB on two cores) would stream the hot path's body and keep nothing.
 * Larger bodies (a long favorites list) go through a zlib stream, off the event loop.
 */
const INLINE_COMPRESSION_MAX_BYTES = 64 * 1024;

/**
 * Strong ETags with If-None-Match -> 304 on successful GETs, and br/gzip
 * compression of bodies over 1 KiB as Accept-Encoding allows.
 *
 * @fastify/etag hashes every buffered body; the 304 decision is ours because
 * the plugin's would also answer 304 to a POST or to an error whose bytes
 * happen to match. Its hook runs before @fastify/compress (a per-route hook,
 * so always after the global ones): the tag is computed on the JSON, and a
 * compressed copy gets the coding appended (`"abc-br"`), since a strong tag
 * names exactly one sequence of bytes.
 *
 * Tuned for the hot path: brotli at quality 4 (11, zlib's default, costs
 * milliseconds per response), gzip at level 6, bodies up to 64 KiB
 * compressed inline and kept by ETag so the same JSON is compressed once
 * (compressed-copies.ts), and request bodies are not decompressed (no client
 * needs it, and it would open a way around the body limit).
 */
export async function registerRepresentationPlugins(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(etag, { algorithm: 'sha1', replyWith304: false });
  fastify.addHook('onSend', conditionalGet);
  const copies = new CompressedCopies();
  fastify.addHook('onSend', copies.reuse);
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    syncThreshold: INLINE_COMPRESSION_MAX_BYTES,
    globalDecompression: false,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  // Added after @fastify/compress's own onRoute hook, so this runs after its per-route onSend.
  fastify.addHook('onRoute', (route: RouteOptions) => {
    route.onSend = [...asArray(route.onSend), copies.keep, tagContentCoding];
  });
}

const conditionalGet: onSendHookHandler = (request: FastifyRequest, reply: FastifyReply, payload, done) => {
  const tag = reply.getHeader('etag');
  if (typeof tag !== 'string') return done(null, payload);
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
    reply.removeHeader('etag');
    return done(null, payload);
  }
  const matched = matchingEntityTag(request.headers['if-none-match'], tag);
  if (!matched) return done(null, payload);
  // The client's own tag goes back, so a cache finds the copy (identity or compressed) it holds.
  reply.code(304).header('etag', matched);
  done(null, '');
};

const tagContentCoding: onSendHookHandler = (_request, reply, payload, done) => {
  const coding = reply.getHeader('content-encoding');
  const tag = reply.getHeader('etag');
  if (typeof coding === 'string' && typeof tag === 'string') reply.header('etag', entityTagForCoding(tag, coding));
  done(null, payload);
};

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
