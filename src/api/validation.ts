// Semantic validation the schema cannot express, as the API server's `Validate*` functions do it,
// run on the defaulted object. Returns field errors in upstream wording; pure.
import { type FieldError, invalid, type Path, required, unsupported } from './field-errors.js';
import { labelSelectorFromObject, matchesLabels } from './selectors.js';
import type { KObject } from './types.js';
import { configVolumeErrors, localDescendingPathErrors, validateSecretType } from './validation-config.js';
import { validateCronJobSpec } from './validation-cronjob.js';
import { validateHorizontalPodAutoscaler } from './validation-hpa.js';
import {
  configKeyErrors,
  dns1123LabelErrors,
  labelKeyErrors,
  labelValueErrors,
  nameErrors,
} from './validation-rules.js';
import { validatePersistentVolume, validateStorageClass } from './validation-storage.js';

type Errs = FieldError[];

function oneOf(errs: Errs, path: Path, value: unknown, supported: string[]): void {
  if (value !== undefined && value !== null && !supported.includes(value as string)) {
    errs.push(unsupported(path, value, supported));
  }
}

function portRange(errs: Errs, path: Path, port: unknown): void {
  if (typeof port === 'number' && (port < 1 || port > 65535)) {
    errs.push(invalid(path, port, 'must be between 1 and 65535, inclusive'));
  }
}

function nonNegative(errs: Errs, path: Path, v: unknown): void {
  if (typeof v === 'number' && v < 0) errs.push(invalid(path, v, 'must be greater than or equal to 0'));
}

function validateLabels(errs: Errs, path: Path, labels: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of labelKeyErrors(k)) errs.push(invalid(path, k, m));
    for (const m of labelValueErrors(String(v ?? ''))) errs.push(invalid(path, v, m));
  }
}

function validateMeta(errs: Errs, obj: KObject, namespaced: boolean): void {
  const meta = obj.metadata ?? {};
  if (!meta.name && !meta.generateName) {
    errs.push(required(['metadata', 'name'], 'name or generateName is required'));
  } else if (meta.name) {
    for (const m of nameErrors(obj.kind, meta.name)) errs.push(invalid(['metadata', 'name'], meta.name, m));
  }
  if (namespaced && meta.namespace) {
    for (const m of dns1123LabelErrors(meta.namespace)) {
      errs.push(invalid(['metadata', 'namespace'], meta.namespace, m));
    }
  }
  validateLabels(errs, ['metadata', 'labels'], meta.labels);
  for (const k of Object.keys(meta.annotations ?? {})) {
    for (const m of labelKeyErrors(k.toLowerCase())) errs.push(invalid(['metadata', 'annotations'], k, m));
  }
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

/** validateSeccompProfileField: a type, and a local profile path exactly when it is Localhost. */
function validateSeccompProfile(errs: Errs, sp: any, path: Path): void {
  if (!sp || typeof sp !== 'object') return;
  if (!sp.type) errs.push(required([...path, 'type'], 'type is required when seccompProfile is set'));
  else oneOf(errs, [...path, 'type'], sp.type, SECCOMP_TYPES);
  if (sp.type === 'Localhost') {
    if (typeof sp.localhostProfile !== 'string') {
      errs.push(required([...path, 'localhostProfile'], 'must be set when seccomp type is Localhost'));
    } else errs.push(...localDescendingPathErrors(sp.localhostProfile, [...path, 'localhostProfile']));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(invalid([...path, 'localhostProfile'], sp, 'can only be set when seccomp type is Localhost'));
  }
}

function validateContainer(errs: Errs, c: any, path: Path, volumes: Set<string>, init: boolean): void {
  if (c.name) for (const m of dns1123LabelErrors(c.name)) errs.push(invalid([...path, 'name'], c.name, m));
  if (!c.image || !String(c.image).trim()) errs.push(required([...path, 'image']));
  oneOf(errs, [...path, 'imagePullPolicy'], c.imagePullPolicy, PULL_POLICIES);
  oneOf(errs, [...path, 'terminationMessagePolicy'], c.terminationMessagePolicy, [
    'File',
    'FallbackToLogsOnError',
  ]);
  validateSeccompProfile(errs, c.securityContext?.seccompProfile, [
    ...path,
    'securityContext',
    'seccompProfile',
  ]);
  if (init) oneOf(errs, [...path, 'restartPolicy'], c.restartPolicy, ['Always']);
  else if (c.restartPolicy !== undefined) {
    errs.push({
      type: 'Forbidden',
      path: [...path, 'restartPolicy'],
      detail: 'may not be set for non-init containers',
    });
  }
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p: any, i: number) => {
    const pp: Path = [...path, 'ports', i];
    portRange(errs, [...pp, 'containerPort'], p.containerPort);
    portRange(errs, [...pp, 'hostPort'], p.hostPort || undefined);
    oneOf(errs, [...pp, 'protocol'], p.protocol, PROTOCOLS);
    if (p.name) {
      if (portNames.has(p.name)) errs.push({ type: 'Duplicate', path: [...pp, 'name'], value: p.name });
      portNames.add(p.name);
    }
  });
  const envNames = (c.env ?? []) as any[];
  envNames.forEach((e, i) => {
    if (e.value !== undefined && e.valueFrom !== undefined) {
      errs.push(
        invalid([...path, 'env', i, 'valueFrom'], '', 'may not be specified when `value` is not empty'),
      );
    }
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m: any, i: number) => {
    const mp: Path = [...path, 'volumeMounts', i];
    if (m.name && !volumes.has(m.name)) errs.push({ type: 'NotFound', path: [...mp, 'name'], value: m.name });
    if (m.mountPath) {
      if (mountPaths.has(m.mountPath)) {
        errs.push(invalid([...mp, 'mountPath'], m.mountPath, 'must be unique'));
      }
      mountPaths.add(m.mountPath);
    }
  });
  if (init && c.restartPolicy !== 'Always' && c.lifecycle) {
    errs.push({
      type: 'Forbidden',
      path: [...path, 'lifecycle'],
      detail: 'may not be set for init containers without restartPolicy=Always',
    });
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probe];
    if (!p) continue;
    if (init && c.restartPolicy !== 'Always') {
      errs.push({
        type: 'Forbidden',
        path: [...path, probe],
        detail: 'may not be set for init containers without restartPolicy=Always',
      });
      continue;
    }
    const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => p[h]);
    if (handlers.length === 0) errs.push(required([...path, probe], 'must specify a handler type'));
    else if (handlers.length > 1) {
      errs.push({
        type: 'Forbidden',
        path: [...path, probe, handlers[1]!],
        detail: 'may not specify more than 1 handler type',
      });
    }
    if (probe !== 'readinessProbe' && p.successThreshold !== undefined && p.successThreshold !== 1) {
      errs.push(invalid([...path, probe, 'successThreshold'], p.successThreshold, 'must be 1'));
    }
    for (const f of [
      'initialDelaySeconds',
      'timeoutSeconds',
      'periodSeconds',
      'successThreshold',
      'failureThreshold',
    ]) {
      nonNegative(errs, [...path, probe, f], p[f]);
    }
  }
}

