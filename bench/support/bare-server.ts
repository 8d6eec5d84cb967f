import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/**
 * The baseline of the hot-path benchmark: bare Fastify answering the very
 * bytes the service answers, from memory, with no auth, cache or logging.
 */
async function main(): Promise<void> {
  const [port, bodyFile, contentType] = process.argv.slice(2);
  const body = readFileSync(bodyFile);
  const app = Fastify({ logger: false });
  app.get('/api/v1/movies/popular', (_request, reply) => {
    reply.header('content-type', contentType).send(body);
  });
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
