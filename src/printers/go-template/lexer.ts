// The lexer of Go's text/template (delimiters {{ }}): text, actions with their trim markers
// (`{{- ` and ` -}}`), comments, and the tokens inside an action. Errors become an `error` item
// carrying Go's message, after which lexing stops (the parser reports it where it meets it).

export type ItemType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'dot'
  | 'nil'
  | 'bool'
  | 'number'
  | 'charConstant'
  | 'string'
  | 'rawString'
  | 'declare'
  | 'assign'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'char'
  | 'keyword'
  | 'error'
  | 'eof';

export interface Item {
  type: ItemType;
  val: string;
  pos: number;
  line: number;
}

const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'template',
  'with',
]);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined) => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

/** Go's `%#U` of a rune: `U+007D '}'`. */
function runeName(c: string): string {
  const hex = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${c}'`;
}

/** Lexes a whole template into items, ending with `eof` or an `error` item. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: ItemType) => {
    items.push({ type, val: input.slice(start, pos), pos: start, line: startLine });
    startLine = line;
    start = pos;
  };
  const advance = (n: number) => {
    for (let i = 0; i < n; i++) if (input[pos + i] === '\n') line++;
    pos += n;
  };
  const ignore = () => {
    start = pos;
    startLine = line;
  };
  const fail = (message: string): Item[] => {
    items.push({ type: 'error', val: message, pos: start, line: startLine });
    return items;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (isSpace(input[pos]) && input[pos + 1] === '-' && input.startsWith('}}', pos + 2))
      return { delim: true, trim: true };
    return { delim: input.startsWith('}}', pos), trim: false };
  };
  const atTerminator = () => {
    const c = input[pos];
    if (c === undefined || isSpace(c) || '.,|:()'.includes(c)) return true;
    return input.startsWith('}}', pos);
  };

  while (true) {
    // Text up to the next action.
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      advance(input.length - pos);
      if (pos > start) emit('text');
      items.push({ type: 'eof', val: '', pos, line });
      return items;
    }
    const trimLeft = input[x + 2] === '-' && isSpace(input[x + 3]);
    let end = x;
    if (trimLeft) while (end > start && isSpace(input[end - 1])) end--;
    advance(end - pos);
    if (pos > start) emit('text');
    advance(x - pos);
    ignore();
    // The left delimiter, or a comment.
    advance(2);
    const afterMarker = trimLeft ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      advance(afterMarker);
      ignore();
      const close = input.indexOf('*/', pos + 2);
      if (close < 0) return fail('unclosed comment');
      advance(close + 2 - pos);
      const { delim, trim } = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      advance((trim ? 2 : 0) + 2);
      if (trim) while (isSpace(input[pos])) advance(1);
      ignore();
      continue;
    }
    emit('leftDelim');
    advance(afterMarker);
    ignore();
    parenDepth = 0;
    // Inside the action.
    while (true) {
      const { delim, trim } = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (trim) {
          advance(2);
          ignore();
        }
        advance(2);
        emit('rightDelim');
        if (trim) {
          while (isSpace(input[pos])) advance(1);
          ignore();
        }
        break;
      }
      const c = input[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(input[pos])) {
          advance(1);
          n++;
        }
        // A space before ` -}}` belongs to the delimiter.
        if (input[pos] === '-' && input.startsWith('}}', pos + 1)) {
          pos--;
          if (input[pos] === '\n') line--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      advance(1);
      if (c === '=') emit('assign');
      else if (c === ':') {
        if (input[pos] !== '=') return fail('expected :=');
        advance(1);
        emit('declare');
      } else if (c === '|') emit('pipe');
      else if (c === '"') {
        while (true) {
          const d = input[pos];
          if (d === '\\' && input[pos + 1] !== undefined && input[pos + 1] !== '\n') advance(2);
          else if (d === undefined || d === '\n') return fail('unterminated quoted string');
          else {
            advance(1);
            if (d === '"') break;
          }
        }
        emit('string');
      } else if (c === '`') {
        const close = input.indexOf('`', pos);
        if (close < 0) return fail('unterminated raw quoted string');
        advance(close + 1 - pos);
        emit('rawString');
      } else if (c === "'") {
        while (true) {
          const d = input[pos];
          if (d === '\\' && input[pos + 1] !== undefined && input[pos + 1] !== '\n') advance(2);
          else if (d === undefined || d === '\n') return fail('unterminated character constant');
          else {
            advance(1);
            if (d === "'") break;
          }
        }
        emit('charConstant');
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(input[pos] ?? ''))) {
        if (atTerminator()) emit(c === '$' ? 'variable' : 'dot');
        else {
          while (isAlphaNumeric(input[pos])) advance(1);
          if (!atTerminator()) return fail(`bad character ${runeName(input[pos]!)}`);
          emit(c === '$' ? 'variable' : 'field');
        }
      } else if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
        const m =
          /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[oObB][0-9_]*|[0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?)i?/.exec(
            input.slice(pos - 1),
          )!;
        advance(m[0].length - 1);
        if (isAlphaNumeric(input[pos])) {
          advance(1);
          return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
        }
        emit('number');
      } else if (isAlphaNumeric(c)) {
        while (isAlphaNumeric(input[pos])) advance(1);
        if (!atTerminator()) return fail(`bad character ${runeName(input[pos]!)}`);
        const word = input.slice(start, pos);
        emit(
          KEYWORDS.has(word)
            ? 'keyword'
            : word === 'nil'
              ? 'nil'
              : word === 'true' || word === 'false'
                ? 'bool'
                : 'identifier',
        );
      } else if (c === '(') {
        emit('leftParen');
        parenDepth++;
      } else if (c === ')') {
        emit('rightParen');
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren');
      } else if (c >= ' ' && c <= '~') emit('char');
      else return fail(`unrecognized character in action: ${runeName(c)}`);
    }
  }
}