/** ValidatePodSpec (the parts mkube acts on). `path` points at the PodSpec. */
export function validatePodSpec(spec: any, path: Path, allowedRestart?: string[]): Errs {
  const errs: Errs = [];
  if (!spec || typeof spec !== 'object') return [required(path)];
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    const vp: Path = [...path, 'volumes', i, 'name'];
    if (!v.name) return;
    for (const m of dns1123LabelErrors(v.name)) errs.push(invalid(vp, v.name, m));
    if (volumes.has(v.name)) errs.push({ type: 'Duplicate', path: vp, value: v.name });
    volumes.add(v.name);
    errs.push(...configVolumeErrors(v, [...path, 'volumes', i]));
  });
  const names = new Set<string>();
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    (spec[field] ?? []).forEach((c: any, i: number) => {
      const cp: Path = [...path, field, i];
      if (c?.name) {
        if (names.has(c.name)) errs.push({ type: 'Duplicate', path: [...cp, 'name'], value: c.name });
        names.add(c.name);
      }
      if (c) validateContainer(errs, c, cp, volumes, init);
    });
  }
  validateSeccompProfile(errs, spec.securityContext?.seccompProfile, [
    ...path,
    'securityContext',
    'seccompProfile',
  ]);
  if (allowedRestart && spec.restartPolicy !== undefined && !allowedRestart.includes(spec.restartPolicy)) {
    errs.push(unsupported([...path, 'restartPolicy'], spec.restartPolicy, allowedRestart));
  } else oneOf(errs, [...path, 'restartPolicy'], spec.restartPolicy, ['Always', 'OnFailure', 'Never']);
  oneOf(errs, [...path, 'dnsPolicy'], spec.dnsPolicy, [
    'ClusterFirst',
    'ClusterFirstWithHostNet',
    'Default',
    'None',
  ]);
  nonNegative(errs, [...path, 'terminationGracePeriodSeconds'], spec.terminationGracePeriodSeconds);
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds < 1) {
    errs.push(
      invalid(
        [...path, 'activeDeadlineSeconds'],
        spec.activeDeadlineSeconds,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  if (spec.hostname)
    for (const m of dns1123LabelErrors(spec.hostname))
      errs.push(invalid([...path, 'hostname'], spec.hostname, m));
  if (spec.subdomain)
    for (const m of dns1123LabelErrors(spec.subdomain))
      errs.push(invalid([...path, 'subdomain'], spec.subdomain, m));
  return errs;
}

function withClaimVolumes(sts: KObject): KObject {
  const claims: any[] = sts.spec?.volumeClaimTemplates ?? [];
  const podSpec = sts.spec?.template?.spec;
  if (!claims.length || !podSpec) return sts;
  const own = new Set((podSpec.volumes ?? []).map((v: { name: string }) => v.name));
  const extra = claims
    .filter((c) => c?.metadata?.name && !own.has(c.metadata.name))
    .map((c) => ({ name: c.metadata.name, persistentVolumeClaim: { claimName: c.metadata.name } }));
  const template = {
    ...sts.spec.template,
    spec: { ...podSpec, volumes: [...(podSpec.volumes ?? []), ...extra] },
  };
  return { ...sts, spec: { ...sts.spec, template } };
}

/** A workload's selector and template: ValidateDeploymentSpec / ReplicaSet / StatefulSet shape. */
function validateWorkload(obj: KObject, restart: string[], selectorIsMap = false): Errs {
  const spec = obj.spec ?? {};
  const errs: Errs = [];
  nonNegative(errs, ['spec', 'replicas'], spec.replicas);
  const selector = spec.selector;
  const template = spec.template;
  let matches = true;
  if (selectorIsMap) {
    if (selector && template) {
      matches = Object.entries(selector).every(([k, v]) => template.metadata?.labels?.[k] === v);
    }
  } else if (selector) {
    const empty =
      !Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length;
    if (empty)
      errs.push(
        invalid(['spec', 'selector'], selector, `empty selector is invalid for ${obj.kind.toLowerCase()}`),
      );
    else if (template) matches = matchesLabels(labelSelectorFromObject(selector), template.metadata?.labels);
  }
  if (template) {
    validateLabels(errs, ['spec', 'template', 'metadata', 'labels'], template.metadata?.labels);
    if (!matches) {
      errs.push(
        invalid(
          ['spec', 'template', 'metadata', 'labels'],
          template.metadata?.labels ?? {},
          '`selector` does not match template `labels`',
        ),
      );
    }
    errs.push(...validatePodSpec(template.spec, ['spec', 'template', 'spec'], restart));
  }
  return errs;
}

function validateService(obj: KObject): Errs {
  const spec = obj.spec ?? {};
  const errs: Errs = [];
  const type = spec.type ?? 'ClusterIP';
  oneOf(errs, ['spec', 'type'], spec.type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
  const ports = (spec.ports ?? []) as any[];
  if (type !== 'ExternalName' && !ports.length && spec.clusterIP !== 'None')
    errs.push(required(['spec', 'ports']));
  if (type === 'ExternalName' && !spec.externalName) errs.push(required(['spec', 'externalName']));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp: Path = ['spec', 'ports', i];
    if (ports.length > 1 && !p.name) errs.push(required([...pp, 'name']));
    if (p.name) {
      for (const m of dns1123LabelErrors(p.name)) errs.push(invalid([...pp, 'name'], p.name, m));
      if (names.has(p.name)) errs.push({ type: 'Duplicate', path: [...pp, 'name'], value: p.name });
      names.add(p.name);
    }
    portRange(errs, [...pp, 'port'], p.port);
    if (typeof p.targetPort === 'number') portRange(errs, [...pp, 'targetPort'], p.targetPort);
    oneOf(errs, [...pp, 'protocol'], p.protocol, PROTOCOLS);
    if (p.nodePort !== undefined && type === 'ClusterIP') {
      errs.push({
        type: 'Forbidden',
        path: [...pp, 'nodePort'],
        detail: "may not be used when `type` is 'ClusterIP'",
      });
    } else if (typeof p.nodePort === 'number' && (p.nodePort < 30000 || p.nodePort > 32767)) {
      errs.push(
        invalid(
          [...pp, 'nodePort'],
          p.nodePort,
          'provided port is not in the valid range. The range of valid ports is 30000-32767',
        ),
      );
    }
  });
  validateLabels(errs, ['spec', 'selector'], spec.selector);
  return errs;
}

function validateData(obj: KObject): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const key of Object.keys(obj[field] ?? {})) {
      for (const m of configKeyErrors(key)) errs.push(invalid([field, { key }], key, m));
      if (field !== 'stringData' && seen.has(key)) {
        errs.push(invalid([field, { key }], key, 'duplicate of key present in data'));
      }
      seen.add(key);
    }
  }
  return errs;
}

