import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

/**
 * An example value composed from the examples of a schema's properties, the
 * way Swagger UI would show it, so every documented answer carries one. A
 * property without an example (nor a default, enum or format to stand in)
 * makes it fail: the tests then name the schema to fix.
 */
export function exampleFromSchema(schema: Schema, document: OpenAPIObject, trail: string[] = []): unknown {
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`${[...trail, schema.$ref].join(' > ')}: no such schema`);
    return exampleFromSchema(target, document, [...trail, name]);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleFromSchema(part, document, trail)));
  }
  const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alternative) return exampleFromSchema(alternative, document, trail);
  if (schema.type === 'array' && schema.items) return [exampleFromSchema(schema.items, document, [...trail, '[]'])];
  if (schema.type === 'object' || schema.properties) {
    const value: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      value[name] = exampleFromSchema(property, document, [...trail, name]);
    }
    return value;
  }
  if (schema.nullable) return null;
  throw new Error(`${trail.join(' > ') || 'schema'}: no example`);
}
