import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';

/**
 * The committed openapi.json against the contract's requirements on it:
 * Redocly's recommended lint (redocly.yaml) with no error or warning, types
 * from openapi-typescript that compile, every example valid against its
 * schema, `security: []` exactly on the public operations, and the
 * conventions' headers documented where the service sends them.
 */
const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);
const document = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as OpenApi;

interface Media {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, Media>;
}
interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: object; example?: unknown; $ref?: string }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
}
interface OpenApi {
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { properties?: Record<string, { example?: unknown }> }>;
    headers: Record<string, { schema: object }>;
  };
}

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
);
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

describe('openapi.json', () => {
  it("passes Redocly's recommended lint with no error and no warning", async () => {
    const { stdout } = await run(bin('redocly'), ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('generates TypeScript types (openapi-typescript) that compile and describe the API', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cinemateca-openapi-types-'));
    try {
      await run(bin('openapi-typescript'), [join(ROOT, 'openapi.json'), '--output', join(directory, 'api.d.ts')], { cwd: ROOT });
      // A client's view: the types must say what a real call sends and gets.
      writeFileSync(
        join(directory, 'client.ts'),
        [
          "import type { components, paths } from './api';",
          "type Catalog = paths['/api/v1/catalog/movies'];",
          "type Page = Catalog['get']['responses'][200]['content']['application/json'];",
          'export const page: Page = { items: [], page: 1, pageSize: 20, totalItems: 0, totalPages: 0 };',
          "export const link: Catalog['get']['responses'][200]['headers']['Link'] = '</api/v1/catalog/movies?page=1>; rel=\"first\"';",
          "export const location: Catalog['post']['responses'][201]['headers']['Location'] = '/api/v1/catalog/movies/1';",
          "export const query: NonNullable<Catalog['get']['parameters']['query']> = { title: 'club', year: 1999, page: 2 };",
          "export const problem: components['schemas']['ProblemResponse'] = { type: 't', title: 'Not Found', status: 404, detail: 'd', instance: '/' };",
          "type Register = paths['/api/v1/auth/register']['post'];",
          "export const body: Register['requestBody'] extends { content: { 'application/json': infer B } } ? B : never = { username: 'ada', email: 'ada@example.com', password: 'long enough' };",
        ].join('\n'),
      );
      const program = ts.createProgram([join(directory, 'client.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        types: [],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 120_000);

  describe('examples', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // OpenAPI 3.0 schemas are JSON Schema with `nullable` (Ajv knows it) and refs into the document.
    ajv.addSchema({ ...document, $id: 'openapi.json' } as object);
    const check = (schema: object, value: unknown, where: string): string[] => {
      const validate: ValidateFunction = ajv.compile(rebase(schema));
      return validate(value) ? [] : [`${where}: ${ajv.errorsText(validate.errors)}`];
    };

    it('gives every answer with a JSON body an example', () => {
      const missing = operations.flatMap(({ path, method, operation }) =>
        Object.entries(operation.responses)
          .filter(([, response]) => response.content)
          .flatMap(([status, response]) =>
            Object.entries(response.content!)
              .filter(
                ([, media]) =>
                  media.example === undefined &&
                  !media.examples &&
                  (media.schema as { example?: unknown } | undefined)?.example === undefined,
              )
              .map(([type]) => `${method} ${path} ${status} ${type}`),
          ),
      );
      expect(missing).toEqual([]);
    });

    it('has every example valid against its schema (answers, bodies, parameters, properties, headers)', () => {
      const failures: string[] = [];
      let checked = 0;
      const media = (where: string, content: Record<string, Media> | undefined) => {
        for (const [type, item] of Object.entries(content ?? {})) {
          if (!item.schema) continue;
          const values = item.example !== undefined ? [item.example] : Object.values(item.examples ?? {}).map((e) => e.value);
          for (const value of values) {
            checked++;
            failures.push(...check(item.schema, value, `${where} ${type}`));
          }
        }
      };
      for (const { path, method, operation } of operations) {
        media(`${method} ${path} request`, operation.requestBody?.content);
        for (const [status, response] of Object.entries(operation.responses)) media(`${method} ${path} ${status}`, response.content);
        for (const parameter of operation.parameters ?? []) {
          if (parameter.example === undefined || !parameter.schema) continue;
          checked++;
          failures.push(...check(parameter.schema, parameter.example, `${method} ${path} ${parameter.in} ${parameter.name}`));
        }
      }
      for (const [name, schema] of Object.entries(document.components.schemas)) {
        for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
          if (propertySchema.example === undefined) continue;
          checked++;
          failures.push(...check(propertySchema, propertySchema.example, `${name}.${property}`));
        }
      }
      for (const [name, header] of Object.entries(document.components.headers)) {
        const example = (header.schema as { example?: unknown }).example;
        if (example === undefined) continue;
        checked++;
        failures.push(...check(header.schema, example, `header ${name}`));
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(300);
    });

    it('would catch an example that does not fit', () => {
      expect(
        check(
          { $ref: '#/components/schemas/ProblemResponse' },
          { type: 't', title: 'x', status: '404', detail: 'd', instance: '/' },
          'bad',
        ),
      ).toHaveLength(1);
    });
  });

  it('declares `security: []` on exactly the public operations, and a security requirement on the others', () => {
    const publicOperations = operations
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(publicOperations.sort()).toEqual(
      [
        'POST /api/v1/auth/register',
        'POST /api/v1/auth/login',
        'GET /api/v1/shared-lists/{listName}',
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
      ].sort(),
    );
    expect(operations.filter(({ operation }) => operation.security === undefined)).toEqual([]);
  });

  it('names the API in `servers`', () => {
    expect(document.servers).toEqual([{ url: '/', description: expect.stringContaining('Cinemateca API') }]);
  });

  it("documents a client error on every operation but the health probes (Redocly's rule is off for them only)", () => {
    const without = operations
      .filter(({ operation }) => !Object.keys(operation.responses).some((status) => status.startsWith('4')))
      .map(({ path }) => path);
    expect(without.sort()).toEqual(['/health/live', '/health/ready']);
  });

  it("documents the conventions' headers where the service sends them", () => {
    const missing: string[] = [];
    const expectHeader = (where: string, response: Response, header: string) => {
      if (response.headers?.[header]?.$ref !== `#/components/headers/${header}`) missing.push(`${where}: ${header}`);
    };
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const where = `${method} ${path} ${status}`;
        expectHeader(where, response, 'X-Request-Id');
        if (method === 'get' && status === '200' && response.content?.['application/json']) {
          expectHeader(where, response, 'ETag');
          if (!operation.responses['304']?.headers?.ETag) missing.push(`${where}: no 304`);
          if (!JSON.stringify(operation.parameters ?? []).includes('#/components/parameters/IfNoneMatch'))
            missing.push(`${where}: no If-None-Match`);
        }
        if (status === '429') expectHeader(where, response, 'Retry-After');
        if (status === '401') expectHeader(where, response, 'WWW-Authenticate');
        if (status.startsWith('2') && !path.startsWith('/health')) expectHeader(where, response, 'X-RateLimit-Remaining');
        if (status.startsWith('4') || status.startsWith('5')) {
          if (response.content && !response.content['application/problem+json']) missing.push(`${where}: not problem+json`);
        }
        // Every paginated list (a page has totalPages) carries Link.
        const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
        const target = schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : undefined;
        if (status === '200' && target?.properties?.totalPages) expectHeader(where, response, 'Link');
      }
    }
    for (const [method, path] of [
      ['post', '/api/v1/catalog/movies'],
      ['post', '/api/v1/reviews'],
      ['put', '/api/v1/me/favorites/share'],
    ]) {
      expectHeader(`${method} ${path} 201`, document.paths[path][method].responses['201'], 'Location');
    }
    expect(missing).toEqual([]);
    const pagedLists = operations.filter(({ operation }) => operation.responses['200']?.headers?.Link);
    expect(pagedLists.length).toBeGreaterThanOrEqual(11);
  });
});

/** Refs inside the document point at the schema registered as openapi.json. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi.json#/components/'));
}
