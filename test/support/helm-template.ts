import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * Renders a Helm chart without the helm binary: the Go template language (actions, pipelines, variables,
 * if/else if/else, range, with, define, include/template, whitespace trimming, comments) and the Helm and
 * Sprig functions this chart uses. A function or construct it does not know is an error, never a guess,
 * so a template that uses something new fails the test instead of rendering wrongly.
 */

type Value = unknown;
type Fn = (...args: Value[]) => Value;

interface Text {
  kind: 'text';
  text: string;
}
interface Action {
  kind: 'action';
  pipe: Pipeline;
}
interface Branching {
  kind: 'if' | 'with';
  branches: Array<{ pipe: Pipeline; body: Node[] }>;
  otherwise: Node[];
}
interface Range {
  kind: 'range';
  pipe: Pipeline;
  body: Node[];
  otherwise: Node[];
}
interface TemplateCall {
  kind: 'template';
  name: string;
  pipe?: Pipeline;
}
type Node = Text | Action | Branching | Range | TemplateCall;

interface Pipeline {
  declare?: { names: string[]; assign: boolean };
  commands: Operand[][];
}
type Operand =
  | { kind: 'literal'; value: Value }
  | { kind: 'field'; base: 'dot' | string; path: string[] }
  | { kind: 'ident'; name: string }
  | { kind: 'sub'; pipe: Pipeline; path: string[] };

export interface RenderedChart {
  /** Rendered text per template file (relative to the chart, e.g. templates/service.yaml). */
  files: Record<string, string>;
  /** Every YAML document of every manifest, parsed; empty documents dropped. */
  documents: Array<Record<string, any>>;
}

export function renderChart(
  chartDir: string,
  overrides: Record<string, unknown> = {},
  release = { name: 'cinemateca', namespace: 'movies' },
): RenderedChart {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const values = deepMerge(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>, overrides);
  const templatesDir = join(chartDir, 'templates');
  const defines = new Map<string, Node[]>();
  const sources = readdirSync(templatesDir).sort();
  const trees = new Map<string, Node[]>();
  for (const file of sources) {
    const name = `${chart.name as string}/templates/${file}`;
    const tree = parseTemplate(readFileSync(join(templatesDir, file), 'utf8'), defines);
    trees.set(name, tree);
    defines.set(name, tree);
  }
  const root = {
    Values: values,
    Release: { Name: release.name, Namespace: release.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Capabilities: { KubeVersion: { Version: 'v1.30.0' } },
    Files: { Get: (path: Value) => readFileSync(join(chartDir, String(path)), 'utf8') },
  };
  const files: Record<string, string> = {};
  const documents: Array<Record<string, any>> = [];
  for (const [name, tree] of trees) {
    const file = relative(chartDir, join(templatesDir, name.split('/').pop() as string));
    if (file.endsWith('.tpl')) continue;
    const text = new Renderer(defines, root).run(tree, {
      ...root,
      Template: { Name: name, BasePath: `${chart.name as string}/templates` },
    });
    files[file] = text;
    if (!file.endsWith('.yaml')) continue;
    for (const doc of text.split(/^---\s*$/m)) {
      const parsed = parse(doc) as Record<string, any> | null;
      if (parsed) documents.push(parsed);
    }
  }
  return { files, documents };
}

// ---------------------------------------------------------------- parsing

function parseTemplate(source: string, defines: Map<string, Node[]>): Node[] {
  const pieces: Array<{ text: string } | { action: string }> = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) {
      pieces.push({ text: source.slice(at) });
      break;
    }
    let text = source.slice(at, open);
    const trimLeft = /^\{\{-\s/.test(source.slice(open, open + 4));
    if (trimLeft) text = text.replace(/\s+$/, '');
    pieces.push({ text });
    const close = findClose(source, open + 2);
    let inner = source.slice(open + 2, close);
    const trimRight = /\s-$/.test(inner);
    inner = inner.replace(/^-\s/, '').replace(/\s-$/, '').trim();
    pieces.push({ action: inner });
    at = close + 2;
    if (trimRight) {
      const rest = source.slice(at);
      at += rest.length - rest.replace(/^\s+/, '').length;
    }
  }

  let index = 0;
  const block = (stops: string[]): { nodes: Node[]; stop: string } => {
    const nodes: Node[] = [];
    while (index < pieces.length) {
      const piece = pieces[index++];
      if ('text' in piece) {
        if (piece.text) nodes.push({ kind: 'text', text: piece.text });
        continue;
      }
      const action = piece.action;
      if (action.startsWith('/*')) continue;
      const keyword = /^(if|else if|else|end|range|with|define|template|block)\b/.exec(action)?.[1];
      if (keyword && stops.some((stop) => keyword === stop)) {
        index -= 1;
        return { nodes, stop: keyword };
      }
      if (keyword === 'if' || keyword === 'with') {
        const branching: Branching = {
          kind: keyword,
          branches: [{ pipe: parsePipeline(action.slice(keyword.length)), body: [] }],
          otherwise: [],
        };
        for (;;) {
          const inner = block(['else if', 'else', 'end']);
          branching.branches[branching.branches.length - 1].body = inner.nodes;
          const next = (pieces[index++] as { action: string }).action;
          if (inner.stop === 'else if') {
            branching.branches.push({ pipe: parsePipeline(next.slice('else if'.length)), body: [] });
            continue;
          }
          if (inner.stop === 'else') {
            branching.otherwise = expectEnd(block(['end']));
          }
          break;
        }
        nodes.push(branching);
      } else if (keyword === 'range') {
        const range: Range = { kind: 'range', pipe: parsePipeline(action.slice('range'.length)), body: [], otherwise: [] };
        const inner = block(['else', 'end']);
        range.body = inner.nodes;
        index += 1;
        if (inner.stop === 'else') range.otherwise = expectEnd(block(['end']));
        nodes.push(range);
      } else if (keyword === 'define') {
        const name = JSON.parse(action.slice('define'.length).trim()) as string;
        defines.set(name, expectEnd(block(['end'])));
      } else if (keyword === 'template') {
        const [, name, rest] = /^template\s+("(?:[^"\\]|\\.)*")\s*(.*)$/s.exec(action) ?? [];
        if (!name) throw new Error(`bad template action: ${action}`);
        nodes.push({ kind: 'template', name: JSON.parse(name) as string, pipe: rest ? parsePipeline(rest) : undefined });
      } else if (keyword) {
        throw new Error(`unexpected {{ ${action} }}`);
      } else {
        nodes.push({ kind: 'action', pipe: parsePipeline(action) });
      }
    }
    if (stops.length > 0) throw new Error(`missing {{ end }} (expected one of ${stops.join(', ')})`);
    return { nodes, stop: '' };
  };
  const expectEnd = (inner: { nodes: Node[]; stop: string }) => {
    if (inner.stop !== 'end') throw new Error(`expected {{ end }}, got ${inner.stop}`);
    index += 1;
    return inner.nodes;
  };
  return block([]).nodes;
}

