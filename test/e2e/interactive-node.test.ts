// run -i / run --rm -it (through a real pseudo-terminal from util-linux `script`), and the node
// verbs on the one node: cordon/uncordon with the scheduler's verdict, NoExecute taints, drain.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, eventually, requireDocker, TestHome } from './harness.js';

const PROMPT = "If you don't see a command prompt, try pressing enter.";
const QUICK = '--overrides={"spec":{"terminationGracePeriodSeconds":0}}';
const TOLERANT =
  '--overrides={"spec":{"terminationGracePeriodSeconds":0,"tolerations":[{"key":"maint","operator":"Exists","effect":"NoExecute"}]}}';
let home: TestHome;
let node: string;

beforeAll(async () => {
  requireDocker();
  home = new TestHome('mkube-interactive-');
  // Starts the agent, which registers the node; a running pod means it is all up.
  expect(home.run(['run', 'warm', '--image=busybox:1.36', QUICK, '--', 'sleep', '3600']).code).toBe(0);
  node = await eventually(() => home.run(['get', 'nodes', '-o', 'name']).stdout.trim().replace('node/', ''));
  await eventually(
    () => home.run(['get', 'pod', 'warm', '-o', 'jsonpath={.status.phase}']).stdout === 'Running',
  );
}, 60_000);

afterAll(() => home?.cleanup());

describe('run attached', () => {
  it('run -i pipes stdin through, returns the container exit code and deletes the pod with --rm; attach -i streams to a pod started with stdin', async () => {
    // Started first, so it comes up while t1 runs.
    expect(
      home.run([
        'run',
        'att',
        '-i',
        '--attach=false',
        '--restart=Never',
        '--image=busybox:1.36',
        QUICK,
        '--',
        'sh',
        '-c',
        'read x; echo got-$x',
      ]),
    ).toEqual({ code: 0, stdout: 'pod/att created\n', stderr: '' });
    const r = home.run(
      ['run', 't1', '-i', '--rm', '--restart=Never', '--image=busybox:1.36', '--', 'sh', '-c', 'cat; exit 3'],
      { input: 'hello\nworld\n' },
    );
    expect(r).toEqual({
      code: 3,
      stdout: 'hello\nworld\npod "t1" deleted\n',
      stderr: `${PROMPT}\npod default/t1 terminated (Error)\n`,
    });
    expect(home.run(['get', 'pod', 't1']).stderr).toBe('Error from server (NotFound): pods "t1" not found\n');
    await eventually(
      () => home.run(['get', 'pod', 'att', '-o', 'jsonpath={.status.phase}']).stdout === 'Running',
    );
    expect(home.run(['attach', 'att', '-i'], { input: 'hello\n' })).toEqual({
      code: 0,
      stdout: 'got-hello\n',
      stderr: `${PROMPT}\n`,
    });
  });

  it('run --rm -it opens a shell on a real terminal and deletes the pod on exit', async () => {
    const cmd = `'${process.execPath}' '${BIN}' run t2 --rm -it --restart=Never --image=busybox:1.36 -- sh`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      env: home.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (b: Buffer) => {
      text += b.toString();
    });
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    await eventually(() => text.includes(PROMPT), 30_000, 50);
    // The shell reads the terminal once mkube has put it in raw mode and attached.
    await new Promise((r) => setTimeout(r, 500));
    child.stdin.write('echo hi-$((6*7))\n');
    await eventually(() => text.includes('hi-42'), 10_000, 50);
    child.stdin.write('exit 5\n');
    const code = await exited;
    // A terminal's transcript: CRs and the shell's cursor queries are not part of the dialogue.
    const lines = text
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/\r/g, '')
      .split('\n')
      .filter(Boolean);
    expect({ code, lines }).toEqual({
      code: 5,
      lines: [
        PROMPT,
        'echo hi-$((6*7))',
        'hi-42',
        '/ # exit 5',
        "Session ended, resume using 'mkube attach t2 -c t2 -i -t' command when the pod is running",
        'pod "t2" deleted',
        'pod default/t2 terminated (Error)',
      ],
    });
  });
});

