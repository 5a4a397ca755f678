// Manifests the API server (or kubectl before it) refuses. Each goes through `mkube apply`
// in-process against a real state directory: the exact message (file, line, field path, reason),
// exit code 1, nothing on stdout, and the state directory byte-for-byte unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempState } from './cli-ctx.js';

interface InvalidCase {
  name: string;
  file: string;
  text: string;
  args?: string[];
  stderr: string;
}

const CASES: InvalidCase[] = [
  {
    name: 'a YAML line indented too far',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    labels: {}\n',
    stderr:
      'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
  },
  {
    name: 'a tab used as indentation',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
    stderr:
      'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n',
  },
  {
    name: 'an unclosed flow mapping',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n',
    stderr:
      "error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'\n",
  },
  {
    name: 'truncated JSON',
    file: 'pod.json',
    text: '{"apiVersion": "v1", "kind": "Pod",\n "metadata": {"name": "x"}\n',
    stderr: 'error: error parsing pod.json: unexpected EOF\n',
  },
  {
    name: 'a JSON value missing',
    file: 'pod.json',
    text: '{"apiVersion": "v1", "kind": "Pod",\n "metadata": }\n',
    stderr:
      "error: error parsing pod.json: json: offset 50: invalid character '}' looking for beginning of value\n",
  },
  {
    name: 'a kind mkube does not know',
    file: 'foo.yaml',
    text: 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
    stderr:
      'error: resource mapping not found for name: "x" namespace: "" from "foo.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
  },
  {
    name: 'a kind in the wrong apiVersion',
    file: 'deploy.yaml',
    text: 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n',
    stderr:
      'error: resource mapping not found for name: "web" namespace: "" from "deploy.yaml": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first\n',
  },
  {
    name: 'a document without kind',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nmetadata:\n  name: x\n',
    stderr:
      'error: error validating "pod.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  {
    name: 'a document without apiVersion and kind',
    file: 'pod.yaml',
    text: 'metadata:\n  name: x\n',
    stderr:
      'error: error validating "pod.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  {
    name: 'a document that is not an object',
    file: 'pod.yaml',
    text: 'just a string\n',
    stderr:
      'error: error validating "pod.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n',
  },
  {
    name: 'a misspelt spec field',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  contianers:\n  - name: a\n    image: busybox\n',
    stderr:
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contianers"\n',
  },
  {
    name: 'an unknown field deep in a pod template',
    file: 'deploy.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n        imagePullPolicyy: Always\n',
    stderr:
      'Error from server (BadRequest): error when creating "deploy.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n',
  },
  {
    name: 'an unknown field in a probe',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    readinessProbe:\n      httpGet:\n        port: 80\n        pth: /\n',
    stderr:
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].readinessProbe.httpGet.pth"\n',
  },
  {
    name: 'an unknown metadata field',
    file: 'cm.yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labelz: {a: b}\n',
    stderr:
      'Error from server (BadRequest): error when creating "cm.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.labelz"\n',
  },
  {
    name: 'replicas written as a string',
    file: 'deploy.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n',
    stderr:
      'Error from server (BadRequest): error when creating "deploy.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
  },
  {
    name: 'a containerPort written as a word',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    ports:\n    - containerPort: http\n',
    stderr:
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32\n',
  },
  {
    name: 'containers written as a map',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    name: a\n    image: busybox\n',
    stderr:
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container\n',
  },
  {
    name: 'a bad CPU quantity',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    resources:\n      limits:\n        cpu: lots\n',
    stderr:
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'\n',
  },
  {
    name: 'a container without an image',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n',
    stderr: 'The Pod "x" is invalid: spec.containers[0].image: Required value\n',
  },
  {
    name: 'a pod without containers',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: {}\n',
    stderr: 'The Pod "x" is invalid: spec.containers: Required value\n',
  },
  {
    name: 'a container without a name',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - image: busybox\n',
    stderr: 'The Pod "x" is invalid: spec.containers[0].name: Required value\n',
  },
  {
    name: 'a pod name with capitals',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: MyPod\nspec:\n  containers:\n  - name: a\n    image: busybox\n',
    stderr:
      "The Pod \"MyPod\" is invalid: metadata.name: Invalid value: \"MyPod\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
  },
  {
    name: 'a service name starting with a digit',
    file: 'svc.yaml',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n  - port: 80\n',
    stderr:
      "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n",
  },
  {
    name: 'a namespace name with a dot',
    file: 'ns.yaml',
    text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a.b\n',
    stderr:
      "The Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n",
  },
  {
    name: 'two containers with one name',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n  - name: a\n    image: busybox\n',
    stderr: 'The Pod "x" is invalid: spec.containers[1].name: Duplicate value: "a"\n',
  },
  {
    name: 'an unknown restartPolicy',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: a\n    image: busybox\n',
    stderr:
      'The Pod "x" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n',
  },
  {
    name: 'an unknown imagePullPolicy',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    imagePullPolicy: Sometimes\n',
    stderr:
      'The Pod "x" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"\n',
  },
  {
    name: 'a Localhost seccomp profile without its path',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  securityContext:\n    seccompProfile:\n      type: Localhost\n  containers:\n  - name: a\n    image: busybox\n',
    stderr:
      'The Pod "x" is invalid: spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost\n',
  },
  {
    name: 'an unknown seccomp profile type on a container',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    securityContext:\n      seccompProfile:\n        type: Strict\n',
    stderr:
      'The Pod "x" is invalid: spec.containers[0].securityContext.seccompProfile.type: Unsupported value: "Strict": supported values: "Localhost", "RuntimeDefault", "Unconfined"\n',
  },
  {
    name: 'a Localhost seccomp profile outside the profile directory',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    securityContext:\n      seccompProfile:\n        type: Localhost\n        localhostProfile: ../etc/profile.json\n',
    stderr:
      'The Pod "x" is invalid: spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: "../etc/profile.json": must not contain \'..\'\n',
  },
  {
    name: 'a containerPort out of range',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    ports:\n    - containerPort: 70000\n',
    stderr:
      'The Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
  },
  {
    name: 'a volume mount of a missing volume',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: busybox\n    volumeMounts:\n    - name: data\n      mountPath: /data\n',
    stderr: 'The Pod "x" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"\n',
  },
  {
    name: 'a selector that does not match the template',
    file: 'deploy.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n',
    stderr:
      'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`\n',
  },
  {
    name: 'a deployment without a selector',
    file: 'deploy.yaml',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n',
    stderr: 'The Deployment "web" is invalid: spec.selector: Required value\n',
  },
  {
    name: 'a job left with restartPolicy Always',
    file: 'job.yaml',
    text: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n',
    stderr:
      'The Job "once" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n',
  },
  {
    name: 'a service without ports',
    file: 'svc.yaml',
    text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n',
    stderr: 'The Service "web" is invalid: spec.ports: Required value\n',
  },
  {
    name: 'a secret whose data is not base64',
    file: 'secret.yaml',
    text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: not-base64!\n',
    stderr:
      'Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n',
  },
  {
    name: 'a config map key with a space',
    file: 'cm.yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  bad key: x\n',
    stderr:
      "The ConfigMap \"c\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n",
  },
  {
    name: 'a label value with a space',
    file: 'cm.yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app: my app\n',
    stderr:
      "The ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
  },
  {
    name: 'an object without a name',
    file: 'cm.yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n',
    stderr:
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"\nName: "", Namespace: "default"\nfrom server for: "cm.yaml": resource name may not be empty\n',
  },
  {
    name: 'a namespace that differs from -n',
    file: 'cm.yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n',
    args: ['-n', 'b'],
    stderr:
      'error: the namespace from the provided object "a" does not match the namespace "b". You must pass \'--namespace=a\' to perform this operation.\n',
  },
  {
    name: 'several problems at once',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n  - name: a\n    image: busybox\n',
    stderr:
      'The Pod "x" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].name: Duplicate value: "a"\n',
  },
  {
    name: 'a lifecycle hook on a regular init container',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  initContainers:\n  - name: i\n    image: busybox\n    lifecycle:\n      postStart:\n        exec: {command: ["true"]}\n  containers:\n  - name: a\n    image: busybox\n',
    stderr:
      'The Pod "x" is invalid: spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always\n',
  },
  {
    name: 'a probe on a regular init container',
    file: 'pod.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  initContainers:\n  - name: i\n    image: busybox\n    readinessProbe:\n      exec: {command: ["true"]}\n  containers:\n  - name: a\n    image: busybox\n',
    stderr:
      'The Pod "x" is invalid: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always\n',
  },
];

