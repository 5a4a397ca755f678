// `mkube logs`: print a container's log as kubectl does. The pod comes from the store, the
// container from Docker by the pod's uid; the kubelet keeps the previous attempt for --previous.
import type { Command } from 'commander';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError, UserError } from '../api/errors.js';
import { POD } from '../api/kinds.js';
import { matchesLabels, parseLabelSelector } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { ObservedContainer } from '../runtime/types.js';
import type { Ctx } from './context.js';
import { goDurationMs } from './flag-values.js';
import { boolFlags, namespaceFlags, namespaceOf } from './flags.js';
import { LogWriter } from './log-writer.js';
import { defaultContainer, logsTarget, podHasContainer, resolvePod } from './pod-target.js';

interface LogsFlags {
  namespace?: string;
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tail: string;
  timestamps?: boolean;
  since?: string;
  sinceTime?: string;
  allContainers?: boolean;
  prefix?: boolean;
  limitBytes?: string;
  selector?: string;
  podRunningTimeout: string;
  ignoreErrors?: boolean;
  maxLogRequests: string;
}

/** One container's log to print. */
interface Request {
  pod: KObject;
  container: string;
}

const USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'mkube logs -h' for help and examples";

export function register(program: Command, ctx: Ctx): void {
  const cmd = program
    .command('logs')
    .description('Print the logs for a container in a pod')
    .usage('[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]')
    .argument('[target]', 'POD or TYPE/NAME')
    .argument('[container]', 'container name (deprecated: use -c)')
    .option('-c, --container <name>', 'Print the logs of this container')
    .option(
      '--tail <lines>',
      'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
      '-1',
    )
    .option(
      '--since <duration>',
      'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs.',
    )
    .option('--since-time <time>', 'Only return logs after a specific date (RFC3339). Defaults to all logs.')
    .option('--limit-bytes <bytes>', 'Maximum bytes of logs to return. Defaults to no limit.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option(
      '--pod-running-timeout <duration>',
      'The length of time to wait until at least one pod is running',
      '20s',
    )
    .option(
      '--max-log-requests <n>',
      'Maximum number of concurrent logs to follow when using by a selector.',
      '5',
    );
  namespaceFlags(cmd);
  boolFlags(cmd, [
    ['-f, --follow', 'Specify if the logs should be streamed.'],
    [
      '-p, --previous',
      'If true, print the logs for the previous instance of the container in a pod if it exists.',
    ],
    ['--timestamps', 'Include timestamps on each line in the log output'],
    ['--all-containers', "Get all containers' logs in the pod(s)."],
    ['--prefix', 'Prefix each log line with the log source (pod name and container name)'],
    ['--ignore-errors', 'If watching / following pod logs, allow for any errors that occur to be non-fatal'],
  ]);
  cmd.action(async (target: string | undefined, container: string | undefined, flags: LogsFlags) => {
    await runLogs(ctx, target, container, flags);
  });
}

