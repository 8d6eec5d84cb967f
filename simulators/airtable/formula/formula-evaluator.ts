import { FORMULA_FUNCTIONS, FormulaRecordContext } from './formula-functions';
import { FormulaNode } from './formula-parser';
import { compareValues, FormulaRuntimeError, FormulaValue, isTruthy, toNumber, toText } from './formula-values';

export function evaluateFormula(node: FormulaNode, context: FormulaRecordContext): FormulaValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'field':
      return context.fieldValue(node.fieldName);
    case 'negate':
      return -toNumber(evaluateFormula(node.operand, context));
    case 'call': {
      const definition = FORMULA_FUNCTIONS[node.functionName];
      if (!definition) throw new FormulaRuntimeError(`Unknown function ${node.functionName}`);
      return definition.call(
        node.args.map((arg) => evaluateFormula(arg, context)),
        context,
      );
    }
    case 'binary': {
      const left = evaluateFormula(node.left, context);
      const right = evaluateFormula(node.right, context);
      switch (node.operator) {
        case '&':
          return toText(left) + toText(right);
        case '+':
          return toNumber(left) + toNumber(right);
        case '-':
          return toNumber(left) - toNumber(right);
        case '*':
          return toNumber(left) * toNumber(right);
        case '/':
          return toNumber(left) / toNumber(right);
        default:
          return compareValues(node.operator, left, right);
      }
    }
  }
}

/**
 * Whether a record passes the filter. Airtable drops records whose formula
 * evaluates to 0, false, "", blank, NaN or #ERROR!.
 */
export function recordMatchesFormula(node: FormulaNode, context: FormulaRecordContext): boolean {
  try {
    return isTruthy(evaluateFormula(node, context));
  } catch (error) {
    if (error instanceof FormulaRuntimeError) return false;
    throw error;
  }
}
