// `--help` in kubectl's layout. The goldens in kubectl-help/ are kubectl v1.32's own output
// (`kubectl <verb> --help`), compared with `kubectl` read as `mkube`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempStore } from './harness.js';

const t = new TempStore();
afterAll(() => t.cleanup());

const kubectlHelp = (file: string) =>
  readFileSync(join(import.meta.dirname, 'kubectl-help', file), 'utf8').replace(
    /\bkubectl\b(?![.-])/g,
    'mkube',
  );

describe("verbs' help is kubectl's", () => {
  const VERBS = [
    'version',
    'api-versions',
    'config current-context',
    'config use-context',
    'config get-contexts',
    'config set-context',
    'config view',
  ];
  for (const verb of VERBS) {
    it(`mkube ${verb} --help`, async () => {
      const golden = kubectlHelp(`${verb.replace(' ', '_')}.txt`);
      expect(await t.run([...verb.split(' '), '--help'])).toEqual({ code: 0, out: golden, err: '' });
      expect((await t.run([...verb.split(' '), '-h'])).out).toBe(golden);
    });
  }
});

describe('mkube --help', () => {
  it("groups the verbs as kubectl's, mkube's own in a group of their own", async () => {
    const r = await t.run(['--help']);
    expect(r.code).toBe(0);
    // The verbs other helpers add land in their kubectl group; assert the skeleton and a few rows.
    const titles = r.out.split('\n').filter((l) => /^\S.*:$/.test(l));
    expect(titles).toEqual([
      'Basic Commands (Beginner):',
      'Basic Commands (Intermediate):',
      'Deploy Commands:',
      'Cluster Management Commands:',
      'Troubleshooting and Debugging Commands:',
      'Advanced Commands:',
      'Settings Commands:',
      'Local Engine Commands:',
      'Other Commands:',
      'Usage:',
    ]);
    expect(r.out).toContain(
      'Basic Commands (Beginner):\n' +
        '  create          Create a resource from a file or from stdin\n' +
        '  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service\n' +
        '  run             Run a particular image on the cluster\n' +
        '  set             Set specific features on objects\n\n',
    );
    expect(r.out).toContain(
      'Local Engine Commands:\n' +
        '  agent           Start, stop and inspect the mkube agent (kubelet + controllers)\n' +
        "  kubeconfig      Print or merge the kubeconfig of mkube's Kubernetes API endpoint\n" +
        '  reset           Stop the agent; remove its containers, network, volumes and the state directory\n\n',
    );
    expect(
      r.out.startsWith(
        'mkube controls Kubernetes objects on the local Docker engine, as kubectl controls a cluster.\n\n' +
          ' Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n',
      ),
    ).toBe(true);
    expect(
      r.out.endsWith(
        'Usage:\n  mkube [flags] [options]\n\n' +
          'Use "mkube <command> --help" for more information about a given command.\n' +
          'Use "mkube options" for a list of global command-line options (applies to all commands).\n',
      ),
    ).toBe(true);
  });

  it('lists groups of subcommands sorted, as cobra', async () => {
    const r = await t.run(['config', '--help']);
    expect(r.out).toContain(
      'Available Commands:\n' +
        '  current-context   Display the current-context\n' +
        '  get-contexts      Describe one or many contexts\n' +
        '  set-context       Set a context entry in kubeconfig\n' +
        '  use-context       Set the current-context in a kubeconfig file\n' +
        '  view              Display merged kubeconfig settings or a specified kubeconfig file\n\n' +
        'Usage:\n  mkube config SUBCOMMAND [options]\n\n' +
        'Use "mkube config <command> --help" for more information about a given command.\n',
    );
  });

  it('prints the global options as kubectl options', async () => {
    const r = await t.run(['options']);
    expect(r.out).toBe(`The following options can be passed to any command:

    --cluster='':
\tThe name of the kubeconfig cluster to use

    --context='':
\tThe name of the kubeconfig context to use

    --kubeconfig='':
\tPath to the kubeconfig file to use for CLI requests.

    -n, --namespace='':
\tIf present, the namespace scope for this CLI request

    --request-timeout='0':
\tThe length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.

    --user='':
\tThe name of the kubeconfig user to use

    -v, --v=0:
\tnumber for the log level verbosity
`);
  });
});
