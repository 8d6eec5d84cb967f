import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOpenApiDocument, serialiseOpenApiDocument } from './openapi-document';

/** `npm run openapi`: writes openapi.json at the repository root. */
generateOpenApiDocument()
  .then((document) => {
    const target = resolve(__dirname, '../../../openapi.json');
    writeFileSync(target, serialiseOpenApiDocument(document));
    process.stdout.write(`wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
