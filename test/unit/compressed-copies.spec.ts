import type { FastifyReply, FastifyRequest } from 'fastify';
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

  it('leaves the answer alone for other JSON, another coding, no Accept-Encoding, a non-200 or a stream it never kept', () => {
    const copies = new CompressedCopies();
    run(copies.keep, { headers: {} }, fakeReply({ etag: '"t1"', 'content-encoding': 'br' }), brotli);
    run(copies.keep, { headers: {} }, fakeReply({ etag: '"t2"', 'content-encoding': 'gzip' }), { pipe: () => undefined });

    expect(run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: '"t9"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, fakeReply({ etag: '"t1"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: {} }, fakeReply({ etag: '"t1"' }), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'br' } }, fakeReply({ etag: '"t1"' }, 404), json)).toBe(json);
    expect(run(copies.reuse, { headers: { 'accept-encoding': 'gzip' } }, fakeReply({ etag: '"t2"' }), json)).toBe(json);
  });
});
