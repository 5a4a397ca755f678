// Splits a stream of concatenated JSON values (`{...} {...}`), as Go's json.Decoder reads them,
// and reports syntax errors in Go's words ("invalid character '}' looking for beginning of value")
// with the offset where they occur.

export interface JsonSyntaxError {
  message: string;
  offset: number;
}

export interface JsonChunk {
  start: number;
  end: number;
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }
  fail(context: string): never {
    if (this.i >= this.s.length) throw { message: 'unexpected EOF', offset: this.i } as JsonSyntaxError;
    const c = this.s[this.i]!;
    const shown = c === "'" ? "\\'" : c === '\n' ? '\\n' : c;
    throw { message: `invalid character '${shown}' ${context}`, offset: this.i } as JsonSyntaxError;
  }

  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') {
      this.object();
      return;
    }
    if (c === '[') {
      this.array();
      return;
    }
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      this.number();
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (this.s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return;
      }
    }
    if (c !== undefined && 'tfn'.includes(c)) {
      // A broken literal: Go names the first wrong character.
      const lit = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      let k = 0;
      while (this.s[this.i + k] === lit[k]) k++;
      this.i += k;
      this.fail(`in literal ${lit} (expecting '${lit[k]}')`);
    }
    this.fail('looking for beginning of value');
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return;
      }
      this.fail('after object key:value pair');
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return;
      }
      this.fail('after array element');
    }
  }

  string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        this.i++;
        if (!'"\\/bfnrtu'.includes(this.s[this.i] ?? '')) this.fail('in string escape code');
      } else if (c < ' ') {
        this.fail('in string literal');
      }
      this.i++;
    }
    this.fail('in string literal');
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) {
      this.i++;
      this.fail('in numeric literal');
    }
    this.i += m[0].length;
  }
}

/** The top-level values of a JSON stream; throws JsonSyntaxError. */
export function splitJsonStream(s: string): JsonChunk[] {
  const sc = new Scanner(s);
  const chunks: JsonChunk[] = [];
  for (;;) {
    sc.ws();
    if (sc.i >= s.length) return chunks;
    const start = sc.i;
    sc.value();
    chunks.push({ start, end: sc.i });
  }
}

/** Whether a stream is JSON (kubectl's YAMLOrJSONDecoder sniffs for a leading `{`). */
export function looksLikeJson(s: string): boolean {
  return /^\s*\{/.test(s);
}

export function isJsonSyntaxError(e: unknown): e is JsonSyntaxError {
  return typeof e === 'object' && e !== null && 'offset' in e && 'message' in e && !(e instanceof Error);
}
