/**
 * A tokenizer and light parser for English-syntax Excel formulas (what Office.js `range.formulas` returns and
 * what the plan writes): strings, numbers, error literals, references with sheet names (quoted or not,
 * `'My sheet'!A1`, `シート1!$B$2:$C$9`, `[1]Data!A1`), structured references (`Table1[[#This Row],[Amount]]`),
 * array constants (`{1,2;3,4}`), operators and nested function calls (`SUM(IF(A1>0,1,2))`, `ACME.LTV(…)`).
 *
 * It keeps every character: `render(parse(f)) === f` for any formula it accepts, so a rewrite changes only the
 * calls it means to. It does not evaluate or check types; it only needs to know where calls and their
 * arguments begin and end, which is what makes a textual search-and-replace unsafe (a string "LTV(" or a sheet
 * named LTV must stay as it is).
 */

export type TokenType =
  | "string" // "text" with "" escapes
  | "number" // 12, 1.5, .5, 1E-3
  | "error" // #N/A, #VALUE! …
  | "bool" // TRUE, FALSE
  | "word" // a reference or a name, possibly sheet-qualified: A1, $B$2, Sheet1!A1, 'a b'!A1:B2, Input_Margin, Table1[Col]
  | "func" // a function name immediately followed by "(" (the "(" is a separate token)
  | "open" // (
  | "close" // )
  | "comma" // , (argument or union separator)
  | "semicolon" // ; (row separator in an array constant)
  | "braceOpen" // {
  | "braceClose" // }
  | "op" // + - * / ^ & = <> <= >= < > % : @ #
  | "ws"; // spaces, line breaks

export interface Token {
  type: TokenType;
  text: string;
  /** 0-based offset in the formula text (after the leading "=") */
  at: number;
}

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const ERRORS = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#BUSY!",
];
// letters (any script), digits, _ . \ $ ? — the characters of names, references and unquoted sheet names
const WORD_CHAR = /[\p{L}\p{N}_.\\$?]/u;

/**
 * Splits a formula (with or without its leading "=") into tokens. O(length).
 * Example: `tokenize("=LTV(B2,'Data 1'!C3)")` → func LTV, open, word B2, comma, word 'Data 1'!C3, close.
 * @throws FormulaSyntaxError for an unclosed string, quoted sheet name or bracket.
 */
export function tokenize(formula: string): Token[] {
  const s = formula.startsWith("=") ? formula.slice(1) : formula;
  const out: Token[] = [];
  let i = 0;
  const push = (type: TokenType, start: number, end: number) =>
    out.push({ type, text: s.slice(start, end), at: start });
  while (i < s.length) {
    const ch = s[i];
    const start = i;
    if (ch === '"') {
      i = endOfQuoted(s, i, '"');
      push("string", start, i);
    } else if (/\s/.test(ch)) {
      while (i < s.length && /\s/.test(s[i])) i++;
      push("ws", start, i);
    } else if (ch === "#") {
      const err = ERRORS.find((e) => s.slice(i, i + e.length).toUpperCase() === e);
      if (err) {
        i += err.length;
        push("error", start, i);
      } else {
        i++; // the spill operator (A1#)
        push("op", start, i);
      }
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(s[i + 1] ?? ""))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(i)) as RegExpExecArray;
      // a number directly followed by word characters or "!" is part of a word (a sheet named 2024, 1:1 rows stay numbers)
      const after = s[i + m[0].length] ?? "";
      if (WORD_CHAR.test(after) || after === "!") {
        i = endOfWord(s, i);
        push("word", start, i);
      } else {
        i += m[0].length;
        push("number", start, i);
      }
    } else if (ch === "'" || ch === "[" || WORD_CHAR.test(ch)) {
      i = endOfWord(s, i);
      const text = s.slice(start, i);
      if (s[i] === "(" && !text.includes("!") && ch !== "'" && ch !== "[") push("func", start, i);
      else if (/^(TRUE|FALSE)$/i.test(text)) push("bool", start, i);
      else push("word", start, i);
    } else if (ch === "(") {
      i++;
      push("open", start, i);
    } else if (ch === ")") {
      i++;
      push("close", start, i);
    } else if (ch === ",") {
      i++;
      push("comma", start, i);
    } else if (ch === ";") {
      i++;
      push("semicolon", start, i);
    } else if (ch === "{") {
      i++;
      push("braceOpen", start, i);
    } else if (ch === "}") {
      i++;
      push("braceClose", start, i);
    } else if (
      (ch === "<" && (s[i + 1] === ">" || s[i + 1] === "=")) ||
      (ch === ">" && s[i + 1] === "=")
    ) {
      i += 2;
      push("op", start, i);
    } else if ("+-*/^&=<>%:@".includes(ch)) {
      i++;
      push("op", start, i);
    } else {
      throw new FormulaSyntaxError(`unexpected character '${ch}'`, i);
    }
  }
  return out;
}

/** End (exclusive) of a quoted run starting at `i`; the quote doubled inside is an escape. */
function endOfQuoted(s: string, i: number, q: string): number {
  let j = i + 1;
  for (;;) {
    const k = s.indexOf(q, j);
    if (k < 0)
      throw new FormulaSyntaxError(q === '"' ? "unclosed string" : "unclosed sheet name", i);
    if (s[k + 1] === q) j = k + 2;
    else return k + 1;
  }
}

