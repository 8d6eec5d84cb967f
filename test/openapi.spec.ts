import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOpenApiDocument, serialiseOpenApiDocument } from '../src/tools/openapi-document';

describe('openapi.json', () => {
  it('is up to date with the code (run `npm run openapi` when this fails)', async () => {
    const committed = readFileSync(resolve(__dirname, '../openapi.json'), 'utf8');
    const current = serialiseOpenApiDocument(await generateOpenApiDocument());
    expect(JSON.parse(committed)).toEqual(JSON.parse(current));
  });

  it('documents every operation with a summary and its error responses', async () => {
    const document = await generateOpenApiDocument();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { summary?: string; responses: Record<string, unknown>; security?: unknown[] }>,
      )) {
        expect({ path, method, summary: Boolean(operation.summary) }).toEqual({ path, method, summary: true });
        if (operation.security?.length)
          expect({ path, method, has401: '401' in operation.responses }).toEqual({ path, method, has401: true });
      }
    }
  });
});
