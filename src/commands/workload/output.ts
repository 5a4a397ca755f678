// What a mutating verb prints for each object: kubectl's NamePrinter line
// (`deployment.apps/web scaled`), or the object with -o yaml|json|name|jsonpath (src/printers).
import { type KindInfo, qualifiedKind } from '../../api/kinds.js';
import type { KObject } from '../../api/types.js';
import type { GenericPrinter } from '../../printers/output.js';
import { type DryRun, dryRunSuffix } from '../flag-values.js';

export interface PrintOptions {
  output?: string;
  dryRun?: DryRun;
}

/** `deployment.apps/web`, `pod/x`: how kubectl names an object in messages. */
export function objectName(kind: KindInfo, name: string | undefined): string {
  return `${qualifiedKind(kind)}/${name ?? ''}`;
}

/**
 * One printer per command run, as kubectl's PrintFlags.ToPrinter: the operation line by default,
 * else the -o format (yaml documents after the first get a `---`). The printers load only for -o.
 */
export class VerbPrinter {
  private constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly dryRun: DryRun,
    private readonly generic?: GenericPrinter,
  ) {}

  /** Validates -o (kubectl's wording) before the verb does anything. */
  static async create(
    out: NodeJS.WritableStream,
    output: string | undefined,
    dryRun: DryRun = 'none',
    /** typed: kubectl prints a typed object here (create deployment, run, expose): Go's key order. */
    opts: { typed?: boolean } = {},
  ) {
    if (!output) return new VerbPrinter(out, dryRun);
    const { GenericPrinter, parseOutputFormat } = await import('../../printers/output.js');
    const format = parseOutputFormat(output, { allowWide: false });
    if (format.type === 'table') return new VerbPrinter(out, dryRun);
    return new VerbPrinter(out, dryRun, new GenericPrinter(format, (s) => out.write(s), opts));
  }

  print(kind: KindInfo, obj: KObject, operation: string): void {
    if (this.generic) this.generic.print(obj);
    else {
      const op = operation ? ` ${operation}${dryRunSuffix(this.dryRun)}` : '';
      this.out.write(`${objectName(kind, obj.metadata.name)}${op}\n`);
    }
  }
}
