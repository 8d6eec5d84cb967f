import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { loadSettings } from '../config/settings';
import { applyApiPrefix, createHttpAdapter } from '../infra/http/http-server';
import { buildOpenApiDocument } from '../infra/http/swagger';

/**
 * The OpenAPI document, built without connecting to anything: Nest's preview
 * mode scans the modules and routes but instantiates no provider.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const settings = loadSettings({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://preview@127.0.0.1/preview' });
  const app = await NestFactory.create(AppModule.forRoot(settings), createHttpAdapter(settings.app), { preview: true, logger: false });
  applyApiPrefix(app);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

export function serialiseOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
