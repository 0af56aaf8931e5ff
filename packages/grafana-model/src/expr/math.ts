import { ExpressionError } from '../errors';
import {
  labelsContain,
  labelsEqual,
  labelsOf,
  type ExprResults,
  type ExprValue,
  type Labels,
  type NumberValue,
  type Point,
  type SeriesValue,
} from './values';

/*
 * The math expression of Grafana's server-side expressions (pkg/expr/mathexp: parse/parse.go for
 * the grammar, exp.go for unions and operators, funcs.go for functions). Grammar, loosest first:
 *   O -> A {"||" A};  A -> C {"&&" C};  C -> P {("=="|"!="|">"|">="|"<"|"<=") P}
 *   P -> M {("+"|"-") M};  M -> E {("*"|"/"|"%") E};  E -> F {"**" F}
 *   F -> number | func(...) | $var | "(" O ")" | "!" F | "-" F
 */

type Node =
  | { type: 'number'; value: number }
  | { type: 'var'; name: string }
  | { type: 'unary'; op: '!' | '-'; arg: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'func'; name: string; args: Node[] };

interface Token {
  kind: 'number' | 'var' | 'func' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';
  text: string;
  pos: number;
}

const OPERATORS = ['**', '==', '!=', '>=', '<=', '&&', '||', '+', '-', '*', '/', '%', '>', '<', '!'];

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(') {
      tokens.push({ kind: 'lparen', text: ch, pos: i++ });
      continue;
    }
    if (ch === ')') {
      tokens.push({ kind: 'rparen', text: ch, pos: i++ });
      continue;
    }
    if (ch === ',') {
      tokens.push({ kind: 'comma', text: ch, pos: i++ });
      continue;
    }
    if (ch === '$') {
      const braced = /^\$\{([^}]+)\}/.exec(text.slice(i));
      const plain = /^\$([A-Za-z0-9_]+)/.exec(text.slice(i));
      const match = braced ?? plain;
      if (!match) throw new ExpressionError(`expr: bad variable at position ${i} in "${text}"`);
      tokens.push({ kind: 'var', text: match[1] as string, pos: i });
      i += match[0].length;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ kind: 'func', text: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    throw new ExpressionError(`expr: unexpected character "${ch}" at position ${i} in "${text}"`);
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}

/** Functions of pkg/expr/mathexp/funcs.go: one variant argument, or none for the constants. */
const FUNCTION_ARITY: Record<string, number> = {
  abs: 1,
  log: 1,
  round: 1,
  ceil: 1,
  floor: 1,
  is_nan: 1,
  is_inf: 1,
  is_null: 1,
  is_number: 1,
  nan: 0,
  inf: 0,
  infn: 0,
  null: 0,
};

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[], private readonly text: string) {}

  parse(): Node {
    const root = this.O();
    this.expect('eof');
    return root;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    return this.tokens[this.index++] as Token;
  }

  private expect(kind: Token['kind']): Token {
    const token = this.next();
    if (token.kind !== kind) this.unexpected(token);
    return token;
  }

  private unexpected(token: Token): never {
    throw new ExpressionError(`expr: unexpected "${token.text || 'EOF'}" at position ${token.pos} in "${this.text}"`);
  }

  private binaryLevel(ops: string[], sub: () => Node): Node {
    let node = sub();
    for (;;) {
      const token = this.peek();
      if (token.kind === 'op' && ops.includes(token.text)) {
        this.next();
        node = { type: 'binary', op: token.text, left: node, right: sub() };
      } else {
        return node;
      }
    }
  }

  private O = (): Node => this.binaryLevel(['||'], this.A);
  private A = (): Node => this.binaryLevel(['&&'], this.C);
  private C = (): Node => this.binaryLevel(['==', '!=', '>', '>=', '<', '<='], this.P);
  private P = (): Node => this.binaryLevel(['+', '-'], this.M);
  private M = (): Node => this.binaryLevel(['*', '/', '%'], this.E);
  private E = (): Node => this.binaryLevel(['**'], this.F);

  private F = (): Node => {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        return { type: 'number', value: Number(token.text) };
      case 'var':
        this.next();
        return { type: 'var', name: token.text };
      case 'func':
        return this.func();
      case 'lparen': {
        this.next();
        const node = this.O();
        this.expect('rparen');
        return node;
      }
      case 'op':
        if (token.text === '!' || token.text === '-') {
          this.next();
          return { type: 'unary', op: token.text, arg: this.F() };
        }
        return this.unexpected(token);
      default:
        return this.unexpected(token);
    }
  };

  private func(): Node {
    const token = this.next();
    const arity = FUNCTION_ARITY[token.text];
    if (arity === undefined) throw new ExpressionError(`expr: non existent function ${token.text}`);
    this.expect('lparen');
    const args: Node[] = [];
    if (this.peek().kind !== 'rparen') {
      args.push(this.O());
      while (this.peek().kind === 'comma') {
        this.next();
        args.push(this.O());
      }
    }
    this.expect('rparen');
    if (args.length !== arity) {
      throw new ExpressionError(`expr: function ${token.text} takes ${arity} argument(s), got ${args.length}`);
    }
    return { type: 'func', name: token.text, args };
  }
}