function findClose(source: string, from: number): number {
  let quote: string | undefined;
  for (let at = from; at < source.length; at += 1) {
    const char = source[at];
    if (quote) {
      if (char === '\\' && quote === '"') at += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === '`') {
      quote = char;
    } else if (source.startsWith('}}', at)) {
      return at;
    }
  }
  throw new Error('unclosed {{');
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern =
    /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|:=|[()|,=]|\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*|\.|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*)/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Error(`cannot read template expression at: ${text.slice(at)}`);
    // A field right after `)`, with no space between, reads the sub-expression's result: `(x).y`.
    const chained = match[1].startsWith('.') && match[1] !== '.' && match[0] === match[1] && tokens[tokens.length - 1] === ')';
    tokens.push(chained ? `@${match[1]}` : match[1]);
    at = pattern.lastIndex;
  }
  return tokens;
}

function parsePipeline(text: string): Pipeline {
  const tokens = tokenize(text);
  let at = 0;
  const pipeline = (): Pipeline => {
    const result: Pipeline = { commands: [] };
    const declaration = tokens.slice(at).findIndex((token) => token === ':=' || token === '=');
    const closing = tokens.slice(at).findIndex((token) => token === ')' || token === '|' || token === '(');
    if (
      declaration > 0 &&
      (closing < 0 || declaration < closing) &&
      tokens.slice(at, at + declaration).every((token) => token.startsWith('$') || token === ',')
    ) {
      result.declare = {
        names: tokens.slice(at, at + declaration).filter((token) => token !== ','),
        assign: tokens[at + declaration] === '=',
      };
      at += declaration + 1;
    }
    let command: Operand[] = [];
    while (at < tokens.length && tokens[at] !== ')') {
      const token = tokens[at++];
      if (token === '|') {
        result.commands.push(command);
        command = [];
      } else if (token === '(') {
        const inner = pipeline();
        if (tokens[at++] !== ')') throw new Error(`missing ) in ${text}`);
        let path: string[] = [];
        if (tokens[at]?.startsWith('@.')) path = tokens[at++].slice(2).split('.');
        command.push({ kind: 'sub', pipe: inner, path });
      } else {
        command.push(operand(token));
      }
    }
    result.commands.push(command);
    return result;
  };
  const parsed = pipeline();
  if (at !== tokens.length) throw new Error(`unexpected ) in ${text}`);
  return parsed;
}

