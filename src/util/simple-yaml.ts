// A reader for the block YAML that client-go and mkube write (kubeconfig files): fast, because
// every command start may read one, and strict, because anything outside its subset returns
// undefined and the caller uses the full YAML library instead.

interface Line {
  indent: number;
  text: string;
}

/** Thrown inside the reader for anything outside its subset. */
class Unsupported extends Error {}

/**
 * Block mappings and sequences of plain or quoted scalars, `{}` and `[]` (what client-go and
 * the `yaml` package write); undefined for anything else, so the caller uses a full parser.
 * JSON (flow syntax) is read with JSON.parse.
 */
export function parseSimpleYaml(text: string): unknown {
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const body = line.trimStart();
    if (body === '' || body.startsWith('#') || body === '---') continue;
    if (line.startsWith('\t') || body === '...') return undefined;
    lines.push({ indent: line.length - body.length, text: body.trimEnd() });
  }
  if (lines.length === 0) return null;
  try {
    const at = { i: 0 };
    const value = block(lines, at, lines[0]!.indent);
    return at.i === lines.length ? value : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function block(lines: Line[], at: { i: number }, indent: number): unknown {
  return lines[at.i]!.text.startsWith('- ') || lines[at.i]!.text === '-'
    ? sequence(lines, at, indent)
    : mapping(lines, at, indent);
}

function sequence(lines: Line[], at: { i: number }, indent: number): unknown[] {
  const out: unknown[] = [];
  while (at.i < lines.length && lines[at.i]!.indent === indent && /^-( |$)/.test(lines[at.i]!.text)) {
    const rest = lines[at.i]!.text.slice(1).trimStart();
    if (rest === '') {
      at.i++;
      out.push(nested(lines, at, indent, false));
    } else if (isMappingEntry(rest)) {
      // `- name: x` opens a mapping whose entries sit two columns right of the dash.
      lines[at.i] = { indent: indent + 2, text: rest };
      out.push(mapping(lines, at, indent + 2));
    } else {
      at.i++;
      out.push(scalar(rest));
    }
  }
  return out;
}

function mapping(lines: Line[], at: { i: number }, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (at.i < lines.length && lines[at.i]!.indent === indent) {
    const text = lines[at.i]!.text;
    if (text.startsWith('- ') || text === '-') break;
    const m = /^([A-Za-z0-9_.\-/]+):(?: (.*))?$/.exec(text);
    if (!m) throw new Unsupported();
    at.i++;
    out[m[1]!] = m[2] === undefined || m[2] === '' ? nested(lines, at, indent, true) : scalar(m[2]);
  }
  if (at.i < lines.length && lines[at.i]!.indent > indent) throw new Unsupported();
  return out;
}

/** The value under `key:` (or a bare `-`): a deeper block, a sequence at the key's column, or null. */
function nested(lines: Line[], at: { i: number }, indent: number, sequenceMayAlign: boolean): unknown {
  const next = lines[at.i];
  if (!next) return null;
  if (next.indent > indent) return block(lines, at, next.indent);
  if (sequenceMayAlign && next.indent === indent && /^-( |$)/.test(next.text))
    return sequence(lines, at, indent);
  return null;
}

function isMappingEntry(text: string): boolean {
  return /^[A-Za-z0-9_.\-/]+:( |$)/.test(text);
}

function scalar(text: string): unknown {
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (text === 'null' || text === '~') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/.test(text)) throw new Unsupported();
    return JSON.parse(text);
  }
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Unsupported();
    return text.slice(1, -1).replaceAll("''", "'");
  }
  // Indicators a plain scalar cannot start with, and comments after a value.
  if (/^[&*!|>{[@`%,?:#-]/.test(text) || / #/.test(text) || /: /.test(text)) throw new Unsupported();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}
