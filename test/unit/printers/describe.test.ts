import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/api/types.js';
import { eventsFor } from '../../../src/printers/describe/common.js';
import { describeProbe } from '../../../src/printers/describe/containers.js';
import { camelSplit, smartLabel } from '../../../src/printers/describe/generic.js';
import { describeGeneric, describeNode, describePod, podQOS } from '../../../src/printers/describe/index.js';
import { rfc1123z } from '../../../src/printers/describe/time.js';
import { describeWorkload } from '../../../src/printers/describe/workloads.js';
import { eventsForDescribe, podForDescribe } from './describe-fixtures.js';
import * as f from './fixtures.js';

// describe prints times in the local zone, as kubectl does.
process.env.TZ = 'UTC';

const POD = `Name:             nginx
Namespace:        default
Priority:         0
Service Account:  default
Node:             mkube/172.18.0.1
Start Time:       Wed, 01 May 2024 11:50:00 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               172.18.0.5
IPs:
  IP:           172.18.0.5
Controlled By:  ReplicaSet/web-5d7c9f8b6d
Containers:
  nginx:
    Container ID:   docker://0123456789ab
    Image:          nginx:1.25
    Image ID:       docker-pullable://nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 May 2024 11:55:00 +0000
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Wed, 01 May 2024 11:50:10 +0000
      Finished:     Wed, 01 May 2024 11:54:59 +0000
    Ready:          True
    Restart Count:  1
    Limits:
      memory:  128Mi
    Requests:
      cpu:      100m
      memory:   64Mi
    Liveness:   http-get http://:80/healthz delay=0s timeout=1s period=5s #success=1 #failure=3
    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:      prod
      POD_NAME:  nginx (v1:metadata.name)
      PASSWORD:  <set to the key 'pass' in secret 'creds'>  Optional: false
    Mounts:
      /data from data (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  data:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  <unset>
  kube-api-access-x:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  10m                 default-scheduler  Successfully assigned default/nginx to mkube
  Warning  BackOff    5m1s                kubelet            Back-off restarting failed container nginx in pod nginx_default(uid-nginx)
  Normal   Pulled     5m (x2 over 9m50s)  kubelet            Container image "nginx:1.25" already present on machine
`;

const NODE = `Name:               mkube
Roles:              control-plane
Labels:             kubernetes.io/hostname=mkube
                    node-role.kubernetes.io/control-plane=
Annotations:        <none>
CreationTimestamp:  Wed, 01 May 2024 08:55:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  mkube
  AcquireTime:     <unset>
  RenewTime:       <unset>
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason  Message
  ----    ------  -----------------                 ------------------                ------  -------
  Ready   True    Mon, 01 Jan 0001 00:00:00 +0000   Mon, 01 Jan 0001 00:00:00 +0000           
Addresses:
  InternalIP:  172.18.0.1
  Hostname:    mkube
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    
  Kernel Version:             6.1.0-18-amd64
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           
  Architecture:               
  Container Runtime Version:  docker://27.3.1
  Kubelet Version:            v1.32.0
  Kube-Proxy Version:         
Non-terminated Pods:          (1 in total)
  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----     ------------  ----------  ---------------  -------------  ---
  default                     nginx    100m (0%)     0 (0%)      64Mi (0%)        128Mi (0%)     10m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (0%)  0 (0%)
  memory             64Mi (0%)  128Mi (0%)
  ephemeral-storage  0 (0%)     0 (0%)
Events:              <none>
`;

const GENERIC = `Name:         db-7c9d5
Namespace:    default
Labels:       <none>
Annotations:  <none>
API Version:  apps/v1
Kind:         ControllerRevision
Metadata:
  Creation Timestamp:  2024-05-01T10:00:00Z
  Owner References:
    API Version:  apps/v1
    Controller:   true
    Kind:         StatefulSet
    Name:         db
    UID:          u
  UID:            uid-db-7c9d5
Revision:         1
Events:           <none>
`;

const DEPLOYMENT = `Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 01 May 2024 11:56:58 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:        nginx:1.25
    Port:         <none>
    Host Port:    <none>
    Environment:  <none>
    Mounts:       <none>
   sidecar:
    Image:         busybox
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
OldReplicaSets:    <none>
NewReplicaSet:     web-5d7c9f8b6d (3/3 replicas created)
Events:            <none>
`;

const CONFIGMAP = `Name:         settings
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
a:
----
1

b:
----
2


BinaryData
====
c: 1 bytes

Events:  <none>
`;

const SERVICE = `Name:              web
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          app=web
Type:              NodePort
IP Families:       <none>
IP:                10.96.0.12
IPs:               10.96.0.12
Port:              <unset>  80/TCP
TargetPort:        8080/TCP
NodePort:          <unset>  30080/TCP
Endpoints:         172.18.0.5:8080,172.18.0.6:8080,172.18.0.5:8443 + 1 more...
Port:              <unset>  443/TCP
TargetPort:        443/TCP
NodePort:          <unset>  30443/TCP
Endpoints:         172.18.0.5:8080,172.18.0.6:8080,172.18.0.5:8443 + 1 more...
Session Affinity:  None
Events:            <none>
`;

