// Objects the generator verbs write (`run`, `create deployment`), built as kubectl's generators
// build them (pkg/generate/versioned/run.go, cmd/create/create_deployment.go). Pure.
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { parsePairs } from './pairs.js';

// distribution/reference ReferenceRegexp.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** Whether `image` is a valid docker image reference. */
export function isImageReference(image: string): boolean {
  return REFERENCE.test(image);
}

/** generate.ParseLabels: `a=b,c=d`. */
export function parseLabelSpec(spec: string): Record<string, string> {
  if (spec === '') throw new UserError('no label spec passed');
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new UserError(`unexpected label spec: ${part}`);
    if (kv[0] === '') throw new UserError('unexpected empty label key');
    labels[kv[0]!] = kv[1]!;
  }
  return labels;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** run.go parseEnvs: `NAME=value`, the name a C identifier-ish (IsEnvVarName). */
export function parseEnvs(envs: string[]): Array<{ name: string; value: string }> {
  return envs.map((env) => {
    const pos = env.indexOf('=');
    const name = pos < 0 ? '' : env.slice(0, pos);
    if (pos < 0 || name === '' || !ENV_NAME.test(name)) throw new UserError(`invalid env: ${env}`);
    return { name, value: env.slice(pos + 1) };
  });
}

export interface RunPodOptions {
  name: string;
  image: string;
  restart: string;
  labels?: string;
  annotations: string[];
  env: string[];
  port?: string;
  command: boolean;
  args: string[];
  imagePullPolicy?: string;
  privileged?: boolean;
  namespace?: string;
  /** -i: keep stdin open; stdinOnce unless --leave-stdin-open. */
  stdin?: boolean;
  leaveStdinOpen?: boolean;
  tty?: boolean;
}

function atoi(s: string): number {
  if (!/^[-+]?\d+$/.test(s))
    throw new UserError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** The Pod `kubectl run` generates (BasicPod), before the API server's defaulting. */
export function runPod(o: RunPodOptions): KObject {
  const labels = o.labels ? parseLabelSpec(o.labels) : { run: o.name };
  const annotations = o.annotations.length
    ? Object.fromEntries(parsePairs(o.annotations, 'annotations', false).set)
    : undefined;
  const env = parseEnvs(o.env);
  const container: Record<string, unknown> = { name: o.name, image: o.image };
  if (o.args.length) container[o.command ? 'command' : 'args'] = o.args;
  if (env.length) container.env = env;
  if (o.imagePullPolicy) container.imagePullPolicy = o.imagePullPolicy;
  if (o.port) container.ports = [{ containerPort: atoi(o.port) }];
  container.resources = {};
  if (o.privileged) container.securityContext = { privileged: true };
  if (o.stdin) container.stdin = true;
  if (o.stdin && !o.leaveStdinOpen) container.stdinOnce = true;
  if (o.tty) container.tty = true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: null as unknown as string,
      ...(annotations ? { annotations } : {}),
      labels,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: o.restart || 'Always' },
    status: {},
  };
}

/** create_deployment.go's container name: last path part, before `:`/`@`; `_`/`.` made safe. */
export function containerNameFor(image: string, random: () => string): string {
  let name = image.split('/').pop()!;
  name = name.split(':')[0]!.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${random()}`;
  return name;
}

export interface DeploymentOptions {
  name: string;
  images: string[];
  replicas: number;
  port: number;
  command: string[];
  namespace?: string;
  random: () => string;
}

/** The Deployment `kubectl create deployment` generates, before defaulting. */
export function createDeploymentObject(o: DeploymentOptions): KObject {
  const labels = { app: o.name };
  const containers = o.images.map((image) => ({
    ...(o.command.length ? { command: o.command } : {}),
    image,
    name: containerNameFor(image, o.random),
    resources: {},
  }));
  if (o.port >= 0 && containers.length > 0) {
    Object.assign(containers[0]!, { ports: [{ containerPort: o.port }] });
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      creationTimestamp: null as unknown as string,
      labels,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: { ...labels } },
        spec: { containers },
      },
    },
    status: {},
  };
}

/** The object as the API server would receive it for a real create: no null timestamp. */
export function forCreate(obj: KObject): KObject {
  const out = structuredClone(obj);
  delete (out.metadata as Record<string, unknown>).creationTimestamp;
  return out;
}

/**
 * The Service `run --expose` creates (kubectl's service/v2 generator from run's parameters):
 * named after the pod, selecting `--labels` or `run=NAME`, one TCP port whose target is itself.
 */
export function runService(o: { name: string; labels?: string; port: string; namespace?: string }): KObject {
  const port = atoi(o.port);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      creationTimestamp: null as unknown as string,
      ...(o.labels ? { labels: parseLabelSpec(o.labels) } : {}),
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    },
    spec: {
      ports: [{ port, protocol: 'TCP', targetPort: port }],
      selector: o.labels ? parseLabelSpec(o.labels) : { run: o.name },
    },
    status: { loadBalancer: {} },
  };
}
