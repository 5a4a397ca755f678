import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { type TableOptions, TablePrinter } from '../../../src/printers/table.js';
import { buildTable } from '../../../src/printers/tables/index.js';
import { TabWriter } from '../../../src/printers/tabwriter.js';
import * as f from './fixtures.js';

function render(kind: string, objects: KObject[], opts: TableOptions = {}, eventType?: string): string {
  let out = '';
  const w = TabWriter.forTables((s) => {
    out += s;
  });
  new TablePrinter(opts).print(buildTable(kind, objects, f.NOW), w, eventType);
  w.flush();
  return out;
}

const cases: Array<[string, string, KObject[], string, string]> = [
  [
    'pods',
    'Pod',
    [f.pod('nginx'), f.pod('web-5d7c9f8b6d-x2k4q', 182)],
    `NAME                   READY   STATUS    RESTARTS   AGE
nginx                  1/1     Running   0          10s
web-5d7c9f8b6d-x2k4q   1/1     Running   0          3m2s
`,
    `NAME                   READY   STATUS    RESTARTS   AGE    IP           NODE    NOMINATED NODE   READINESS GATES
nginx                  1/1     Running   0          10s    172.18.0.5   mkube   <none>           <none>
web-5d7c9f8b6d-x2k4q   1/1     Running   0          3m2s   172.18.0.5   mkube   <none>           <none>
`,
  ],
  [
    'deployments',
    'Deployment',
    [f.deployment],
    `NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/3     3            2           3m2s
`,
    `NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS      IMAGES               SELECTOR
web    2/3     3            2           3m2s   nginx,sidecar   nginx:1.25,busybox   app=web
`,
  ],
  [
    'replicasets',
    'ReplicaSet',
    [f.replicaSet],
    `NAME             DESIRED   CURRENT   READY   AGE
web-5d7c9f8b6d   3         3         2       3m
`,
    `NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR
web-5d7c9f8b6d   3         3         2       3m    nginx        nginx:1.25   app=web,pod-template-hash=5d7c9f8b6d
`,
  ],
  [
    'replicationcontrollers',
    'ReplicationController',
    [f.replicationController],
    `NAME     DESIRED   CURRENT   READY   AGE
legacy   2         2         2       40s
`,
    `NAME     DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR
legacy   2         2         2       40s   c            nginx    app=legacy
`,
  ],
  [
    'statefulsets',
    'StatefulSet',
    [f.statefulSet],
    `NAME   READY   AGE
db     1/2     120m
`,
    `NAME   READY   AGE    CONTAINERS   IMAGES
db     1/2     120m   pg           postgres:16
`,
  ],
  [
    'daemonsets',
    'DaemonSet',
    [f.daemonSet],
    `NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE
agent   1         1         1       1            1           kubernetes.io/os=linux   5d
`,
    `NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES    SELECTOR
agent   1         1         1       1            1           kubernetes.io/os=linux   5d    a            agent:1   name=agent
`,
  ],
  [
    'jobs (complete, and running with parallelism)',
    'Job',
    [f.job, f.runningJob],
    `NAME   STATUS     COMPLETIONS   DURATION   AGE
pi     Complete   1/1           18s        2m
loop   Running    0/1 of 2      64s        65s
`,
    `NAME   STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES      SELECTOR
pi     Complete   1/1           18s        2m    pi           perl:5.34   batch.kubernetes.io/controller-uid=abc
loop   Running    0/1 of 2      64s        65s   l            busybox     <none>
`,
  ],
  [
    'services of every type',
    'Service',
    [f.service, f.headless, f.loadBalancer, f.externalName],
    `NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                      AGE
web    NodePort       10.96.0.12   <none>        80:30080/TCP,443:30443/TCP   10m
db     ClusterIP      None         <none>        5432/TCP                     10m
lb     LoadBalancer   10.96.0.40   <pending>     80:31000/TCP                 10m
ext    ExternalName   <none>       example.com   <none>                       10m
`,
    `NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                      AGE   SELECTOR
web    NodePort       10.96.0.12   <none>        80:30080/TCP,443:30443/TCP   10m   app=web
db     ClusterIP      None         <none>        5432/TCP                     10m   <none>
lb     LoadBalancer   10.96.0.40   <pending>     80:31000/TCP                 10m   <none>
ext    ExternalName   <none>       example.com   <none>                       10m   <none>
`,
  ],
  [
    'endpoints',
    'Endpoints',
    [f.endpoints, f.emptyEndpoints],
    `NAME   ENDPOINTS                                                     AGE
web    172.18.0.5:8080,172.18.0.6:8080,172.18.0.5:8443 + 1 more...   10m
db     <none>                                                        10m
`,
    `NAME   ENDPOINTS                                                     AGE
web    172.18.0.5:8080,172.18.0.6:8080,172.18.0.5:8443 + 1 more...   10m
db     <none>                                                        10m
`,
  ],
  [
    'configmaps',
    'ConfigMap',
    [f.configMap],
    `NAME       DATA   AGE
settings   3      25h
`,
    `NAME       DATA   AGE
settings   3      25h
`,
  ],
  [
    'secrets',
    'Secret',
    [f.secret],
    `NAME    TYPE     DATA   AGE
creds   Opaque   2      30s
`,
    `NAME    TYPE     DATA   AGE
creds   Opaque   2      30s
`,
  ],
  [
    'namespaces',
    'Namespace',
    [f.namespace],
    `NAME   STATUS   AGE
demo   Active   45d
`,
    `NAME   STATUS   AGE
demo   Active   45d
`,
  ],
  [
    'nodes',
    'Node',
    [f.node],
    `NAME    STATUS   ROLES           AGE    VERSION
mkube   Ready    control-plane   3h5m   v1.32.0
`,
    `NAME    STATUS   ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME
mkube   Ready    control-plane   3h5m   v1.32.0   172.18.0.1    <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-18-amd64   docker://27.3.1
`,
  ],
  [
    'events',
    'Event',
    [f.event],
    `LAST SEEN   TYPE     REASON   OBJECT      MESSAGE
20s         Normal   Pulled   pod/nginx   Successfully pulled image "nginx"
`,
    `LAST SEEN   TYPE     REASON   OBJECT      SUBOBJECT                SOURCE           MESSAGE                             FIRST SEEN   COUNT   NAME
20s         Normal   Pulled   pod/nginx   spec.containers{nginx}   kubelet, mkube   Successfully pulled image "nginx"   60s          3       nginx.17a1b2c3d4e5f6a7
`,
  ],
  [
    'persistentvolumes',
    'PersistentVolume',
    [f.pv],
    `NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
pv-1   1Gi        RWO,ROX        Delete           Bound    default/data   standard       <unset>                          10m
`,
    `NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE
pv-1   1Gi        RWO,ROX        Delete           Bound    default/data   standard       <unset>                          10m   <unset>
`,
  ],
  [
    'persistentvolumeclaims (bound and pending)',
    'PersistentVolumeClaim',
    [f.pvc, f.pendingPvc],
    `NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Bound     pv-1     1Gi        RWO            standard       <unset>                 10m
wait   Pending                                                     <unset>                 5s
`,
    `NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE
data   Bound     pv-1     1Gi        RWO            standard       <unset>                 10m   <unset>
wait   Pending                                                     <unset>                 5s    <unset>
`,
  ],
  [
    'controllerrevisions',
    'ControllerRevision',
    [f.controllerRevision],
    `NAME       CONTROLLER            REVISION   AGE
db-7c9d5   statefulset.apps/db   1          120m
`,
    `NAME       CONTROLLER            REVISION   AGE
db-7c9d5   statefulset.apps/db   1          120m
`,
  ],
  [
    'serviceaccounts',
    'ServiceAccount',
    [f.serviceAccount],
    `NAME      SECRETS   AGE
default   0         3d
`,
    `NAME      SECRETS   AGE
default   0         3d
`,
  ],
  [
    'a kind without a printer (NAME AGE)',
    'Ingress2',
    [f.pod('generic')],
    `NAME      AGE
generic   10s
`,
    `NAME      AGE
generic   10s
`,
  ],
];

