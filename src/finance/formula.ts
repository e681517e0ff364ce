/**
 * Formulas of line ids, as the data declares totals and computed rows:
 * `licenseRevenue + servicesRevenue`, `grossProfit / totalRevenues`, `netIncomeLoss - restructuring`.
 */

/** A parsed formula. */
export type Formula =
  /** A line's value at the column's key, or at `at`: another key, or "end"/"start" for the instant that ends or precedes the column's period. */
  | { readonly op: "ref"; readonly id: string; readonly at?: string }
  | { readonly op: "const"; readonly value: string }
  | { readonly op: "neg"; readonly arg: Formula }
  | { readonly op: "+" | "-" | "*" | "/"; readonly left: Formula; readonly right: Formula };

/** A formula that does not parse; `offset` is the character where it went wrong. */
export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const tokenPattern = /\s*(?:([A-Za-z][A-Za-z0-9_]*(?:@[A-Za-z][A-Za-z0-9_]*)?)|(\d+(?:\.\d+)?)|([-+*/()]))/y;

/** Parses `source`; throws FormulaSyntaxError with what was expected. */
export function parseFormula(source: string): Formula {
  const tokens: { text: string; kind: "id" | "num" | "op"; offset: number }[] = [];
  tokenPattern.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    tokenPattern.lastIndex = position;
    const match = tokenPattern.exec(source);
    if (!match) throw new FormulaSyntaxError(`unexpected "${source.slice(position).trim()[0]}"`, position);
    const [whole, id, num, op] = match;
    const offset = position + whole.length - (id ?? num ?? op ?? "").length;
    tokens.push(id ? { text: id, kind: "id", offset } : num ? { text: num, kind: "num", offset } : { text: op!, kind: "op", offset });
    position += whole.length;
  }
  let index = 0;
  const peek = () => tokens[index];
  const expectEnd = (what: string) => new FormulaSyntaxError(`expected ${what} at the end of the formula`, source.length);

  function parseSum(): Formula {
    const terms: Formula[] = [parseProduct()];
    for (let token = peek(); token && (token.text === "+" || token.text === "-"); token = peek()) {
      index++;
      const term = parseProduct();
      terms.push(token.text === "-" ? { op: "neg", arg: term } : term);
    }
    return balancedSum(terms);
  }
  function parseProduct(): Formula {
    let left = parseFactor();
    for (let token = peek(); token && (token.text === "*" || token.text === "/"); token = peek()) {
      index++;
      left = { op: token.text, left, right: parseFactor() };
    }
    return left;
  }
  function parseFactor(): Formula {
    const token = peek();
    if (!token) throw expectEnd("a line id or a number");
    index++;
    if (token.kind === "id") {
      const [id, at] = token.text.split("@") as [string, string | undefined];
      return at === undefined ? { op: "ref", id } : { op: "ref", id, at };
    }
    if (token.kind === "num") return { op: "const", value: token.text };
    if (token.text === "-") return { op: "neg", arg: parseFactor() };
    if (token.text === "(") {
      const inner = parseSum();
      const close = peek();
      if (!close || close.text !== ")") throw close ? new FormulaSyntaxError(`expected ")" but found "${close.text}"`, close.offset) : expectEnd('")"');
      index++;
      return inner;
    }
    throw new FormulaSyntaxError(`expected a line id or a number but found "${token.text}"`, token.offset);
  }

  if (tokens.length === 0) throw new FormulaSyntaxError("the formula is empty", 0);
  const formula = parseSum();
  const rest = peek();
  if (rest) throw new FormulaSyntaxError(`expected an operator (+ - * /) but found "${rest.text}"`, rest.offset);
  return formula;
}

/**
 * A sum of many terms as a balanced tree (`a - b` is `a + -b`), so that a total of 10,000 lines
 * is 14 levels deep, not 10,000: every walk over a formula is recursive.
 */
function balancedSum(terms: readonly Formula[]): Formula {
  if (terms.length === 1) return terms[0]!;
  const middle = Math.ceil(terms.length / 2);
  return { op: "+", left: balancedSum(terms.slice(0, middle)), right: balancedSum(terms.slice(middle)) };
}

/** The line ids a formula refers to, in order of appearance, without repeats. */
export function formulaReferences(formula: Formula): string[] {
  const ids: string[] = [];
  const visit = (node: Formula): void => {
    if (node.op === "ref") {
      if (!ids.includes(node.id)) ids.push(node.id);
    } else if (node.op === "neg") visit(node.arg);
    else if (node.op !== "const") {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(formula);
  return ids;
}

/**
 * The signed terms of a sum (`a + b - c` -> [+a, +b, -c]), or null when the formula is not a
 * plain sum or difference of line ids: footing reports each component.
 */
export function sumTerms(formula: Formula): { id: string; sign: 1 | -1 }[] | null {
  const terms: { id: string; sign: 1 | -1 }[] = [];
  const visit = (node: Formula, sign: 1 | -1): boolean => {
    if (node.op === "ref") return node.at === undefined && terms.push({ id: node.id, sign }) > 0;
    if (node.op === "neg") return visit(node.arg, sign === 1 ? -1 : 1);
    if (node.op === "+" || node.op === "-") return visit(node.left, sign) && visit(node.right, node.op === "+" ? sign : sign === 1 ? -1 : 1);
    return false;
  };
  return visit(formula, 1) ? terms : null;
}