/** End of a bracketed run (structured reference or external-book index), brackets nested, ' escaping. */
function endOfBrackets(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === "'") {
      j++;
      continue;
    }
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j + 1;
  }
  throw new FormulaSyntaxError("unclosed [", i);
}

/**
 * End of a word: a name or reference, with an optional sheet prefix (quoted or not, possibly `[1]`-prefixed or
 * a 3-D `Sheet1:Sheet3`), structured-reference brackets, and a `:`-joined second cell (`A1:B2`, `A:A`).
 */
function endOfWord(s: string, i: number): number {
  let j = i;
  const run = () => {
    for (;;) {
      if (j < s.length && WORD_CHAR.test(s[j])) j++;
      else if (s[j] === "[") j = endOfBrackets(s, j);
      else break;
    }
  };
  if (s[j] === "'") j = endOfQuoted(s, j, "'");
  else run();
  if (s[j] === "!") {
    j++;
    if (s.startsWith("#REF!", j)) return j + 5;
    run();
  } else if (s[j] === ":" && s[i] !== "'") {
    // a 3-D sheet range (Sheet1:Sheet3!A1) is one word; A1:B2 stays three tokens
    const k = j + 1;
    let m = k;
    while (m < s.length && WORD_CHAR.test(s[m])) m++;
    if (m > k && s[m] === "!") {
      j = m + 1;
      run();
    }
  }
  return j;
}

/** A parsed formula: tokens, with each function call grouped as a node holding its arguments. */
export type FormulaNode = { kind: "token"; token: Token } | CallNode;

export interface CallNode {
  kind: "call";
  /** the function name as written (`LTV`, `acme.ltv`, `_xlfn.XLOOKUP`) */
  name: string;
  /** arguments, each a list of nodes; `LTV()` has one empty argument, `LTV(1,,3)` an empty middle one */
  args: FormulaNode[][];
  at: number;
}

/**
 * Groups tokens into nodes: a `func` token with its parenthesised, comma-separated arguments becomes a call
 * (commas inside nested parentheses or array constants do not split arguments). O(tokens).
 * @throws FormulaSyntaxError for unbalanced parentheses or braces.
 */
export function parseFormula(formula: string): FormulaNode[] {
  const tokens = tokenize(formula);
  let pos = 0;

  function parseCall(): CallNode {
    const nameTok = tokens[pos];
    pos += 2; // the name and its "("
    const args: FormulaNode[][] = [[]];
    let paren = 0;
    let brace = 0;
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t.type === "func") {
        args[args.length - 1].push(parseCall());
        continue;
      }
      pos++;
      if (t.type === "close" && paren === 0 && brace === 0)
        return { kind: "call", name: nameTok.text, args, at: nameTok.at };
      if (t.type === "comma" && paren === 0 && brace === 0) {
        args.push([]);
        continue;
      }
      if (t.type === "open") paren++;
      else if (t.type === "close") paren--;
      else if (t.type === "braceOpen") brace++;
      else if (t.type === "braceClose") brace--;
      if (paren < 0 || brace < 0) throw new FormulaSyntaxError("unbalanced brackets", t.at);
      args[args.length - 1].push({ kind: "token", token: t });
    }
    throw new FormulaSyntaxError(`unclosed call of ${nameTok.text}`, nameTok.at);
  }

  const nodes: FormulaNode[] = [];
  let paren = 0;
  while (pos < tokens.length) {
    const t = tokens[pos];
    if (t.type === "func") {
      nodes.push(parseCall());
      continue;
    }
    if (t.type === "open") paren++;
    if (t.type === "close" && --paren < 0) throw new FormulaSyntaxError("unbalanced )", t.at);
    nodes.push({ kind: "token", token: t });
    pos++;
  }
  if (paren !== 0) throw new FormulaSyntaxError("unclosed (", formula.length);
  return nodes;
}

/** Writes nodes back as formula text (without the leading "="). */
export function renderNodes(nodes: readonly FormulaNode[]): string {
  let out = "";
  for (const n of nodes) {
    out += n.kind === "token" ? n.token.text : `${n.name}(${n.args.map(renderNodes).join(",")})`;
  }
  return out;
}

/** True when nodes (ignoring surrounding spaces) are one operand: a number, string, reference/name, call or a bracketed group. */
export function isAtomic(nodes: readonly FormulaNode[]): boolean {
  const core = trimNodes(nodes);
  if (core.length === 1) {
    const n = core[0];
    return (
      n.kind === "call" || ["number", "string", "word", "bool", "error"].includes(n.token.type)
    );
  }
  if (core.length >= 2 && isTok(core[0], "open") && isTok(core[core.length - 1], "close")) {
    // one bracketed group from first to last
    let depth = 0;
    for (let i = 0; i < core.length; i++) {
      const n = core[i];
      if (isTok(n, "open")) depth++;
      else if (isTok(n, "close") && --depth === 0 && i < core.length - 1) return false;
    }
    return true;
  }
  return false;
}

function isTok(n: FormulaNode, type: TokenType): boolean {
  return n.kind === "token" && n.token.type === type;
}

/** Nodes without leading and trailing whitespace tokens. */
export function trimNodes(nodes: readonly FormulaNode[]): FormulaNode[] {
  let a = 0;
  let b = nodes.length;
  while (a < b && isTok(nodes[a], "ws")) a++;
  while (b > a && isTok(nodes[b - 1], "ws")) b--;
  return nodes.slice(a, b);
}
