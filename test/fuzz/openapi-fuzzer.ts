import { seededRandom } from '../../simulators/simulator-kit';

/** One request generated from the OpenAPI document. */
export interface FuzzRequest {
  method: string;
  path: string;
  /** The operation's path template, for reporting. */
  template: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** Values that break naive servers: boundaries, wrong types, huge, unicode, injection. */
const HOSTILE_TEXT = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '9007199254740993',
  '1e309',
  // Lenient spellings of 26 that the contract makes a 400.
  '0x1A',
  '1e1',
  '+26',
  '026',
  ' 26',
  '26.0',
  'NaN',
  'null',
  'true',
  "' OR '1'='1",
  '1; DROP TABLE users;--',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  'Ünïcødé 🎬 名前',
  '\u0000\u001f',
  'x'.repeat(10_000),
  '__proto__',
  'constructor',
];

const HOSTILE_JSON: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 63),
  1e308,
  '',
  'x'.repeat(100_000),
  [],
  {},
  [null],
  { $gt: '' },
  { __proto__: { admin: true } },
];

export class OpenApiFuzzer {
  private readonly random: () => number;

  constructor(
    private readonly document: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } },
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** `perOperation` hostile variants of every operation, plus one plausible request each. */
  generate(perOperation: number): FuzzRequest[] {
    const requests: FuzzRequest[] = [];
    for (const [template, item] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        requests.push(this.build(template, method, operation, false));
        for (let i = 0; i < perOperation; i++) requests.push(this.build(template, method, operation, true));
      }
    }
    return requests;
  }

  private build(template: string, method: string, operation: Operation, hostile: boolean): FuzzRequest {
    const parameters = operation.parameters ?? [];
    const mutateIndex = hostile ? Math.floor(this.random() * (parameters.length + 1)) : -1;
    let path = template;
    const query = new URLSearchParams();
    parameters.forEach((parameter, index) => {
      const mutate = index === mutateIndex;
      if (parameter.in === 'path') {
        path = path.replace(
          `{${parameter.name}}`,
          encodeURIComponent(mutate ? this.pick(HOSTILE_TEXT) : String(this.plausible(parameter.schema, parameter.example))),
        );
      } else if (parameter.in === 'query' && (mutate || parameter.required || this.random() < 0.3)) {
        query.append(parameter.name, mutate ? this.pick(HOSTILE_TEXT) : String(this.plausible(parameter.schema, parameter.example)));
      }
    });
    if (hostile && this.random() < 0.15) query.append('unexpected', this.pick(HOSTILE_TEXT));
    const search = query.toString();
    const request: FuzzRequest = { method: method.toUpperCase(), path: search ? `${path}?${search}` : path, template };

    const schema = operation.requestBody?.content?.['application/json']?.schema;
    if (schema) {
      const body = this.plausible(schema);
      request.body = hostile && mutateIndex === parameters.length ? this.mutateBody(body) : body;
      if (hostile && this.random() < 0.1) {
        request.body = undefined;
        request.rawBody = this.pick(['{', '{"a":', '[1,2', 'not json', '\u0000', JSON.stringify(body).slice(0, -1)]);
        request.contentType = 'application/json';
      }
    }
    return request;
  }

  /** A body the operation's JSON schema accepts, or undefined when it takes none. */
  plausibleBody(operation: Operation): Record<string, unknown> | undefined {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    return schema ? (this.plausible(schema) as Record<string, unknown>) : undefined;
  }

  /** The path with every parameter filled with a plausible value. */
  plausiblePath(template: string, operation: Operation): string {
    let path = template;
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in === 'path')
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(this.plausible(parameter.schema, parameter.example))));
    }
    return path;
  }

  private mutateBody(body: unknown): unknown {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return this.pick(HOSTILE_JSON);
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const roll = this.random();
    if (roll < 0.15 || keys.length === 0) copy[this.pick(['role', 'userId', 'id', 'isAdmin', 'extra'])] = this.pick(HOSTILE_JSON);
    else if (roll < 0.3) delete copy[this.pick(keys)];
    else copy[this.pick(keys)] = this.random() < 0.5 ? this.pick(HOSTILE_JSON) : this.pick(HOSTILE_TEXT);
    return copy;
  }

  /** A value the schema accepts, preferring its example. */
  private plausible(schema: Schema | undefined, example?: unknown): unknown {
    if (example !== undefined) return example;
    const resolved = this.resolve(schema);
    if (!resolved) return 'x';
    if (resolved.example !== undefined) return resolved.example;
    if (resolved.default !== undefined) return resolved.default;
    if (resolved.enum?.length) return this.pick(resolved.enum);
    switch (resolved.type) {
      case 'integer':
        return resolved.minimum ?? 1;
      case 'number':
        return resolved.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return [this.plausible(resolved.items)];
      case 'object': {
        const value: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(resolved.properties ?? {})) {
          if (resolved.required?.includes(name) || this.random() < 0.5) value[name] = this.plausible(property);
        }
        return value;
      }
      default:
        return 'x'.repeat(Math.max(1, resolved.minLength ?? 3));
    }
  }

  private resolve(schema: Schema | undefined): Schema | undefined {
    if (!schema) return undefined;
    if (schema.$ref) return this.resolve(this.document.components?.schemas?.[schema.$ref.split('/').pop() ?? '']);
    if (schema.allOf?.length) return this.resolve(schema.allOf[0]);
    if (schema.oneOf?.length) return this.resolve(schema.oneOf[0]);
    return schema;
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }
}
