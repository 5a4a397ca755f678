// Container events of one state dir, from Docker's event stream filtered by the home label. The
// stream is re-opened when it ends (an engine restart), backing off while the engine is away;
// unsubscribe closes it for good.
import type Docker from 'dockerode';
import { ReconnectBackoff } from './reconnect.js';
import { LABELS, type RuntimeEvent } from './types.js';

interface DockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/** One line of the event stream -> RuntimeEvent; `exec_start: sh -c ...` keeps `exec_start`. */
export function decodeEvent(line: string): RuntimeEvent | undefined {
  let ev: DockerEvent;
  try {
    ev = JSON.parse(line) as DockerEvent;
  } catch {
    return undefined;
  }
  if (ev.Type && ev.Type !== 'container') return undefined;
  const action = (ev.Action ?? ev.status ?? '').split(':')[0]!.trim();
  const containerId = ev.Actor?.ID ?? ev.id ?? '';
  if (!action || !containerId) return undefined;
  const podUid = ev.Actor?.Attributes?.[LABELS.podUid];
  return podUid ? { action, containerId, podUid } : { action, containerId };
}

export async function subscribeEvents(
  docker: Docker,
  home: string,
  onEvent: (ev: RuntimeEvent) => void,
): Promise<() => void> {
  let stopped = false;
  let current: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  let retry: NodeJS.Timeout | undefined;
  const backoff = new ReconnectBackoff();

  const scheduleReopen = () => {
    if (stopped) return;
    clearTimeout(retry);
    retry = setTimeout(() => void open().catch(scheduleReopen), backoff.next());
    retry.unref();
  };

  const open = async (): Promise<void> => {
    const stream = (await docker.getEvents({
      filters: { type: ['container'], label: [`${LABELS.home}=${home}`] },
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    if (stopped) return stream.destroy?.();
    current = stream;
    backoff.reset();
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const ev = line.trim() ? decodeEvent(line) : undefined;
        if (ev) onEvent(ev);
      }
    });
    // Once per stream: whichever of end/close/error comes first re-opens.
    const ended = () => {
      if (current !== stream) return;
      current = undefined;
      scheduleReopen();
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
  };

  await open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    current?.destroy?.();
  };
}