const podState = (name: string) =>
  home.run([
    'get',
    'pod',
    name,
    '-o',
    'jsonpath={.status.phase} {.status.conditions[?(@.type=="PodScheduled")].status} {.status.conditions[?(@.type=="PodScheduled")].message}',
  ]).stdout;

describe('the node verbs', () => {
  it('cordon leaves new pods Pending with the scheduler’s event; uncordon lets them start', async () => {
    expect(home.run(['cordon', node])).toEqual({ code: 0, stdout: `node/${node} cordoned\n`, stderr: '' });
    expect(home.run(['cordon', `node/${node}`]).stdout).toBe(`node/${node} already cordoned\n`);
    expect(
      home.run(['get', 'nodes', '--no-headers', '-o', 'custom-columns=S:.spec.unschedulable']).stdout,
    ).toBe('true\n');
    expect(home.run(['get', 'nodes', '--no-headers']).stdout.split(/\s+/)[1]).toBe(
      'Ready,SchedulingDisabled',
    );
    expect(home.run(['run', 'p', '--image=busybox:1.36', TOLERANT, '--', 'sleep', '3600']).code).toBe(0);
    expect(home.run(['run', 'q', '--image=busybox:1.36', QUICK, '--', 'sleep', '3600']).code).toBe(0);
    const why =
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    await eventually(() => podState('p') === `Pending False ${why}`, 15_000);
    expect(
      home.run([
        'events',
        '--for',
        'pod/p',
        '-o',
        'jsonpath={range .items[*]}{.type} {.reason} {.source.component}: {.message}{"\\n"}{end}',
      ]).stdout,
    ).toBe(`Warning FailedScheduling default-scheduler: ${why}\n`);
    expect(home.run(['uncordon', node]).stdout).toBe(`node/${node} uncordoned\n`);
    await eventually(() => podState('p') === 'Running True ' && podState('q') === 'Running True ', 20_000);
  });

  it('a NoExecute taint evicts the pod that does not tolerate it and keeps the one that does', async () => {
    expect(home.run(['taint', 'nodes', node, 'maint=now:NoExecute']).stdout).toBe(`node/${node} tainted\n`);
    await eventually(() => home.run(['get', 'pod', 'q']).code === 1, 20_000);
    expect(
      home.run([
        'events',
        '--for',
        'pod/q',
        '-o',
        'jsonpath={.items[?(@.reason=="TaintManagerEviction")].message}',
      ]).stdout,
    ).toBe('Marking for deletion Pod default/q');
    expect(podState('p')).toBe('Running True ');
    expect(home.run(['taint', 'nodes', node, 'maint:NoExecute-']).stdout).toBe(`node/${node} untainted\n`);
    expect(home.run(['taint', 'nodes', node, 'maint:NoExecute-'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: taint "maint:NoExecute" not found\n',
    });
  });

  it('drain refuses a pod without a controller, then evicts it with --force', async () => {
    const refused = 'cannot delete Pods that declare no controller (use --force to override): default/p';
    expect(home.run(['drain', node])).toEqual({
      code: 1,
      stdout: `node/${node} cordoned\n`,
      stderr: `error: unable to drain node "${node}" due to error: ${refused}, continuing command...\nThere are pending nodes to be drained:\n ${node}\nerror: ${refused}\n`,
    });
    expect(home.run(['drain', node, '--force'])).toEqual({
      code: 0,
      stdout: `node/${node} already cordoned\nevicting pod default/p\npod/p evicted\nnode/${node} drained\n`,
      stderr: 'Warning: deleting Pods that declare no controller: default/p\n',
    });
    expect(home.run(['uncordon', node]).stdout).toBe(`node/${node} uncordoned\n`);
  });
});
