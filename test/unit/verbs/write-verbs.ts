// Fixtures for the patch / replace / diff command tests: manifests as files, a state directory,
// and the volatile fields (uid, timestamps, temp dirs) masked so whole outputs can be compared.
import { lookupKind } from '../../../src/api/kinds.js';
import type { KObject } from '../../../src/api/types.js';
import { type Run, TempState } from '../validation/cli-ctx.js';

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        ports:
        - containerPort: 80
        - containerPort: 443
      - name: sidecar
        image: busybox:1.36
        command: [sleep, "3600"]
`;

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: x
  labels: {run: x}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: [sleep, "3600"]
    env:
    - {name: A, value: "1"}
    ports:
    - {containerPort: 80, name: http}
  - name: side
    image: nginx:1.25
`;

/** A state directory plus `mkube` runs; each run starts with a clean exit code. */
export class Cli extends TempState {
  override async run(args: string[], stdin = ''): Promise<Run> {
    process.exitCode = undefined;
    try {
      return await super.run(args, stdin);
    } finally {
      process.exitCode = undefined;
    }
  }

  get(type: string, name: string, namespace = 'default'): KObject | undefined {
    const kind = lookupKind(type)!;
    return this.getStore().get(kind, kind.namespaced ? namespace : undefined, name);
  }

  /** Create through the CLI (the registry's defaults), failing loudly if it does not work. */
  async create(name: string, text: string): Promise<string> {
    const path = this.file(name, text);
    const r = await this.run(['create', '-f', path]);
    if (r.code !== 0) throw new Error(`create failed: ${r.stderr}`);
    return path;
  }
}

/** Mask what changes from run to run: uids, timestamps, temp directory names. */
export function stable(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UID')
    .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g, '"TIME"')
    .replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ [+-]\d{4}/g, '\tMTIME')
    .replace(/\/(LIVE|MERGED)-[A-Za-z0-9]+\//g, '/$1-XXXX/');
}
