// JSON patch (RFC 6902) as the API server applies it (gopkg.in/evanphx/json-patch.v4 v4.12.0, which
// Kubernetes 1.32 vendors): add, remove, replace, move, copy and test, JSON pointers with ~0/~1
// escapes, `-` to append and negative indexes from the end. Error texts are the library's, which the server passes on.
// Pure: the document is cloned, never changed.
import { clone, deepEqual, isMap, type Json, type JsonMap } from './json-value.js';

/** `decode`: the patch itself is malformed (400); otherwise an operation failed (422). */
export class JsonPatchError extends Error {
  constructor(
    message: string,
    readonly decode = false,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** Go's name of a JSON value's type in an UnmarshalTypeError. */
function jsonTypeName(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** The operations of a decoded patch body (Go's DecodePatch into []map[string]*RawMessage). */
export function decodeJsonPatch(body: Json): Array<JsonMap | null> {
  if (body === null) return [];
  if (!Array.isArray(body))
    throw new JsonPatchError(
      `json: cannot unmarshal ${jsonTypeName(body)} into Go value of type jsonpatch.Patch`,
      true,
    );
  for (const op of body)
    if (op !== null && !isMap(op))
      throw new JsonPatchError(
        `json: cannot unmarshal ${jsonTypeName(op)} into Go value of type jsonpatch.Operation`,
        true,
      );
  return body as Array<JsonMap | null>;
}

/** strconv.Atoi, with its error text. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const n = BigInt(key);
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: value out of range`);
  return Number(n);
}

const invalidIndex = (i: number) => new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);

/** A map or a list the pointer's last token is looked up in. */
type Container = JsonMap | Json[];

function get(c: Container, key: string): Json {
  if (!Array.isArray(c)) return c[key] ?? null;
  let i = atoi(key);
  if (i < 0) {
    if (i < -c.length) throw invalidIndex(i);
    i += c.length;
  }
  if (i >= c.length) throw invalidIndex(i);
  return c[i];
}

function set(c: Container, key: string, value: Json): void {
  if (!Array.isArray(c)) {
    c[key] = value;
    return;
  }
  let i = atoi(key);
  if (i < 0) {
    if (i < -c.length) throw invalidIndex(i);
    i += c.length;
  }
  c[i] = value;
}

function add(c: Container, key: string, value: Json): void {
  if (!Array.isArray(c)) {
    c[key] = value;
    return;
  }
  if (key === '-') {
    c.push(value);
    return;
  }
  let i: number;
  try {
    i = atoi(key);
  } catch (e) {
    throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = c.length + 1;
  if (i >= size) throw invalidIndex(i);
  if (i < 0) {
    if (i < -size) throw invalidIndex(i);
    i += size;
  }
  c.splice(i, 0, value);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!(key in c)) throw new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
    return;
  }
  let i = atoi(key);
  if (i >= c.length) throw invalidIndex(i);
  if (i < 0) {
    if (i < -c.length) throw invalidIndex(i);
    i += c.length;
  }
  c.splice(i, 1);
}

const decodeToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

/** The container holding the pointer's target and the target's key; undefined when a step is missing. */
function findObject(root: Container, path: string): { c: Container; key: string } | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let c: Container = root;
  for (const token of tokens.slice(1, -1)) {
    let next: Json;
    try {
      next = get(c, decodeToken(token));
    } catch {
      return undefined;
    }
    if (!Array.isArray(next) && !isMap(next)) return undefined;
    c = next;
  }
  return { c, key: decodeToken(tokens[tokens.length - 1]!) };
}

/** A string field of an operation, or Go's decoding error for it. */
function field(op: JsonMap, name: 'path' | 'from'): string {
  const v = op[name];
  if (v === undefined || v === null)
    throw new Error(
      name === 'path'
        ? `operation missing path field: ${MISSING}`
        : `operation, missing from field: ${MISSING}`,
    );
  if (typeof v !== 'string')
    throw new Error(`json: cannot unmarshal ${jsonTypeName(v)} into Go value of type string`);
  return v;
}

function wrap<T>(f: () => T, message: (err: string) => string): T {
  try {
    return f();
  } catch (e) {
    throw new JsonPatchError(message((e as Error).message));
  }
}

/** Apply a decoded JSON patch to `doc` (a map or a list). */
export function applyJsonPatch(doc: Json, patch: Array<JsonMap | null>): Json {
  const holder = { root: clone(doc) as Container };
  for (const raw of patch) {
    const op = raw ?? {};
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    switch (kind) {
      case 'add':
        applyAdd(holder.root, op);
        break;
      case 'remove':
        applyRemove(holder.root, op);
        break;
      case 'replace':
        applyReplace(holder, op);
        break;
      case 'move':
        applyMove(holder.root, op);
        break;
      case 'test':
        applyTest(holder.root, op);
        break;
      case 'copy':
        applyCopy(holder.root, op);
        break;
      default:
        throw new JsonPatchError(`Unexpected kind: ${kind}`);
    }
  }
  return holder.root;
}

const opValue = (op: JsonMap): Json => clone(op.value ?? null);

function applyAdd(root: Container, op: JsonMap): void {
  const path = wrap(
    () => field(op, 'path'),
    () => `add operation failed to decode path: ${MISSING}`,
  );
  const at = findObject(root, path);
  if (!at)
    throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrap(
    () => add(at.c, at.key, opValue(op)),
    (e) => `error in add for path: '${path}': ${e}`,
  );
}

function applyRemove(root: Container, op: JsonMap): void {
  const path = wrap(
    () => field(op, 'path'),
    () => `remove operation failed to decode path: ${MISSING}`,
  );
  const at = findObject(root, path);
  if (!at)
    throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrap(
    () => remove(at.c, at.key),
    (e) => `error in remove for path: '${path}': ${e}`,
  );
}

function applyReplace(holder: { root: Container }, op: JsonMap): void {
  const path = wrap(
    () => field(op, 'path'),
    (e) => `replace operation failed to decode path: ${e}`,
  );
  if (path === '') {
    const v = op.value;
    // v4.12 "wraps" a nil error here, which is no error: a scalar whole-document value is ignored.
    if (Array.isArray(v) || isMap(v)) holder.root = clone(v);
    return;
  }
  const at = findObject(holder.root, path);
  if (!at)
    throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  wrap(
    () => get(at.c, at.key),
    () => `replace operation does not apply: doc is missing key: ${path}: ${MISSING}`,
  );
  // A map key that is absent is added, as the library does.
  set(at.c, at.key, opValue(op));
}

function applyMove(root: Container, op: JsonMap): void {
  const from = wrap(
    () => field(op, 'from'),
    (e) => `move operation failed to decode from: ${e}`,
  );
  const src = findObject(root, from);
  if (!src)
    throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = wrap(
    () => get(src.c, src.key),
    (e) => `error in move for path: '${src.key}': ${e}`,
  );
  wrap(
    () => remove(src.c, src.key),
    (e) => `error in move for path: '${src.key}': ${e}`,
  );
  const path = wrap(
    () => field(op, 'path'),
    (e) => `move operation failed to decode path: ${e}`,
  );
  const dst = findObject(root, path);
  if (!dst)
    throw new JsonPatchError(
      `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
    );
  wrap(
    () => add(dst.c, dst.key, value),
    (e) => `error in move for path: '${path}': ${e}`,
  );
}

function applyTest(root: Container, op: JsonMap): void {
  const path = wrap(
    () => field(op, 'path'),
    (e) => `test operation failed to decode path: ${e}`,
  );
  const failed = () => new JsonPatchError(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (!('value' in op) || !deepEqual(root, op.value)) throw failed();
    return;
  }
  const at = findObject(root, path);
  if (!at) throw new JsonPatchError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const actual = wrap(
    () => get(at.c, at.key),
    (e) => `error in test for path: '${path}': ${e}`,
  );
  // A missing or null value matches an absent or null `value`.
  if (actual === null || actual === undefined) {
    if (op.value === undefined || op.value === null) return;
    throw failed();
  }
  if (!('value' in op) || !deepEqual(actual, op.value)) throw failed();
}

function applyCopy(root: Container, op: JsonMap): void {
  const from = wrap(
    () => field(op, 'from'),
    (e) => `copy operation failed to decode from: ${e}`,
  );
  const src = findObject(root, from);
  if (!src)
    throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = wrap(
    () => get(src.c, src.key),
    (e) => `error in copy for from: '${from}': ${e}`,
  );
  const path = wrap(
    () => field(op, 'path'),
    () => `copy operation failed to decode path: ${MISSING}`,
  );
  const dst = findObject(root, path);
  if (!dst)
    throw new JsonPatchError(
      `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`,
    );
  wrap(
    () => add(dst.c, dst.key, clone(value)),
    (e) => `error while adding value during copy: ${e}`,
  );
}