function parseFlags(flags: LogsFlags, target: string | undefined, container: string | undefined) {
  if (!target && !flags.selector) throw new UserError(USAGE);
  if (target && flags.selector) throw new UserError('only a selector (-l) or a POD name is allowed');
  const containerName = flags.container ?? container;
  if (flags.allContainers && containerName) {
    throw new UserError(`--all-containers=true should not be specified with container name ${containerName}`);
  }
  if (!/^-?\d+$/.test(flags.tail)) {
    throw new UserError(
      `invalid argument "${flags.tail}" for "--tail" flag: strconv.ParseInt: parsing "${flags.tail}": invalid syntax`,
    );
  }
  let tail = Number(flags.tail);
  if (tail < 0 && flags.selector && flags.tail === '-1') tail = 10;
  let since: number | undefined;
  if (flags.since !== undefined) {
    const ms = goDurationMs(flags.since);
    if (ms === undefined) {
      throw new UserError(
        `invalid argument "${flags.since}" for "--since" flag: time: invalid duration "${flags.since}"`,
      );
    }
    if (ms > 0) since = (Date.now() - ms) / 1000;
  }
  if (flags.sinceTime !== undefined) {
    if (since !== undefined)
      throw new UserError('at most one of `sinceTime` or `sinceSeconds` may be specified');
    const ms = Date.parse(flags.sinceTime);
    if (!/^\d{4}-\d\d-\d\dT/.test(flags.sinceTime) || Number.isNaN(ms)) {
      throw new UserError(
        `parsing time "${flags.sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${flags.sinceTime}" as "2006"`,
      );
    }
    since = ms / 1000;
  }
  const limitBytes = flags.limitBytes === undefined ? undefined : Number(flags.limitBytes);
  if (limitBytes !== undefined && !(limitBytes >= 0))
    throw new UserError('--limit-bytes must be greater than 0');
  const timeoutMs = goDurationMs(flags.podRunningTimeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    throw new UserError('--pod-running-timeout must be higher than zero');
  return { containerName, tail: tail < 0 ? undefined : tail, since, limitBytes, timeoutMs };
}

async function runLogs(
  ctx: Ctx,
  target: string | undefined,
  container: string | undefined,
  flags: LogsFlags,
) {
  const parsed = parseFlags(flags, target, container);
  const store = ctx.store();
  let pods: KObject[];
  if (target) {
    pods = [
      await resolvePod({
        store,
        namespace: namespaceOf(flags).namespace,
        target,
        verb: 'logs',
        timeoutMs: parsed.timeoutMs,
        err: ctx.err,
      }),
    ];
  } else {
    const selector = parseLabelSelector(flags.selector!);
    pods = store
      .list(POD, { namespace: namespaceOf(flags).namespace })
      .filter((p) => matchesLabels(selector, p.metadata.labels));
    if (pods.length === 0) {
      ctx.err.write(`No resources found in ${namespaceOf(flags).namespace} namespace.\n`);
      return;
    }
  }
  const requests = pods.flatMap((pod) =>
    requestsFor(ctx, pod as unknown as Pod, parsed.containerName, flags),
  );
  const maxRequests = Number(flags.maxLogRequests);
  if (flags.follow && requests.length > maxRequests) {
    throw new UserError(
      `you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  }
  const runtime = await ctx.runtime();
  const observedByPod = new Map<string, ObservedContainer[]>();
  const print = async (req: Request) => {
    const uid = req.pod.metadata.uid ?? '';
    if (!observedByPod.has(uid)) observedByPod.set(uid, await runtime.listContainers({ podUid: uid }));
    const chosen = logsTarget(
      req.pod as unknown as Pod,
      req.container,
      observedByPod.get(uid)!,
      flags.previous ?? false,
    );
    const writer = new LogWriter({
      out: ctx.out,
      timestamps: flags.timestamps ?? false,
      prefix: flags.prefix ? `[pod/${req.pod.metadata.name}/${req.container}] ` : undefined,
      limitBytes: parsed.limitBytes,
    });
    try {
      // kubectl gets one stream from the kubelet: the container's stdout and stderr both go to stdout.
      await runtime.logs(chosen.id, {
        follow: flags.follow ?? false,
        tail: parsed.tail,
        timestamps: flags.timestamps ?? false,
        since: parsed.since,
        stdout: writer,
        stderr: writer,
      });
    } catch (err) {
      if ((err as Error).name === 'RuntimeError') throw new UserError((err as Error).message);
      throw err;
    } finally {
      writer.flushPartial();
    }
  };
  await consume(
    ctx,
    requests,
    print,
    (flags.follow ?? false) && requests.length > 1,
    flags.ignoreErrors ?? false,
  );
}

function requestsFor(ctx: Ctx, pod: Pod, containerName: string | undefined, flags: LogsFlags): Request[] {
  const obj = pod as unknown as KObject;
  if (flags.allContainers) {
    const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    return names.map((container) => ({ pod: obj, container }));
  }
  if (containerName) {
    if (!podHasContainer(pod, containerName)) {
      throw new ApiError(
        'BadRequest',
        `container ${containerName} is not valid for pod ${pod.metadata?.name}`,
      );
    }
    return [{ pod: obj, container: containerName }];
  }
  const choice = defaultContainer(pod, 'logs');
  for (const notice of choice.notices) ctx.err.write(`${notice}\n`);
  return [{ pod: obj, container: choice.name }];
}

/** In order, or all at once when following several streams; the first error ends it unless ignored. */
async function consume(
  ctx: Ctx,
  requests: Request[],
  print: (r: Request) => Promise<void>,
  parallel: boolean,
  ignoreErrors: boolean,
): Promise<void> {
  const guarded = async (r: Request) => {
    try {
      await print(r);
    } catch (err) {
      if (!ignoreErrors) throw err;
      ctx.err.write(`error: ${(err as Error).message}\n`);
    }
  };
  if (parallel) {
    await Promise.all(requests.map(guarded));
    return;
  }
  for (const r of requests) await guarded(r);
}
