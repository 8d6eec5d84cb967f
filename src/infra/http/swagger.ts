import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { version } from '../../../package.json';
import { API_PREFIX } from '../../common/http/api-prefix';
import { applyOpenApiConventions } from './openapi-conventions';

export { API_PREFIX };

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cinemateca API')
    .setDescription(
      'Movies from TMDB with per-user favorites and ratings, a local catalog with reviews kept in sync with Notion, ' +
        'and orders imported from Airtable. Errors are RFC 9457 problem details (application/problem+json). ' +
        'Authorize with a bearer token: a JWT from POST /api/v1/auth/login or a static API token.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT from /auth/login or a static API token' }, 'bearer')
    .addOAuth2({ type: 'oauth2', flows: { password: { tokenUrl: `/${API_PREFIX}/auth/login`, scopes: {} } } }, 'password')
    // Relative, so the document is right wherever the service runs (Swagger UI's "Try it out" calls the same host).
    .addServer('/', 'Cinemateca API (the server that serves this document)')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return applyOpenApiConventions(document);
}

/** Swagger UI at /docs and the document at /docs-json. */
export function mountSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Cinemateca API',
    swaggerOptions: { persistAuthorization: true, tryItOutEnabled: false },
  });
}