const noStore = { list: () => [] as KObject[] };

describe('describe prints as kubectl describe.go', () => {
  it('describes a pod: header, containers with last state, probes, env, mounts, conditions, volumes, events', () => {
    expect(describePod(podForDescribe(), eventsForDescribe(), f.NOW)).toBe(POD);
  });

  it('describes a node with its pods and allocated resources', () => {
    expect(describeNode(f.node, [podForDescribe()], [], f.NOW)).toBe(NODE);
  });

  it('describes a kind without a describer field by field', () => {
    expect(describeGeneric(f.controllerRevision, [], f.NOW)).toBe(GENERIC);
  });

  it('describes a deployment with its pod template and replica sets', () => {
    const d = {
      ...f.deployment,
      metadata: { ...f.deployment.metadata, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    };
    const rs = {
      ...f.replicaSet,
      metadata: {
        ...f.replicaSet.metadata,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ uid: 'uid-web', controller: true, kind: 'Deployment', name: 'web' }],
      },
    };
    expect(
      describeWorkload('Deployment', d, { pods: [], events: [], now: f.NOW, store: { list: () => [rs] } }),
    ).toBe(DEPLOYMENT);
  });

  it('describes a config map with its data', () => {
    expect(
      describeWorkload('ConfigMap', f.configMap, { pods: [], events: [], now: f.NOW, store: noStore }),
    ).toBe(CONFIGMAP);
  });

  it('describes a service with its endpoints', () => {
    expect(
      describeWorkload('Service', f.service, {
        pods: [],
        events: [],
        now: f.NOW,
        store: { list: () => [f.endpoints] },
      }),
    ).toBe(SERVICE);
  });

  it('prints Events: <none> for a pod without events and leaves them out with --show-events=false', () => {
    expect(describePod(f.pod('x'), [], f.NOW)).toMatch(/\nEvents:\s+<none>\n$/);
    expect(describePod(f.pod('x'), undefined, f.NOW)).not.toContain('Events:');
  });

  it('shows a deleted pod as Terminating with its grace period', () => {
    const p = f.pod('x');
    p.metadata.deletionTimestamp = f.ago(5);
    p.metadata.deletionGracePeriodSeconds = 30;
    expect(describePod(p, [], f.NOW)).toContain(
      'Status:                    Terminating (lasts 5s)\nTermination Grace Period:  30s\n',
    );
  });
});

describe('describe helpers', () => {
  it('formats times as RFC 1123 with a numeric zone', () => {
    expect(rfc1123z(Date.parse('2024-05-01T09:05:03Z'))).toBe('Wed, 01 May 2024 09:05:03 +0000');
  });

  it('labels fields as smartLabelFor does', () => {
    expect(smartLabel('apiVersion')).toBe('API Version');
    expect(smartLabel('podIP')).toBe('Pod IP');
    expect(smartLabel('uid')).toBe('UID');
    expect(smartLabel('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabel('kubernetes.io/name')).toBe('kubernetes.io/name');
    expect(camelSplit('HTTPServerName')).toEqual(['HTTP', 'Server', 'Name']);
  });

  it('describes probes of each kind', () => {
    expect(describeProbe({ tcpSocket: { port: 5432 }, initialDelaySeconds: 5 })).toBe(
      'tcp-socket :5432 delay=5s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe({ httpGet: { path: 'ready', port: 'http', scheme: 'HTTPS', host: 'h' } })).toBe(
      'http-get https://h:http/ready delay=0s timeout=1s period=10s #success=1 #failure=3',
    );
  });

  const qos: Array<[string, any[], string]> = [
    ['no requests or limits is BestEffort', [{}], 'BestEffort'],
    [
      'equal cpu and memory requests and limits is Guaranteed',
      [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } }],
      'Guaranteed',
    ],
    [
      'limits without (defaulted) requests is Burstable',
      [{ limits: { cpu: '1', memory: '1Gi' } }],
      'Burstable',
    ],
    ['a request without limits is Burstable', [{ requests: { memory: '64Mi' } }], 'Burstable'],
  ];
  it.each(qos)('computes the QoS class: %s', (_name, resources, want) => {
    const p = f.pod('q');
    p.spec.containers = resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r }));
    expect(podQOS(p)).toBe(want);
  });

  it('finds the events of an object by name, namespace and uid', () => {
    const p = f.pod('nginx');
    const mine = eventsForDescribe();
    const other = { ...mine[0]!, involvedObject: { ...mine[0]!.involvedObject, uid: 'someone-else' } };
    const elsewhere = { ...mine[0]!, involvedObject: { ...mine[0]!.involvedObject, name: 'web' } };
    expect(eventsFor(p, [...mine, other, elsewhere])).toHaveLength(3);
  });
});
