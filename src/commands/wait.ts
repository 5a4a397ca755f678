// `mkube wait --for=condition=X|delete|create|jsonpath=...` (kubectl cmd/wait): follow each object
// through the store's watch until the condition holds, one object after another, all under one
// deadline.
import type { Command } from 'commander';
import { ApiError, UserError } from '../api/errors.js';
import { type KindInfo, qualifiedResource } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import { type ResourceFlags, type ResourceRequest, requestFromFlags, resolveResources } from './builder.js';
import type { Ctx } from './context.js';
import { boolFlags, filenameFlags, namespaceFlags, outputFlag, selectorFlags, timeoutFlag } from './flags.js';
import { throwIfAny } from './workload/errors.js';
import { VerbPrinter } from './workload/output.js';
import {
  conditionMet,
  jsonPathMet,
  parseWaitFor,
  type ResultFinder,
  type WaitFor,
} from './workload/wait-for.js';
import { watchObject } from './workload/watch-object.js';

const WEEK_MS = 168 * 3600 * 1000;

interface WaitOpts extends ResourceFlags {
  for?: string;
  timeout: number;
  output?: string;
}

type Check = (obj: KObject) => boolean;

async function checkFor(waitFor: WaitFor): Promise<Check | undefined> {
  if (waitFor.type === 'condition') return (obj) => conditionMet(obj, waitFor.name, waitFor.value);
  if (waitFor.type !== 'jsonpath') return undefined;
  const { JsonPath } = await import('../printers/jsonpath/index.js');
  let finder: ResultFinder;
  try {
    finder = new JsonPath(waitFor.expression, { allowMissingKeys: true });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  return (obj) => jsonPathMet(obj, finder, waitFor.value);
}

interface One {
  ctx: Ctx;
  kind: KindInfo;
  obj: KObject;
  timeoutMs: number;
  deadline: number;
}

const objectRef = (kind: KindInfo, obj: KObject) => `${kind.plural}/${obj.metadata.name}`;

/** condition.go getObjAndCheckCondition: the object once `check` holds. */
async function untilCondition(one: One, check: Check): Promise<KObject> {
  const { ctx, kind, obj } = one;
  const name = obj.metadata.name!;
  const notFound = () => ApiError.notFound(qualifiedResource(kind), name);
  if (one.timeoutMs === 0) {
    const current = ctx.store().get(kind, obj.metadata.namespace, name);
    if (!current) throw notFound();
    if (!check(current)) throw new UserError(`condition not met for ${objectRef(kind, obj)}`);
    return current;
  }
  const remaining = one.deadline - Date.now();
  const timedOut = new UserError(`timed out waiting for the condition on ${objectRef(kind, obj)}`);
  if (remaining <= 0) throw timedOut;
  let last = obj;
  const result = await watchObject(ctx.store(), {
    kind,
    namespace: obj.metadata.namespace,
    name,
    timeoutMs: remaining,
    precondition: (current) => {
      if (!current) throw notFound();
      return false;
    },
    onEvent: (type, current) => {
      if (type === 'DELETED') return false;
      last = current;
      return check(current);
    },
  });
  if (result === 'timeout') throw timedOut;
  return last;
}

/** delete.go IsDeleted: done when the object is gone (already gone counts). */
async function untilDeleted(one: One): Promise<KObject> {
  const { ctx, kind, obj } = one;
  const name = obj.metadata.name!;
  const current = ctx.store().get(kind, obj.metadata.namespace, name);
  if (!current) return obj;
  if (current.metadata.uid !== obj.metadata.uid) return current;
  if (one.timeoutMs === 0) throw new UserError(`condition not met for ${objectRef(kind, obj)}`);
  const remaining = one.deadline - Date.now();
  const timedOut = new UserError(`timed out waiting for the condition on ${objectRef(kind, obj)}`);
  if (remaining <= 0) throw timedOut;
  const result = await watchObject(ctx.store(), {
    kind,
    namespace: obj.metadata.namespace,
    name,
    timeoutMs: remaining,
    precondition: (now) => !now,
    onEvent: (type) => type === 'DELETED',
  });
  if (result === 'timeout') throw timedOut;
  return current;
}

/** --for=create: until every named object exists (re-checked on each store change). */
async function untilCreated(ctx: Ctx, q: ResourceRequest, deadline: number): Promise<void> {
  const store = ctx.store();
  for (;;) {
    const rv = store.resourceVersion();
    const { errors } = await resolveResources(store, q);
    const missing = errors.filter((e) => e instanceof ApiError && e.reason === 'NotFound');
    if (missing.length === 0) {
      throwIfAny(errors);
      return;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new UserError('timed out waiting for the condition');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, remaining);
      const watcher = store.watch(rv, done, { onExpired: done });
      function done() {
        clearTimeout(timer);
        watcher.stop();
        resolve();
      }
    });
  }
}

async function run(ctx: Ctx, args: string[], o: WaitOpts): Promise<void> {
  const waitFor = parseWaitFor(o.for ?? '');
  const check = await checkFor(waitFor);
  const timeoutMs = o.timeout < 0 ? WEEK_MS : o.timeout;
  const deadline = Date.now() + timeoutMs;
  const printer = await VerbPrinter.create(ctx.out, o.output);
  const query = { ...requestFromFlags(args, o), stdin: ctx.in };
  if (waitFor.type === 'create') await untilCreated(ctx, query, deadline);
  const { found, errors } = await resolveResources(ctx.store(), query);
  const isDelete = waitFor.type === 'delete';
  const failures: unknown[] = isDelete
    ? errors.filter((e) => !(e instanceof ApiError && e.reason === 'NotFound'))
    : [...errors];
  for (const { kind, obj } of found) {
    const one = { ctx, kind, obj, timeoutMs, deadline };
    try {
      const final = isDelete ? await untilDeleted(one) : check ? await untilCondition(one, check) : obj;
      printer.print(kind, final, 'condition met');
    } catch (e) {
      failures.push(e);
    }
  }
  throwIfAny(failures);
  if (found.length === 0 && !isDelete) throw new UserError('no matching resources found');
}

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('wait')
    .description('Experimental: Wait for a specific condition on one or many resources')
    .usage(
      "([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
    )
    .argument('[args...]')
    .option(
      '--for <condition>',
      "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.",
    );
  timeoutFlag(
    cmd,
    "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
    '30s',
  );
  selectorFlags(cmd, true);
  filenameFlags(cmd, 'identifying the resource.', true, false);
  outputFlag(cmd);
  boolFlags(cmd, [['--all', 'Select all resources in the namespace of the specified resource types']]);
  namespaceFlags(cmd, true);
  cmd.action((args: string[], o: WaitOpts) => run(ctx, args, o));
}
