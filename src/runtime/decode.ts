// Docker's list and inspect answers -> ObservedContainer. Lenient: every field may be missing.
import { decodeLabels, type Labels } from './labels.js';
import { LABELS, type ObservedContainer } from './types.js';

/** The fields of a `GET /containers/json` entry that mkube reads. */
export interface ListEntry {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Labels?: Labels | null;
  State?: string;
  Status?: string;
  /** Unix seconds. */
  Created?: number;
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string } | undefined> | null } | null;
}

/** The fields of a `GET /containers/<id>/json` answer that mkube reads. */
export interface InspectInfo {
  Id: string;
  Name?: string;
  Created?: string;
  Image?: string;
  Config?: { Image?: string; Labels?: Labels | null } | null;
  State?: {
    Status?: string;
    ExitCode?: number;
    Pid?: number;
    OOMKilled?: boolean;
    StartedAt?: string;
    FinishedAt?: string;
  } | null;
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string } | undefined> | null } | null;
}

const STATES: readonly ObservedContainer['state'][] = [
  'created',
  'running',
  'exited',
  'paused',
  'restarting',
  'removing',
  'dead',
];

export function decodeState(s: string | undefined): ObservedContainer['state'] {
  const lower = (s ?? '').toLowerCase() as ObservedContainer['state'];
  return STATES.includes(lower) ? lower : 'dead';
}

/** ISO time with milliseconds; undefined for Docker's zero time `0001-01-01T00:00:00Z` or junk. */
export function dockerTime(s: string | undefined | null): string | undefined {
  if (!s || s.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `Exited (137) 3 seconds ago` -> 137; the list's only hint of an exit code. */
export function exitCodeFromStatus(status: string | undefined): number {
  const m = /\((-?\d+)\)/.exec(status ?? '');
  return m ? Number(m[1]) : 0;
}

/** A sandbox's address: Docker's on the network, else the one mkube plumbed itself (its label). */
function sandboxAddress(
  observed: ObservedContainer,
  settings: ListEntry['NetworkSettings'] | InspectInfo['NetworkSettings'],
  network: string,
  labels: Labels | null | undefined,
): void {
  const docker = settings?.Networks?.[network]?.IPAddress;
  const own = labels?.[LABELS.podIP];
  if (docker) observed.ip = docker;
  else if (own) {
    observed.ip = own;
    observed.ownNetwork = true;
  }
}

/** From a list entry alone (no times, no OOM flag); undefined when not a pod's container. */
export function fromListEntry(entry: ListEntry, network: string): ObservedContainer | undefined {
  const id = decodeLabels(entry.Labels);
  if (!id) return undefined;
  const observed: ObservedContainer = {
    ...id,
    id: entry.Id,
    dockerName: (entry.Names?.[0] ?? '').replace(/^\//, ''),
    image: entry.Image ?? '',
    imageId: entry.ImageID ?? '',
    state: decodeState(entry.State),
    exitCode: exitCodeFromStatus(entry.Status),
    oomKilled: false,
    createdAt: entry.Created ? new Date(entry.Created * 1000).toISOString() : undefined,
  };
  if (id.type === 'sandbox') sandboxAddress(observed, entry.NetworkSettings, network, entry.Labels);
  return observed;
}

/** From an inspect answer: the complete picture. */
export function fromInspect(info: InspectInfo, network: string): ObservedContainer | undefined {
  const id = decodeLabels(info.Config?.Labels);
  if (!id) return undefined;
  const state = info.State ?? {};
  const observed: ObservedContainer = {
    ...id,
    id: info.Id,
    dockerName: (info.Name ?? '').replace(/^\//, ''),
    image: info.Config?.Image ?? '',
    imageId: info.Image ?? '',
    state: decodeState(state.Status),
    exitCode: state.ExitCode ?? 0,
    oomKilled: state.OOMKilled ?? false,
    createdAt: dockerTime(info.Created),
    startedAt: dockerTime(state.StartedAt),
    finishedAt: dockerTime(state.FinishedAt),
  };
  // Docker records StartedAt when start returns, which can be after a quick process has already
  // exited: a container never finishes before it starts.
  if (observed.startedAt && observed.finishedAt && observed.finishedAt < observed.startedAt) {
    observed.startedAt = observed.finishedAt;
  }
  if (id.type === 'sandbox') sandboxAddress(observed, info.NetworkSettings, network, info.Config?.Labels);
  if (state.Pid) observed.pid = state.Pid;
  return observed;
}

/**
 * Merge: the list's current state and name with the inspected details. Used when an inspect is
 * cached from an earlier sync for the same (id, state).
 */
export function mergeObserved(listed: ObservedContainer, inspected: ObservedContainer): ObservedContainer {
  return { ...inspected, state: listed.state, dockerName: listed.dockerName, ip: listed.ip ?? inspected.ip };
}
