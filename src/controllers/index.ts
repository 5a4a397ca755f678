// Every controller the agent runs (kube-controller-manager's list, for the kinds mkube knows).
import type { ControllerFactory } from './controller.js';
import { cronJobController } from './cronjob/cronjob.js';
import { daemonSetController } from './daemonset/daemonset.js';
import { deploymentController } from './deployment/deployment.js';
import { endpointsController } from './endpoints/endpoints.js';
import { endpointSliceController } from './endpointslice/endpointslice.js';
import { garbageCollector } from './gc/garbage-collector.js';
import { hpaController } from './hpa/hpa.js';
import { jobController } from './job/job.js';
import { ttlAfterFinishedController } from './job/ttl-after-finished.js';
import { namespaceController } from './namespace.js';
import { ephemeralVolumeController } from './pv-binder/ephemeral.js';
import { pvController } from './pv-binder/pv-controller.js';
import { replicaSetController, replicationControllerController } from './replicaset/replicaset.js';
import { rootCaPublisher } from './root-ca-publisher.js';
import { serviceAccountController } from './serviceaccount.js';
import { statefulSetController } from './statefulset/statefulset.js';

export const CONTROLLERS: readonly ControllerFactory[] = [
  namespaceController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  replicationControllerController,
  statefulSetController,
  endpointsController,
  endpointSliceController,
  (ctx) => pvController(ctx),
  ephemeralVolumeController,
  hpaController,
  jobController,
  ttlAfterFinishedController,
  daemonSetController,
  cronJobController,
  serviceAccountController,
  rootCaPublisher,
];
