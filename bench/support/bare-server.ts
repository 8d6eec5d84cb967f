import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/**
 * The baseline of the hot-path benchmark: bare Fastify answering the very
 * bytes the service answers, from memory, with no auth, cache or logging.
 * Usage: node bare-server.js <port> <path>=<body file>=<content type> ...
 */
async function main(): Promise<void> {
  const [port, ...routes] = process.argv.slice(2);
  const app = Fastify({ logger: false });
  for (const route of routes) {
    const [path, bodyFile, contentType] = route.split('=');
    const body = readFileSync(bodyFile);
    app.get(path, (_request, reply) => {
      reply.header('content-type', contentType).send(body);
    });
  }
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.stderr.write('listening\n');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
