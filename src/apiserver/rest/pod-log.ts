// GET pods/NAME/log: the container's log through the runtime, as the API server proxies the
// kubelet's: container chosen or checked as ValidateContainer does, then the kubelet's choice of
// attempt (previous), timestamps, tailLines, sinceSeconds/sinceTime, limitBytes; streamed as
// text/plain, and with follow until the container stops.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../api/errors.js';
import { qualifiedResource } from '../../api/kinds.js';
import { parseTime } from '../../printers/duration.js';
import { logsTarget } from '../../runtime/log-target.js';
import { LogWriter } from '../../runtime/log-writer.js';
import { intParam, type RestRequest } from './request.js';
import { badRequest } from './status.js';

const names = (list: Array<{ name: string }> | undefined) => (list ?? []).map((c) => c.name).join(' ');

/** The container a log request is for (pkg/registry/core/pod ValidateContainer). */
export function logContainer(pod: Pod, container: string | null): string {
  const podName = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  if (!container) {
    if (containers.length === 1) return containers[0]!.name;
    let message = `a container name must be specified for pod ${podName}, choose one of: [${names(containers)}]`;
    if (pod.spec?.initContainers?.length)
      message += ` or one of the init containers: [${names(pod.spec.initContainers)}]`;
    throw badRequest(message);
  }
  const all = [...containers, ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === container))
    throw badRequest(`container ${container} is not valid for pod ${podName}`);
  return container;
}

const isTrue = (v: string | null) => v === 'true' || v === '1';

export async function servePodLog(r: RestRequest): Promise<void> {
  const { route, query, ctx, res } = r;
  const pod = ctx.registry.get(route.kind, route.namespace, route.name!) as unknown as Pod | undefined;
  if (!pod) throw ApiError.notFound(qualifiedResource(route.kind), route.name!);
  const container = logContainer(pod, query.get('container'));
  const tail = intParam(query, 'tailLines');
  const limitBytes = intParam(query, 'limitBytes');
  const sinceSeconds = intParam(query, 'sinceSeconds');
  const sinceTime = query.get('sinceTime');
  if (sinceSeconds !== undefined && sinceSeconds < 1) {
    throw new ApiError(
      'Invalid',
      'PodLogOptions "" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0',
    );
  }
  let since: number | undefined;
  if (sinceSeconds !== undefined) since = Math.floor(Date.now() / 1000) - sinceSeconds;
  else if (sinceTime) since = Math.floor((parseTime(sinceTime) ?? 0) / 1000);
  const runtime = await ctx.runtime();
  const observed = await runtime.listContainers({ podUid: pod.metadata?.uid ?? '' });
  const target = logsTarget(pod, container, observed, isTrue(query.get('previous')));
  const follow = isTrue(query.get('follow'));
  const timestamps = isTrue(query.get('timestamps'));

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  // The client may hang up while the log still streams: stop writing, never write after the end.
  const out = {
    write: (b: Buffer | string) => (res.destroyed || res.writableEnded ? true : res.write(b)),
  } as unknown as NodeJS.WritableStream;
  const writer = new LogWriter({ out, timestamps, limitBytes });
  // A followed log lasts as long as the container: stop reading it when the client goes away.
  const hangUp = new AbortController();
  res.on('close', () => hangUp.abort());
  try {
    const signal = hangUp.signal;
    await runtime.logs(target.id, {
      follow,
      tail,
      timestamps,
      since,
      stdout: writer,
      stderr: writer,
      signal,
    });
  } catch (err) {
    ctx.log(`pods/log ${route.namespace}/${route.name}: ${(err as Error).message}`);
  } finally {
    writer.flushPartial();
    res.end();
  }
}
