// What a workload describer gets besides the object: its pods, events and the clock, and a way to
// list related objects (ReplicaSets of a Deployment, Endpoints of a Service).
import type { ObjectSource } from '../../api/reader.js';
import type { KObject } from '../../api/types.js';

export interface WorkloadContext {
  pods: KObject[];
  events: KObject[] | undefined;
  now: number;
  store: Pick<ObjectSource, 'list'>;
}
