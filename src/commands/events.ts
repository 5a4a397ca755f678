// `mkube events [--for TYPE/NAME] [--types=Warning,Normal] [-w] [-A] [-o ...]`: kubectl events.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { EVENT } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { TabWriter } from '../printers/tabwriter.js';
import { kindOrThrow } from './builder.js';
import type { Ctx } from './context.js';
import { type EventFilter, eventHeader, eventRow, selectEvents } from './events-view.js';
import { boolFlags, commaList, namespaceFlags, namespaceOf, outputFlag } from './flags.js';

interface EventsFlags {
  namespace?: string;
  allNamespaces?: boolean;
  for?: string;
  types?: string[];
  watch?: boolean;
  output?: string;
  noHeaders?: boolean;
  template?: string;
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('events')
    .description('List events')
    .usage(
      '[(-o|--output=)json|yaml|name|jsonpath] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
    )
    .option('--for <resource>', 'Filter events to only those pertaining to the specified resource.')
    .option('--types <types>', 'Output only events of given types.', commaList)
    .option(
      '--template <template>',
      'Template string or path to template file to use when -o=go-template, -o=go-template-file.',
    );
  namespaceFlags(cmd, true);
  outputFlag(cmd);
  boolFlags(cmd, [
    ['-w, --watch', 'After listing the requested events, watch for more events.'],
    ['--no-headers', "When using the default output format, don't print headers."],
  ]);
  cmd.action((flags: EventsFlags) => runEvents(ctx, flags));
}

function filterOf(flags: EventsFlags): EventFilter {
  const types = flags.types ?? [];
  for (const t of types) {
    if (!['normal', 'warning'].includes(t.toLowerCase()))
      throw new UserError('valid --types are Normal or Warning');
  }
  if (flags.for === undefined) return { types };
  const slash = flags.for.indexOf('/');
  if (slash <= 0 || slash === flags.for.length - 1)
    throw new UserError('--for must be in resource/name form');
  const kind = kindOrThrow(flags.for.slice(0, slash));
  return { forKind: kind.kind.toLowerCase(), forName: flags.for.slice(slash + 1), types };
}

async function runEvents(ctx: Ctx, flags: EventsFlags): Promise<void> {
  const filter = filterOf(flags);
  const all = !!flags.allNamespaces;
  const { namespace } = namespaceOf(flags);
  const store = ctx.store();
  const inScope = (ev: KObject) => all || ev.metadata.namespace === namespace;
  const events = selectEvents(store.list(EVENT, all ? {} : { namespace }), filter);
  const write = (s: string) => ctx.out.write(s);

  if (flags.output) {
    const { GenericPrinter, parseOutputFormat } = await import('../printers/output.js');
    const format = parseOutputFormat(flags.output, { template: flags.template, allowWide: false });
    if (format.type === 'table')
      throw new UserError(`unable to match a printer suitable for the output format "${flags.output}"`);
    const printer = new GenericPrinter(format, write);
    if (!flags.watch) {
      printer.print({ apiVersion: 'v1', kind: 'List', items: events, metadata: { resourceVersion: '' } });
      return;
    }
    for (const ev of events) printer.print(ev);
    await follow(
      ctx,
      store.resourceVersion(),
      (ev) => inScope(ev) && selectEvents([ev], filter).length > 0,
      (ev) => printer.print(ev),
    );
    return;
  }

  const tabs = TabWriter.forTables(write);
  const row = (ev: KObject) => tabs.write(`${eventRow(ev, Date.now(), all).join('\t')}\n`);
  if (events.length === 0 && !flags.watch) {
    ctx.err.write(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return;
  }
  if (!flags.noHeaders) tabs.write(`${eventHeader(all).join('\t')}\n`);
  for (const ev of events) row(ev);
  tabs.flush();
  if (!flags.watch) return;
  await follow(
    ctx,
    store.resourceVersion(),
    (ev) => inScope(ev) && selectEvents([ev], filter).length > 0,
    (ev) => {
      row(ev);
      tabs.flush();
    },
  );
}

/** Every added or changed event after `from`, until interrupted. */
function follow(
  ctx: Ctx,
  from: number,
  keep: (ev: KObject) => boolean,
  emit: (ev: KObject) => void,
): Promise<void> {
  return new Promise(() => {
    ctx.store().watch(from, (w) => {
      if (w.object.kind !== 'Event' || w.type === 'DELETED') return;
      if (keep(w.object)) emit(w.object);
    });
  });
}