function operand(token: string): Operand {
  if (token.startsWith('"')) return { kind: 'literal', value: JSON.parse(token) };
  if (token.startsWith('`')) return { kind: 'literal', value: token.slice(1, -1) };
  if (/^-?\d/.test(token)) return { kind: 'literal', value: Number(token) };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (token === 'nil') return { kind: 'literal', value: null };
  if (token === '.') return { kind: 'field', base: 'dot', path: [] };
  if (token.startsWith('.')) return { kind: 'field', base: 'dot', path: token.slice(1).split('.') };
  if (token.startsWith('$')) {
    const [name, ...path] = token.split('.');
    return { kind: 'field', base: name, path };
  }
  return { kind: 'ident', name: token };
}

// ---------------------------------------------------------------- evaluation

class Renderer {
  private readonly functions: Record<string, Fn>;

  constructor(
    private readonly defines: Map<string, Node[]>,
    private readonly root: Record<string, unknown>,
  ) {
    this.functions = helmFunctions((name, dot) => this.include(name, dot));
  }

  run(nodes: Node[], dot: Value): string {
    return this.render(nodes, dot, [new Map([['$', dot]])]);
  }

  private include(name: Value, dot: Value): string {
    const tree = this.defines.get(String(name));
    if (!tree) throw new Error(`no template named ${String(name)}`);
    return this.run(tree, dot);
  }

  private render(nodes: Node[], dot: Value, scopes: Array<Map<string, Value>>): string {
    let out = '';
    const local = [...scopes, new Map<string, Value>()];
    for (const node of nodes) {
      if (node.kind === 'text') out += node.text;
      else if (node.kind === 'action') {
        const value = this.pipeline(node.pipe, dot, local);
        if (!node.pipe.declare) out += show(value);
      } else if (node.kind === 'template') {
        out += this.include(node.name, node.pipe ? this.pipeline(node.pipe, dot, local) : undefined);
      } else if (node.kind === 'if' || node.kind === 'with') {
        let taken = false;
        for (const branch of node.branches) {
          const scope = [...local, new Map<string, Value>()];
          const value = this.pipeline(branch.pipe, dot, scope);
          if (truthy(value)) {
            out += this.render(branch.body, node.kind === 'with' ? value : dot, scope);
            taken = true;
            break;
          }
        }
        if (!taken) out += this.render(node.otherwise, dot, local);
      } else if (node.kind === 'range') {
        const scope = [...local, new Map<string, Value>()];
        const names = node.pipe.declare?.names ?? [];
        const collection = this.pipeline({ commands: node.pipe.commands }, dot, scope);
        const entries: Array<[Value, Value]> = Array.isArray(collection)
          ? collection.map((item, position) => [position, item])
          : collection && typeof collection === 'object'
            ? Object.keys(collection)
                .sort()
                .map((key) => [key, (collection as Record<string, Value>)[key]])
            : [];
        if (entries.length === 0) out += this.render(node.otherwise, dot, local);
        for (const [key, item] of entries) {
          const iteration = new Map<string, Value>();
          if (names.length === 1) iteration.set(names[0], item);
          if (names.length === 2) iteration.set(names[0], key).set(names[1], item);
          out += this.render(node.body, item, [...scope, iteration]);
        }
      }
    }
    return out;
  }

  private pipeline(pipe: Pipeline, dot: Value, scopes: Array<Map<string, Value>>): Value {
    let value: Value = undefined;
    pipe.commands.forEach((command, position) => {
      value = this.command(command, dot, scopes, position > 0 ? [value] : []);
    });
    if (pipe.declare) {
      const [name] = pipe.declare.names;
      if (pipe.declare.assign) {
        const owner = [...scopes].reverse().find((scope) => scope.has(name));
        if (!owner) throw new Error(`assignment to undeclared ${name}`);
        owner.set(name, value);
      } else {
        scopes[scopes.length - 1].set(name, value);
      }
    }
    return value;
  }

