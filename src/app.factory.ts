import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { Settings } from './config/settings';
import { configureHttpServer, createHttpAdapter } from './infra/http/http-server';
import { buildOpenApiDocument, mountSwaggerUi } from './infra/http/swagger';
import { createRootLogger, wantsPrettyLogs } from './infra/logging/root-logger';
import { NestPinoLogger } from './infra/logging/nest-pino-logger';

/** Builds the whole application from validated settings, ready to `listen` (used by main, tests and tools). */
export async function createApplication(settings: Settings): Promise<NestFastifyApplication> {
  const log = createRootLogger(settings.app.logLevel, { pretty: wantsPrettyLogs({ NODE_ENV: settings.app.nodeEnv }) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings), createHttpAdapter(settings.app), {
    logger: new NestPinoLogger(log),
    bufferLogs: false,
  });
  await configureHttpServer(app, settings.app, log);
  mountSwaggerUi(app, buildOpenApiDocument(app));
  await app.init();
  return app;
}
