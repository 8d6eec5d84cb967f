import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { createGzip, gunzipSync } from 'node:zlib';
import { CompressedCopies } from '../../src/infra/http/compressed-copies';

/** Just the reply surface the hooks use. */
function fakeReply(headers: Record<string, string | number> = {}, statusCode = 200) {
  const reply = {
    statusCode,
    headers: { ...headers } as Record<string, string | number>,
    getHeader: (name: string) => reply.headers[name],
    hasHeader: (name: string) => name in reply.headers,
    header: (name: string, value: string | number) => ((reply.headers[name] = value), reply),
  };
  return reply;
}

function run(
  hook: CompressedCopies['reuse'],
  request: { headers: Record<string, string> },
  reply: ReturnType<typeof fakeReply>,
  payload: unknown,
): unknown {
  let out: unknown;
  (hook as unknown as (q: FastifyRequest, r: FastifyReply, p: unknown, done: (e: null, p: unknown) => void) => void)(
    request as unknown as FastifyRequest,
    reply as unknown as FastifyReply,
    payload,
    (_e, p) => (out = p),
  );
  return out;
}

describe('CompressedCopies', () => {
  const json = JSON.stringify({ items: [] });
  const brotli = Buffer.from('pretend brotli bytes');

  it('sends the kept copy of the same JSON in a coding the client accepts, with Vary and its length', () => {
    const copies = new CompressedCopies();
    run(copies.keep, { headers: {} }, fakeReply({ etag: '"t1"', 'content-encoding': 'br' }), brotli);

    const reply = fakeReply({ etag: '"t1"', vary: 'origin' });
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip, BR' } }, reply, json)).toBe(brotli);
    expect(reply.headers).toMatchObject({ 'content-encoding': 'br', vary: 'origin, accept-encoding', 'content-length': brotli.length });
  });

  it('leaves the answer alone for other JSON, another coding, no Accept-Encoding, a non-200 or a stream not yet sent', () => {
    const copies = new CompressedCopies();
    run(copies.keep, { headers: {} }, fakeReply({ etag: '"t1"', 'content-encoding': 'br' }), brotli);
    run(copies.keep, { headers: {} }, fakeReply({ etag: '"t2"', 'content-encoding': 'gzip' }), { pipe: () => undefined });

    expect(run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: '"t9"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, fakeReply({ etag: '"t1"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: {} }, fakeReply({ etag: '"t1"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: '"t1"' }, 404), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, fakeReply({ etag: '"t2"' }), json)).toBe(json);
  });

  /** Reads a stream to its end, as Fastify sends it. */
  const sent = async (stream: Readable) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('keeps a streamed copy once it has all gone out, and sends it again for the same JSON', async () => {
    const copies = new CompressedCopies();
    const longJson = JSON.stringify({ items: Array.from({ length: 5000 }, (_, index) => ({ tmdbId: index, title: `Movie ${index}` })) });
    const gzip = createGzip();
    const tap = run(copies.keep, { headers: {} }, fakeReply({ etag: '"long"', 'content-encoding': 'gzip' }), gzip) as Readable;
    gzip.end(longJson);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, fakeReply({ etag: '"long"' }), longJson)).toBe(longJson);

    const bytes = await sent(tap);
    expect(gunzipSync(bytes).toString()).toBe(longJson);
    const reply = fakeReply({ etag: '"long"' });
    const again = run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, reply, longJson) as Buffer;
    expect(again.equals(bytes)).toBe(true);
    expect(reply.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-length': bytes.length });
  });

  it('keeps nothing of a stream that fails on the way', async () => {
    const copies = new CompressedCopies();
    const failing = new Readable({ read: () => undefined });
    const tap = run(copies.keep, { headers: {} }, fakeReply({ etag: '"broken"', 'content-encoding': 'br' }), failing) as Readable;
    failing.push(Buffer.from('half a copy'));
    failing.destroy(new Error('zlib failed'));
    await expect(sent(tap)).rejects.toThrow('zlib failed');
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: '"broken"' }), json)).toBe(json);
    expect(copies.heldBytes).toBe(0);
  });

  it('holds at most 16 MiB of copies, dropping the oldest first', () => {
    const copies = new CompressedCopies();
    const MiB = 1024 * 1024;
    for (let index = 0; index < 20; index += 1) {
      run(copies.keep, { headers: {} }, fakeReply({ etag: `"c${index}"`, 'content-encoding': 'br' }), Buffer.alloc(MiB, index));
    }
    expect(copies.heldBytes).toBe(16 * MiB);
    const kept = (index: number) =>
      run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: `"c${index}"` }), json) !== json;
    expect([0, 3, 4, 19].map(kept)).toEqual([false, false, true, true]);
  });
});