describe('get tables print the v1.32 server columns', () => {
  it.each(cases)('%s', (_name, kind, objects, plain, wide) => {
    expect(render(kind, objects)).toBe(plain);
    expect(render(kind, objects, { wide: true })).toBe(wide);
  });
});

describe('the client decorates tables as cli-runtime does', () => {
  const pods = [
    f.pod('nginx'),
    { ...f.pod('other'), metadata: { ...f.pod('other').metadata, namespace: 'kube-system', labels: {} } },
  ];

  it('puts NAMESPACE first with -A', () => {
    expect(render('Pod', pods, { withNamespace: true })).toBe(
      `NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE
default       nginx   1/1     Running   0          10s
kube-system   other   1/1     Running   0          10s
`,
    );
  });

  it('adds one column per -L key, headed by its last path segment, empty when missing', () => {
    expect(render('Pod', pods, { labelColumns: ['app', 'app.kubernetes.io/name'] })).toBe(
      `NAME    READY   STATUS    RESTARTS   AGE   APP   NAME
nginx   1/1     Running   0          10s   web   
other   1/1     Running   0          10s         
`,
    );
  });

  it('appends LABELS last with --show-labels, <none> when there are none', () => {
    expect(render('Pod', pods, { showLabels: true, labelColumns: ['app'] })).toBe(
      `NAME    READY   STATUS    RESTARTS   AGE   APP   LABELS
nginx   1/1     Running   0          10s   web   app=web
other   1/1     Running   0          10s         <none>
`,
    );
  });

  it('prefixes the NAME column with the kind when several types are shown', () => {
    expect(render('Deployment', [f.deployment], { kindPrefix: 'deployment.apps' })).toBe(
      `NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/3     3            2           3m2s
`,
    );
  });

  it('drops the header with --no-headers', () => {
    expect(render('Pod', [f.pod('nginx')], { noHeaders: true })).toBe('nginx   1/1   Running   0     10s\n');
  });

  it('prints nothing at all for an empty table', () => {
    expect(render('Pod', [])).toBe('');
  });

  it('puts a padded EVENT column first for --output-watch-events', () => {
    expect(render('Pod', [f.pod('nginx')], {}, 'DELETED')).toBe(
      `EVENT      NAME    READY   STATUS    RESTARTS   AGE
DELETED    nginx   1/1     Running   0          10s
`,
    );
  });

  it('cuts a cell at its first line break and marks it with ...', () => {
    const ev = { ...f.event, message: 'first line\nsecond line' };
    expect(render('Event', [ev])).toContain('first line...\n');
  });

  it('prints the header once for several tables of the same columns', () => {
    let out = '';
    const w = TabWriter.forTables((s) => {
      out += s;
    });
    const printer = new TablePrinter({});
    printer.print(buildTable('Pod', [f.pod('a')], f.NOW), w);
    w.flush();
    printer.print(buildTable('Pod', [f.pod('bbbbbbbbbb')], f.NOW), w);
    w.flush();
    expect(out).toBe(
      `NAME   READY   STATUS    RESTARTS   AGE
a      1/1     Running   0          10s
bbbbbbbbbb   1/1     Running   0          10s
`,
    );
  });
});