/** A parsed math expression with the variables (refIds) it reads. */
export interface ParsedMath {
  root: Node;
  variables: string[];
}

/** Parses a math expression such as `$B / ($C + ($C == 0))`. @throws ExpressionError */
export function parseMath(text: string): ParsedMath {
  const root = new Parser(lex(text), text).parse();
  const variables: string[] = [];
  const walk = (node: Node): void => {
    if (node.type === 'var' && !variables.includes(node.name)) variables.push(node.name);
    if (node.type === 'unary') walk(node.arg);
    if (node.type === 'binary') {
      walk(node.left);
      walk(node.right);
    }
    if (node.type === 'func') node.args.forEach(walk);
  };
  walk(root);
  return { root, variables };
}

/** binaryOp of exp.go: `||`/`&&` short-circuit before NaN; comparisons give 1/0; NaN otherwise wins. */
export function binaryOp(op: string, a: number, b: number): number {
  if (op === '||' && a !== 0) return 1;
  if (op === '&&' && a === 0) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '**':
      return goPow(a, b);
    case '%':
      return goMod(a, b);
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '||':
      return a !== 0 || b !== 0 ? 1 : 0;
    case '&&':
      return a !== 0 && b !== 0 ? 1 : 0;
    default:
      throw new ExpressionError(`expr: unknown operator ${op}`);
  }
}

/** Go's math.Mod: the result takes the sign of `a`; NaN for a zero divisor or infinite dividend. */
function goMod(a: number, b: number): number {
  if (b === 0 || !Number.isFinite(a)) return Number.NaN;
  return a % b;
}

/** Go's math.Pow differs from JS only for (±1)**±Inf, which Go defines as 1. */
function goPow(a: number, b: number): number {
  if ((a === 1 || a === -1) && !Number.isFinite(b) && !Number.isNaN(b)) return 1;
  return a ** b;
}

function unaryOp(op: '!' | '-', a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  return op === '!' ? (a === 0 ? 1 : 0) : -a;
}

interface Union {
  labels: Labels;
  a: ExprValue;
  b: ExprValue;
}

/**
 * Pairs the values of both operands by labels (exp.go union): equal labels, or one side without
 * labels, or one label set containing the other; other pairs are dropped. A lone value on each
 * side is combined even when the labels differ, and NoData on a single-valued side wins.
 */
function union(aValues: ExprResults, bValues: ExprResults): Union[] {
  if (aValues.length === 0 || bValues.length === 0) return [];
  const firstA = aValues[0] as ExprValue;
  const firstB = bValues[0] as ExprValue;
  if ((aValues.length === 1 || bValues.length === 1) && (firstA.kind === 'noData' || firstB.kind === 'noData')) {
    return [{ labels: {}, a: firstA, b: firstB }];
  }
  const unions: Union[] = [];
  for (const a of aValues) {
    for (const b of bValues) {
      const aLabels = labelsOf(a);
      const bLabels = labelsOf(b);
      const aEmpty = Object.keys(aLabels).length === 0;
      const bEmpty = Object.keys(bLabels).length === 0;
      let labels: Labels;
      if (labelsEqual(aLabels, bLabels) || aEmpty || bEmpty) labels = aEmpty ? bLabels : aLabels;
      else if (Object.keys(aLabels).length === Object.keys(bLabels).length) continue;
      else if (labelsContain(aLabels, bLabels)) labels = aLabels;
      else if (labelsContain(bLabels, aLabels)) labels = bLabels;
      else continue;
      unions.push({ labels, a, b });
    }
  }
  if (unions.length === 0 && aValues.length === 1 && bValues.length === 1) {
    unions.push({ labels: {}, a: firstA, b: firstB });
  }
  return unions;
}

const floatOf = (value: ExprValue): number | null => (value.kind === 'number' || value.kind === 'scalar' ? value.value : null);

function seriesWithNumber(labels: Labels, op: string, s: SeriesValue, n: number | null, seriesFirst: boolean): SeriesValue {
  return {
    kind: 'series',
    labels: { ...labels },
    points: s.points.map((p): Point => {
      if (p.value === null || n === null) return { timeMs: p.timeMs, value: null };
      return { timeMs: p.timeMs, value: seriesFirst ? binaryOp(op, p.value, n) : binaryOp(op, n, p.value) };
    }),
  };
}