  private command(command: Operand[], dot: Value, scopes: Array<Map<string, Value>>, piped: Value[]): Value {
    const [head, ...rest] = command;
    const args = () => [...rest.map((item) => this.operand(item, dot, scopes)), ...piped];
    if (head.kind === 'ident') {
      const fn = this.functions[head.name];
      if (!fn) throw new Error(`unknown template function ${head.name}`);
      return fn(...args());
    }
    const value = this.operand(head, dot, scopes);
    if (typeof value === 'function') return (value as Fn)(...args());
    if (rest.length > 0 || piped.length > 0) throw new Error('arguments given to a value that is not a function');
    return value;
  }

  private operand(item: Operand, dot: Value, scopes: Array<Map<string, Value>>): Value {
    if (item.kind === 'literal') return item.value;
    if (item.kind === 'ident') {
      const fn = this.functions[item.name];
      if (!fn) throw new Error(`unknown template function ${item.name}`);
      return fn();
    }
    if (item.kind === 'sub') return walk(this.pipeline(item.pipe, dot, scopes), item.path);
    if (item.base === 'dot') return walk(dot, item.path);
    const scope = [...scopes].reverse().find((candidate) => candidate.has(item.base));
    if (!scope) throw new Error(`undefined variable ${item.base}`);
    return walk(scope.get(item.base), item.path);
  }
}

function walk(value: Value, path: string[]): Value {
  let node = value;
  for (const key of path) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<string, Value>)[key];
  }
  return node;
}

function truthy(value: Value): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function show(value: Value): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function goQuote(value: Value): string {
  return JSON.stringify(show(value));
}

function sprintf(format: string, args: Value[]): string {
  let next = 0;
  return format.replace(/%([sdvq%])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const value = args[next++];
    return verb === 'q' ? goQuote(value) : verb === 'd' ? String(Math.trunc(Number(value))) : show(value);
  });
}

function toYaml(value: Value): string {
  if (value === null || value === undefined) return 'null';
  return stringify(value, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
}

function helmFunctions(include: (name: Value, dot: Value) => string): Record<string, Fn> {
  const indent = (spaces: Value, text: Value) =>
    show(text)
      .split('\n')
      .map((line) => ' '.repeat(Number(spaces)) + line)
      .join('\n');
  return {
    include: (name, dot) => include(name, dot),
    indent,
    nindent: (spaces, text) => `\n${indent(spaces, text)}`,
    quote: (...values) =>
      values
        .filter((value) => value !== null && value !== undefined)
        .map(goQuote)
        .join(' '),
    toYaml: (value) => toYaml(value),
    toJson: (value) => JSON.stringify(value ?? null),
    trunc: (length, text) => show(text).slice(0, Number(length)),
    trimSuffix: (suffix, text) => (show(text).endsWith(show(suffix)) ? show(text).slice(0, -show(suffix).length || undefined) : show(text)),
    trim: (text) => show(text).trim(),
    printf: (format, ...args) => sprintf(show(format), args),
    print: (...args) => args.map(show).join(''),
    default: (fallback, given) => (truthy(given) ? given : fallback),
    required: (message, given) => {
      if (given === null || given === undefined || given === '') throw new Error(show(message));
      return given;
    },
    fail: (message) => {
      throw new Error(show(message));
    },
    replace: (old, replacement, text) => show(text).split(show(old)).join(show(replacement)),
    contains: (part, text) => show(text).includes(show(part)),
    hasPrefix: (prefix, text) => show(text).startsWith(show(prefix)),
    sha256sum: (text) => createHash('sha256').update(show(text)).digest('hex'),
    eq: (first, ...others) => others.some((other) => other === first),
    ne: (first, second) => first !== second,
    not: (value) => !truthy(value),
    and: (...values) => values.find((value) => !truthy(value)) ?? values[values.length - 1],
    or: (...values) => values.find((value) => truthy(value)) ?? values[values.length - 1],
    has: (needle, list) => Array.isArray(list) && list.includes(needle),
    list: (...items) => items,
    join: (separator, items) => (Array.isArray(items) ? items.map(show).join(show(separator)) : show(items)),
    int: (value) => Math.trunc(Number(value ?? 0)),
    mul: (...values) => values.reduce<number>((product, value) => product * Math.trunc(Number(value)), 1),
    mulf: (...values) => values.reduce<number>((product, value) => product * Number(value), 1),
    gt: (first, second) => Number(first) > Number(second),
    lt: (first, second) => Number(first) < Number(second),
    empty: (value) => !truthy(value),
    ternary: (whenTrue, whenFalse, condition) => (truthy(condition) ? whenTrue : whenFalse),
    ge: (first, second) => Number(first) >= Number(second),
    le: (first, second) => Number(first) <= Number(second),
  };
}

function deepMerge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)
        ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return merged;
}
