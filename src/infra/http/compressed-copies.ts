import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';

const CODINGS = ['br', 'gzip'];
const MAX_COPIES = 512;
/** All copies together: a long favorites list is about 70 KB gzipped (400 KB of JSON). */
const MAX_BYTES = 16 * 1024 * 1024;
/** A streamed answer compressing to more than this is sent, not kept. */
const MAX_STREAMED_COPY_BYTES = 1024 * 1024;

/**
 * The compressed bytes of recent answers, keyed by their strong ETag (a hash
 * of the JSON) and coding: the hot path sends the same JSON again and again
 * within the cache TTL, and compressing it is the costliest step of such a
 * request (brotli q4 on 12 KB: about 0.5 ms, more than the rest of it; gzip
 * on a 400 KB favorites list: about 5 ms, off the event loop but still most
 * of the answer's time). A copy is reused only for exactly the bytes it was
 * made from, so it can never be stale. Bodies compressed inline are kept as
 * they are; a streamed one is collected as it goes out and kept once it has
 * ended. The oldest copies go first past MAX_COPIES or MAX_BYTES.
 */
export class CompressedCopies {
  private readonly copies = new Map<string, Buffer>();
  private bytes = 0;

  /** Before @fastify/compress: a kept copy goes out as is (the plugin leaves an encoded body alone). */
  readonly reuse: onSendHookHandler = (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    const tag = reply.getHeader('etag');
    const accepted = request.headers['accept-encoding'];
    if (typeof tag !== 'string' || reply.statusCode !== 200 || !accepted || reply.hasHeader('content-encoding')) return done(null, payload);
    const coding = negotiate(accepted.toLowerCase(), CODINGS);
    const copy = coding ? this.copies.get(`${tag}|${coding}`) : undefined;
    if (!copy) return done(null, payload);
    reply.header('content-encoding', coding).header('vary', varyOn(reply)).header('content-length', copy.length);
    done(null, copy);
  };

  /** After @fastify/compress: keep what it compressed, inline at once, a stream once it has all gone out. */
  readonly keep: onSendHookHandler = (_request, reply, payload, done) => {
    const coding = reply.getHeader('content-encoding');
    const tag = reply.getHeader('etag');
    if (typeof coding !== 'string' || typeof tag !== 'string' || reply.statusCode !== 200) return done(null, payload);
    const key = `${tag}|${coding}`;
    if (this.copies.has(key)) return done(null, payload);
    if (Buffer.isBuffer(payload)) this.store(key, payload);
    else if (isStream(payload)) return done(null, this.collect(payload, key));
    done(null, payload);
  };

  /** Bytes held by all copies (for tests). */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The stream as it is, through a tap that keeps its bytes if it ends whole and small enough. */
  private collect(stream: Readable, key: string): Readable {
    const chunks: Buffer[] = [];
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, next: TransformCallback) {
        size += chunk.length;
        if (size <= MAX_STREAMED_COPY_BYTES) chunks.push(chunk);
        next(null, chunk);
      },
      flush: (next: TransformCallback) => {
        if (size <= MAX_STREAMED_COPY_BYTES) this.store(key, Buffer.concat(chunks, size));
        next();
      },
    });
    // A failure of either side destroys the other; Fastify sees it on the tap, as it would have on the stream.
    pipeline(stream, tap, () => undefined);
    return tap;
  }

  private store(key: string, copy: Buffer): void {
    if (this.copies.has(key) || copy.length > MAX_BYTES) return;
    this.copies.set(key, copy);
    this.bytes += copy.length;
    for (const [oldKey, old] of this.copies) {
      if (this.copies.size <= MAX_COPIES && this.bytes <= MAX_BYTES) break;
      this.copies.delete(oldKey);
      this.bytes -= old.length;
    }
  }
}

/** @fastify/compress streams through readable-stream's classes, not node:stream's: known by their shape. */
function isStream(payload: unknown): payload is Readable {
  const candidate = payload as Partial<Readable> | null;
  return typeof candidate?.pipe === 'function' && typeof candidate.on === 'function';
}

function varyOn(reply: FastifyReply): string {
  const vary = reply.getHeader('vary');
  return vary ? `${String(vary)}, accept-encoding` : 'accept-encoding';
}
