// kubectl's describe.DescribePodTemplate, used by `rollout history --revision=N`. kubectl writes
// it through a prefix writer without a tabwriter there, so the `\t` stay literal tabs.

type W = (level: number, text: string) => void;

const indent = (level: number) => '  '.repeat(level);

function labelsMultiline(out: string[], title: string, labels: Record<string, string> | undefined): void {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    out.push(`${title}:\t<none>\n`);
    return;
  }
  keys.forEach((k, i) => {
    out.push(`${i === 0 ? `${title}:\t` : '\t'}${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function annotationsMultiline(out: string[], title: string, annotations: Record<string, string>): void {
  out.push(`${title}:\t`);
  const keys = Object.keys(annotations)
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    out.push('<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) out.push('\t');
    const value = annotations[key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      out.push(`${key}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s;
        out.push(`\t  ${short}\n`);
      }
    } else {
      out.push(`${key}: ${value}\n`);
    }
  });
}

function portList(ports: any[] | undefined, field: 'containerPort' | 'hostPort'): string {
  return (ports ?? []).map((p) => `${p[field] ?? 0}/${p.protocol ?? ''}`).join(', ');
}

function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = String(h.scheme ?? '').toLowerCase();
    const port = h.port === undefined ? '' : String(h.port);
    const host = port
      ? h.host?.includes(':')
        ? `[${h.host}]:${port}`
        : `${h.host ?? ''}:${port}`
      : (h.host ?? '');
    return `http-get ${scheme ? `${scheme}://` : '//'}${host}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function resources(w: W, r: any): void {
  for (const part of ['limits', 'requests'] as const) {
    const list = r?.[part] ?? {};
    const names = Object.keys(list).sort();
    if (names.length) w(2, `${part === 'limits' ? 'Limits' : 'Requests'}:\n`);
    for (const name of names) w(3, `${name}:\t${list[name]}\n`);
  }
}

function env(w: W, c: any): void {
  if (c.envFrom?.length) {
    w(2, 'Environment Variables from:\n');
    for (const e of c.envFrom) {
      const ref = e.configMapRef ?? e.secretRef ?? {};
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
      const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
      w(3, `${ref.name ?? ''}\t${what}\tOptional: ${ref.optional === true}\n`);
    }
  }
  w(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of c.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => {
          w(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
        });
    } else if (vf.fieldRef) {
      w(3, `${e.name}:\t (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      w(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`);
    } else if (vf.secretKeyRef) {
      const k = vf.secretKeyRef;
      w(
        3,
        `${e.name}:\t<set to the key '${k.key}' in secret '${k.name}'>\tOptional: ${k.optional === true}\n`,
      );
    } else if (vf.configMapKeyRef) {
      const k = vf.configMapKeyRef;
      w(
        3,
        `${e.name}:\t<set to the key '${k.key}' of config map '${k.name}'>\tOptional: ${k.optional === true}\n`,
      );
    }
  }
}

function mounts(w: W, c: any): void {
  const list = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
  w(2, `Mounts:${list.length ? '' : '\t<none>'}\n`);
  for (const m of list) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

function containers(w: W, label: string, list: any[]): void {
  w(0, `  ${label}:${list.length ? '' : ' <none>'}\n`);
  for (const c of list) {
    w(1, ` ${c.name}:\n`);
    w(2, `Image:\t${c.image ?? ''}\n`);
    const ports = portList(c.ports, 'containerPort');
    w(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hostPorts = portList(c.ports, 'hostPort');
    w(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    for (const [title, items] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!items?.length) continue;
      w(2, `${title}:\n`);
      for (const item of items) for (const s of String(item).split('\n')) w(3, `${s}\n`);
    }
    resources(w, c.resources);
    if (c.livenessProbe) w(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    env(w, c);
    mounts(w, c);
  }
}

function volume(w: W, v: any): void {
  w(1, ` ${v.name}:\n`);
  if (v.hostPath) {
    w(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`,
    );
  } else if (v.emptyDir) {
    w(
      2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`,
    );
  } else if (v.secret) {
    w(
      2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
    );
  } else if (v.configMap) {
    w(
      2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
    );
  } else if (v.persistentVolumeClaim) {
    w(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    );
  } else if (v.downwardAPI) {
    w(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  } else {
    w(1, '<unknown>\n');
  }
}

function tolerations(out: string[], list: any[] | undefined): void {
  const sorted = [...(list ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1));
  if (sorted.length === 0) {
    out.push('  Tolerations:\t<none>\n');
    return;
  }
  sorted.forEach((t, i) => {
    let s = i === 0 ? '  Tolerations:\t' : '\t';
    s += t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    out.push(`${s}\n`);
  });
}

/** `Pod Template:` and what follows, exactly as kubectl prints it (literal tabs). */
export function describePodTemplate(template: any): string {
  const out: string[] = [];
  const w: W = (level, text) => out.push(indent(level) + text);
  out.push('Pod Template:\n');
  if (!template) {
    w(1, '<unset>');
    return out.join('');
  }
  const spec = template.spec ?? {};
  labelsMultiline(out, '  Labels', template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) annotationsMultiline(out, '  Annotations', annotations);
  if (spec.serviceAccountName) w(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) containers(w, 'Init Containers', spec.initContainers);
  containers(w, 'Containers', spec.containers ?? []);
  const volumes = spec.volumes ?? [];
  if (volumes.length === 0) out.push('  Volumes:\t<none>\n');
  else {
    out.push('  Volumes:\n');
    for (const v of volumes) volume(w, v);
  }
  if (spec.priorityClassName) w(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(out, '  Node-Selectors', spec.nodeSelector);
  tolerations(out, spec.tolerations);
  return out.join('');
}