function validatePvc(obj: KObject): Errs {
  const spec = obj.spec ?? {};
  const errs: Errs = [];
  if (!(spec.accessModes ?? []).length)
    errs.push(required(['spec', 'accessModes'], 'at least 1 access mode is required'));
  for (const [i, m] of ((spec.accessModes ?? []) as string[]).entries()) {
    oneOf(errs, ['spec', 'accessModes', i], m, [
      'ReadOnlyMany',
      'ReadWriteMany',
      'ReadWriteOnce',
      'ReadWriteOncePod',
    ]);
  }
  if (!spec.resources?.requests?.storage) errs.push(required(['spec', 'resources', { key: 'storage' }]));
  return errs;
}

/** Semantic errors for one object (after defaulting). */
export function validateObject(obj: KObject, namespaced: boolean): Errs {
  const errs: Errs = [];
  validateMeta(errs, obj, namespaced);
  switch (obj.kind) {
    case 'Pod':
      if (obj.spec) errs.push(...validatePodSpec(obj.spec, ['spec']));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      errs.push(...validateWorkload(obj, ['Always']));
      break;
    case 'StatefulSet':
      // Containers mount volumeClaimTemplates by name: validate the template against the union
      // of its volumes and the claims, as the controller will build the pods.
      errs.push(...validateWorkload(withClaimVolumes(obj), ['Always']));
      oneOf(errs, ['spec', 'podManagementPolicy'], obj.spec?.podManagementPolicy, [
        'OrderedReady',
        'Parallel',
      ]);
      break;
    case 'ReplicationController':
      errs.push(...validateWorkload(obj, ['Always'], true));
      break;
    case 'Job':
      if (obj.spec?.template) {
        errs.push(
          ...validatePodSpec(obj.spec.template.spec, ['spec', 'template', 'spec'], ['OnFailure', 'Never']),
        );
      }
      for (const f of [
        'parallelism',
        'completions',
        'backoffLimit',
        'activeDeadlineSeconds',
        'ttlSecondsAfterFinished',
      ])
        nonNegative(errs, ['spec', f], obj.spec?.[f]);
      oneOf(errs, ['spec', 'completionMode'], obj.spec?.completionMode, ['NonIndexed', 'Indexed']);
      // With manualSelector the user's selector is used as is (the store generates it otherwise).
      if (obj.spec?.manualSelector === true) {
        if (!obj.spec.selector) errs.push(required(['spec', 'selector']));
        else if (
          !matchesLabels(labelSelectorFromObject(obj.spec.selector), obj.spec.template?.metadata?.labels)
        ) {
          const labels = obj.spec.template?.metadata?.labels ?? {};
          errs.push(
            invalid(
              ['spec', 'template', 'metadata', 'labels'],
              labels,
              '`selector` does not match template `labels`',
            ),
          );
        }
      }
      break;
    case 'CronJob': {
      errs.push(...validateCronJobSpec(obj));
      oneOf(errs, ['spec', 'concurrencyPolicy'], obj.spec?.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
      for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
        nonNegative(errs, ['spec', f], obj.spec?.[f]);
      const tmpl = obj.spec?.jobTemplate?.spec?.template;
      if (tmpl) {
        errs.push(
          ...validatePodSpec(
            tmpl.spec,
            ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
            ['OnFailure', 'Never'],
          ),
        );
      }
      break;
    }
    case 'Service':
      errs.push(...validateService(obj));
      break;
    case 'ConfigMap':
      errs.push(...validateData(obj));
      break;
    case 'Secret':
      errs.push(...validateData(obj), ...validateSecretType(obj));
      break;
    case 'PersistentVolumeClaim':
      errs.push(...validatePvc(obj));
      break;
    case 'PersistentVolume':
      errs.push(...validatePersistentVolume(obj));
      break;
    case 'StorageClass':
      errs.push(...validateStorageClass(obj));
      break;
    case 'HorizontalPodAutoscaler':
      errs.push(...validateHorizontalPodAutoscaler(obj));
      break;
  }
  return errs;
}
