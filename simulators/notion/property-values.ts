import { bodyValidationError, notSimulated, validationError } from './notion-errors';
import { findProperty, REVIEW_SCHEMA, SchemaProperty } from './review-schema';

/** Request size limits from https://developers.notion.com/reference/request-limits. */
export const RICH_TEXT_CONTENT_LIMIT = 2000;
export const RICH_TEXT_ARRAY_LIMIT = 100;
const LINK_URL_LIMIT = 2000;
const EQUATION_LIMIT = 1000;

const DEFAULT_ANNOTATIONS = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: 'default',
};

export interface RichTextItem {
  type: 'text' | 'equation';
  text?: { content: string; link: { url: string } | null };
  equation?: { expression: string };
  annotations: typeof DEFAULT_ANNOTATIONS;
  plain_text: string;
  href: string | null;
}

/** A page property value exactly as the API returns it: `{ id, type, [type]: value }`. */
export type PropertyValue =
  | { id: string; type: 'title'; title: RichTextItem[] }
  | { id: string; type: 'rich_text'; rich_text: RichTextItem[] }
  | { id: string; type: 'number'; number: number | null };

export type PageProperties = Record<string, PropertyValue>;

/** Every property of the schema with its empty value, as Notion returns them on a fresh page. */
export function emptyProperties(): PageProperties {
  return Object.fromEntries(REVIEW_SCHEMA.map((property) => [property.name, emptyValue(property)]));
}

/**
 * Validates a request's `properties` object against the schema and returns the values it sets, keyed by
 * property name. Throws the NotionError Notion would answer with.
 */
export function parseProperties(input: unknown, path = 'body.properties'): PageProperties {
  if (!isPlainObject(input)) throw bodyValidationError(path, 'an object', input);
  const parsed: PageProperties = {};
  for (const [key, value] of Object.entries(input)) {
    const property = findProperty(key);
    if (!property) throw validationError(`${key} is not a property that exists.`);
    parsed[property.name] = parseValue(property, value, `${path}.${key}`);
  }
  return parsed;
}

export function plainText(items: readonly RichTextItem[]): string {
  return items.map((item) => item.plain_text).join('');
}

function emptyValue(property: SchemaProperty): PropertyValue {
  switch (property.type) {
    case 'title':
      return { id: property.id, type: 'title', title: [] };
    case 'rich_text':
      return { id: property.id, type: 'rich_text', rich_text: [] };
    case 'number':
      return { id: property.id, type: 'number', number: null };
  }
}

const VALUE_TYPE_KEYS = [
  'title',
  'rich_text',
  'number',
  'select',
  'multi_select',
  'status',
  'date',
  'people',
  'files',
  'checkbox',
  'url',
  'email',
  'phone_number',
  'relation',
  'formula',
  'rollup',
  'unique_id',
  'place',
  'verification',
];

function parseValue(property: SchemaProperty, value: unknown, path: string): PropertyValue {
  if (!isPlainObject(value)) throw bodyValidationError(path, 'an object', value);
  const givenType = value.type ?? VALUE_TYPE_KEYS.find((key) => key in value);
  if (givenType !== undefined && givenType !== property.type) {
    throw validationError(`${property.name} is expected to be ${property.type}.`);
  }
  const strayKey = Object.keys(value).find((key) => key !== 'type' && key !== 'id' && key !== property.type);
  if (strayKey) throw bodyValidationError(`${path}.${strayKey}`, 'not present', value[strayKey]);
  const raw = value[property.type];
  const valuePath = `${path}.${property.type}`;
  switch (property.type) {
    case 'title':
      return { id: property.id, type: 'title', title: parseRichText(raw, valuePath) };
    case 'rich_text':
      return { id: property.id, type: 'rich_text', rich_text: parseRichText(raw, valuePath) };
    case 'number':
      if (raw !== null && (typeof raw !== 'number' || !Number.isFinite(raw))) {
        throw bodyValidationError(valuePath, 'a number or `null`', raw);
      }
      return { id: property.id, type: 'number', number: raw };
  }
}

function parseRichText(raw: unknown, path: string): RichTextItem[] {
  if (!Array.isArray(raw)) throw bodyValidationError(path, 'an array', raw);
  if (raw.length > RICH_TEXT_ARRAY_LIMIT) {
    throw bodyValidationError(`${path}.length`, `≤ \`${RICH_TEXT_ARRAY_LIMIT}\``, raw.length);
  }
  return raw.map((item, index) => parseRichTextItem(item, `${path}[${index}]`));
}

function parseRichTextItem(item: unknown, path: string): RichTextItem {
  if (!isPlainObject(item)) throw bodyValidationError(path, 'an object', item);
  const annotations = { ...DEFAULT_ANNOTATIONS, ...(isPlainObject(item.annotations) ? item.annotations : {}) };
  const type = item.type ?? ('equation' in item ? 'equation' : 'mention' in item ? 'mention' : 'text');
  if (type === 'mention') throw notSimulated('a mention rich text item');
  if (type === 'equation') {
    const expression = isPlainObject(item.equation) ? item.equation.expression : undefined;
    if (typeof expression !== 'string') throw bodyValidationError(`${path}.equation.expression`, 'a string', expression);
    if (expression.length > EQUATION_LIMIT) {
      throw bodyValidationError(`${path}.equation.expression.length`, `≤ \`${EQUATION_LIMIT}\``, expression.length);
    }
    return { type: 'equation', equation: { expression }, annotations, plain_text: expression, href: null };
  }
  if (type !== 'text') throw bodyValidationError(`${path}.type`, '`"text"`, `"mention"`, or `"equation"`', type);
  if (!isPlainObject(item.text)) throw bodyValidationError(`${path}.text`, 'defined', item.text);
  const { content, link } = item.text;
  if (typeof content !== 'string') throw bodyValidationError(`${path}.text.content`, 'a string', content);
  if (content.length > RICH_TEXT_CONTENT_LIMIT) {
    throw bodyValidationError(`${path}.text.content.length`, `≤ \`${RICH_TEXT_CONTENT_LIMIT}\``, content.length);
  }
  const url = parseLink(link, `${path}.text.link`);
  return {
    type: 'text',
    text: { content, link: url === null ? null : { url } },
    annotations,
    plain_text: content,
    href: url,
  };
}

function parseLink(link: unknown, path: string): string | null {
  if (link === undefined || link === null) return null;
  const url = isPlainObject(link) ? link.url : undefined;
  if (typeof url !== 'string') throw bodyValidationError(`${path}.url`, 'a string', url);
  if (url.length > LINK_URL_LIMIT) throw bodyValidationError(`${path}.url.length`, `≤ \`${LINK_URL_LIMIT}\``, url.length);
  return url;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
