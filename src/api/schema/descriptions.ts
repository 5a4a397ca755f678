// The doc comments of the generated schema (descriptions.gen.json, written by generate.mjs): read
// from disk the first time OpenAPI or `explain` needs them, never at the CLI's start-up (they are
// ~350 KB, most commands never look at them).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One struct of fields.gen.ts: its kubernetes-types module, its doc and its fields' docs. */
export interface StructDocs {
  /** kubernetes-types module: `core/v1`, `meta/v1`, `apps/v1`. */
  m: string;
  d: string;
  f: Record<string, string>;
  /** Fields whose type code stands for a named leaf type: `creationTimestamp` -> `Time`. */
  l?: Record<string, string>;
}

export interface SchemaDocs {
  structs: Record<string, StructDocs>;
  /** The leaf types (Time, Quantity, RawExtension, ...): module and doc. */
  leaves: Record<string, { m: string; d: string }>;
}

const FILE = 'descriptions.gen.json';

/** The data file, found from wherever this module was loaded (source, or the bundle in dist/). */
function locate(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, FILE), join(dir, 'src', 'api', 'schema', FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find ${FILE}`);
}

let loaded: SchemaDocs | undefined;

export function schemaDocs(): SchemaDocs {
  loaded ??= JSON.parse(readFileSync(locate(), 'utf8')) as SchemaDocs;
  return loaded;
}