describe('invalid manifests change nothing', () => {
  const state = new TempState();
  beforeAll(async () => {
    // Bootstrap the store and put one object in, so "unchanged" covers a live state.
    const ok = state.file(
      'ok.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n',
    );
    expect((await state.run(['apply', '-f', ok])).code).toBe(0);
  });
  afterAll(() => state.cleanup());

  it('has at least thirty cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  for (const c of CASES) {
    it(`refuses ${c.name}`, async () => {
      const path = state.file(c.file, c.text);
      const before = state.snapshot();
      const r = await state.run(['apply', '-f', path, ...(c.args ?? [])]);
      expect(r.stderr.replaceAll(path, c.file)).toBe(c.stderr);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
      expect(state.snapshot()).toEqual(before);
    });
  }

  it('refuses the same manifests through create, with the same message', async () => {
    for (const c of CASES.filter((x) => !x.stderr.includes('retrieving current configuration'))) {
      const path = state.file(c.file, c.text);
      const before = state.snapshot();
      const r = await state.run(['create', '-f', path, ...(c.args ?? [])]);
      expect(r.stderr.replaceAll(path, c.file), c.name).toBe(c.stderr);
      expect(r.code, c.name).toBe(1);
      expect(state.snapshot(), c.name).toEqual(before);
    }
  });
});