function numberWithNumber(labels: Labels, op: string, a: number | null, b: number | null): NumberValue {
  return { kind: 'number', labels: { ...labels }, value: a === null || b === null ? null : binaryOp(op, a, b) };
}

/** Series op series: only timestamps present in both survive. */
function seriesWithSeries(labels: Labels, op: string, a: SeriesValue, b: SeriesValue): SeriesValue {
  const bByTime = new Map(b.points.map((p) => [p.timeMs, p.value]));
  const points: Point[] = [];
  for (const p of a.points) {
    if (!bByTime.has(p.timeMs)) continue;
    const bv = bByTime.get(p.timeMs) ?? null;
    points.push({ timeMs: p.timeMs, value: p.value === null || bv === null ? null : binaryOp(op, p.value, bv) });
  }
  return { kind: 'series', labels: { ...labels }, points };
}

function binary(op: string, aValues: ExprResults, bValues: ExprResults): ExprResults {
  return union(aValues, bValues).map(({ labels, a, b }): ExprValue => {
    if (a.kind === 'noData') return a;
    if (b.kind === 'noData') return b;
    if (a.kind === 'scalar' && b.kind === 'scalar') {
      return { kind: 'scalar', value: a.value === null || b.value === null ? null : binaryOp(op, a.value, b.value) };
    }
    if (a.kind === 'series' && b.kind === 'series') return seriesWithSeries(labels, op, a, b);
    if (a.kind === 'series') return seriesWithNumber(labels, op, a, floatOf(b), true);
    if (b.kind === 'series') return seriesWithNumber(labels, op, b, floatOf(a), false);
    return numberWithNumber(labels, op, floatOf(a), floatOf(b));
  });
}

function mapFloats(value: ExprValue, fn: (v: number | null) => number | null): ExprValue {
  switch (value.kind) {
    case 'scalar':
      return { kind: 'scalar', value: fn(value.value) };
    case 'number':
      return { kind: 'number', labels: { ...value.labels }, value: fn(value.value) };
    case 'series':
      return { kind: 'series', labels: { ...value.labels }, points: value.points.map((p) => ({ timeMs: p.timeMs, value: fn(p.value) })) };
    default:
      return { kind: 'noData' };
  }
}

/** perFloat: the function sees non-null values; a null input becomes NaN. */
const perFloat = (fn: (v: number) => number) => (v: number | null) => (v === null ? Number.NaN : fn(v));

/** Go's math.Round rounds half away from zero (JS Math.round rounds half up). */
const goRound = (v: number): number => (v < 0 ? -Math.round(-v) : Math.round(v));

const FUNCTIONS: Record<string, (v: number | null) => number | null> = {
  abs: perFloat(Math.abs),
  log: perFloat(Math.log),
  round: perFloat(goRound),
  ceil: perFloat(Math.ceil),
  floor: perFloat(Math.floor),
  is_nan: perFloat((v) => (Number.isNaN(v) ? 1 : 0)),
  is_inf: perFloat((v) => (v === Infinity || v === -Infinity ? 1 : 0)),
  is_null: (v) => (v === null ? 1 : 0),
  is_number: (v) => (v === null || !Number.isFinite(v) ? 0 : 1),
};

const CONSTANTS: Record<string, number | null> = { nan: Number.NaN, inf: Infinity, infn: -Infinity, null: null };

function walk(node: Node, vars: Readonly<Record<string, ExprResults>>): ExprResults {
  switch (node.type) {
    case 'number':
      return [{ kind: 'scalar', value: node.value }];
    case 'var': {
      const value = vars[node.name];
      if (!value) throw new ExpressionError(`expr: variable $${node.name} has no result`);
      return value;
    }
    case 'unary':
      return walk(node.arg, vars).map((v) => mapFloats(v, (f) => (f === null ? null : unaryOp(node.op, f))));
    case 'binary':
      return binary(node.op, walk(node.left, vars), walk(node.right, vars));
    case 'func': {
      if (node.name in CONSTANTS) return [{ kind: 'scalar', value: CONSTANTS[node.name] ?? null }];
      const fn = FUNCTIONS[node.name];
      const arg = node.args[0];
      if (!fn || !arg) throw new ExpressionError(`expr: non existent function ${node.name}`);
      return walk(arg, vars).map((v) => mapFloats(v, fn));
    }
    default:
      throw new ExpressionError('expr: unknown node');
  }
}

/**
 * Evaluates a math expression against the results of other queries, keyed by refId.
 * Values are joined by labels (see the union rules above); null and NaN follow Grafana.
 * @throws ExpressionError on a parse error or an unknown variable.
 */
export function math(expression: string, vars: Readonly<Record<string, ExprResults>>): ExprResults {
  return walk(parseMath(expression).root, vars);
}
