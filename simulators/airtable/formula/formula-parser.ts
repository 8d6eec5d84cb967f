import { FORMULA_FUNCTIONS } from './formula-functions';
import { ComparisonOperator } from './formula-values';

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type BinaryOperator = ComparisonOperator | ArithmeticOperator | '&';

export type FormulaNode =
  | { readonly kind: 'literal'; readonly value: number | string }
  | { readonly kind: 'field'; readonly fieldName: string }
  | { readonly kind: 'call'; readonly functionName: string; readonly args: readonly FormulaNode[] }
  | { readonly kind: 'negate'; readonly operand: FormulaNode }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: FormulaNode; readonly right: FormulaNode };

/** The formula cannot be used at all; the message is the detail Airtable appends to its 422. */
export class FormulaSyntaxError extends Error {}

const INVALID_FORMULA = 'Invalid formula. Please check your formula text.';

type Token =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'string' | 'field' | 'identifier' | 'symbol'; readonly value: string };

const SYMBOLS = ['!=', '<=', '>=', '=', '<', '>', '&', '+', '-', '*', '/', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const char = text[position];
    if (/\s/.test(char)) {
      position += 1;
    } else if (char === '"' || char === "'") {
      const { value, end } = readDelimited(text, position + 1, char);
      tokens.push({ type: 'string', value });
      position = end;
    } else if (char === '{') {
      const { value, end } = readDelimited(text, position + 1, '}');
      if (value.trim() === '') throw new FormulaSyntaxError(INVALID_FORMULA);
      tokens.push({ type: 'field', value });
      position = end;
    } else if (/[0-9.]/.test(char)) {
      const match = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(position));
      if (!match) throw new FormulaSyntaxError(INVALID_FORMULA);
      tokens.push({ type: 'number', value: Number(match[0]) });
      position += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(position)) as RegExpExecArray;
      tokens.push({ type: 'identifier', value: match[0] });
      position += match[0].length;
    } else {
      const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, position));
      if (!symbol) throw new FormulaSyntaxError(INVALID_FORMULA);
      tokens.push({ type: 'symbol', value: symbol });
      position += symbol.length;
    }
  }
  return tokens;
}

/** Reads up to an unescaped `closing` character; a backslash escapes the next character. */
function readDelimited(text: string, start: number, closing: string): { value: string; end: number } {
  let value = '';
  for (let position = start; position < text.length; position += 1) {
    const char = text[position];
    if (char === '\\' && position + 1 < text.length) {
      position += 1;
      value += text[position];
    } else if (char === closing) {
      return { value, end: position + 1 };
    } else {
      value += char;
    }
  }
  throw new FormulaSyntaxError(INVALID_FORMULA);
}

const COMPARISON_OPERATORS: readonly string[] = ['=', '!=', '<', '>', '<=', '>='];

/**
 * Recursive descent with Airtable's (spreadsheet) precedence, loosest first:
 * comparison, `&`, `+ -`, `* /`, unary minus.
 */
class FormulaParser {
  private position = 0;
  private readonly unknownFields = new Set<string>();
  private readonly unknownFunctions = new Set<string>();

  constructor(
    private readonly tokens: Token[],
    private readonly resolveField: (reference: string) => string | undefined,
  ) {}

  parse(): FormulaNode {
    const node = this.comparison();
    if (this.position < this.tokens.length) throw new FormulaSyntaxError(INVALID_FORMULA);
    if (this.unknownFunctions.size > 0) {
      throw new FormulaSyntaxError(`Unknown function names: ${[...this.unknownFunctions].join(', ')}`);
    }
    if (this.unknownFields.size > 0) {
      throw new FormulaSyntaxError(`Unknown field names: ${[...this.unknownFields].join(', ')}`);
    }
    return node;
  }

  private comparison(): FormulaNode {
    let left = this.concatenation();
    while (this.peekSymbol(COMPARISON_OPERATORS)) {
      const operator = this.next().value as ComparisonOperator;
      left = { kind: 'binary', operator, left, right: this.concatenation() };
    }
    return left;
  }

  private concatenation(): FormulaNode {
    let left = this.additive();
    while (this.peekSymbol(['&'])) {
      this.next();
      left = { kind: 'binary', operator: '&', left, right: this.additive() };
    }
    return left;
  }

  private additive(): FormulaNode {
    let left = this.multiplicative();
    while (this.peekSymbol(['+', '-'])) {
      const operator = this.next().value as ArithmeticOperator;
      left = { kind: 'binary', operator, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): FormulaNode {
    let left = this.unary();
    while (this.peekSymbol(['*', '/'])) {
      const operator = this.next().value as ArithmeticOperator;
      left = { kind: 'binary', operator, left, right: this.unary() };
    }
    return left;
  }

  private unary(): FormulaNode {
    if (this.peekSymbol(['-'])) {
      this.next();
      return { kind: 'negate', operand: this.unary() };
    }
    if (this.peekSymbol(['+'])) {
      this.next();
      return this.unary();
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'field':
        return this.fieldReference(token.value);
      case 'identifier':
        return this.peekSymbol(['(']) ? this.call(token.value) : this.fieldReference(token.value);
      case 'symbol':
        if (token.value !== '(') throw new FormulaSyntaxError(INVALID_FORMULA);
        return this.parenthesized();
    }
  }

  private parenthesized(): FormulaNode {
    const inner = this.comparison();
    this.expectSymbol(')');
    return inner;
  }

  private call(name: string): FormulaNode {
    this.expectSymbol('(');
    const args: FormulaNode[] = [];
    if (!this.peekSymbol([')'])) {
      args.push(this.comparison());
      while (this.peekSymbol([','])) {
        this.next();
        args.push(this.comparison());
      }
    }
    this.expectSymbol(')');
    const functionName = name.toUpperCase();
    const definition = FORMULA_FUNCTIONS[functionName];
    if (!definition) {
      this.unknownFunctions.add(name);
    } else if (args.length < definition.minArgs || args.length > definition.maxArgs) {
      throw new FormulaSyntaxError(INVALID_FORMULA);
    }
    return { kind: 'call', functionName, args };
  }

  private fieldReference(reference: string): FormulaNode {
    const fieldName = this.resolveField(reference);
    if (fieldName === undefined) this.unknownFields.add(reference.trim().toLowerCase());
    return { kind: 'field', fieldName: fieldName ?? reference };
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new FormulaSyntaxError(INVALID_FORMULA);
    this.position += 1;
    return token;
  }

  private peekSymbol(symbols: readonly string[]): boolean {
    const token = this.tokens[this.position];
    return token?.type === 'symbol' && symbols.includes(token.value);
  }

  private expectSymbol(symbol: string): void {
    const token = this.next();
    if (token.type !== 'symbol' || token.value !== symbol) throw new FormulaSyntaxError(INVALID_FORMULA);
  }
}

/**
 * Parses a filterByFormula. `resolveField` maps a `{reference}` (name or id) to
 * the canonical field name, or undefined when the table has no such field.
 * Returns undefined for an empty formula, which Airtable treats as no filter.
 */
export function parseFormula(text: string, resolveField: (reference: string) => string | undefined): FormulaNode | undefined {
  const tokens = tokenize(text);
  if (tokens.length === 0) return undefined;
  return new FormulaParser(tokens, resolveField).parse();
}
