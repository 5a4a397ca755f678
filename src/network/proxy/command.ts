// Running iptables/ip: one small seam, so the executor's decisions can be tested with a recording fake.
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type RunCommand = (cmd: string, args: string[], input?: string) => Promise<CommandResult>;

/** Runs a command without a shell; a missing binary is exit code 127, never a throw. */
export const runCommand: RunCommand = (cmd, args, input) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ code: err.code === 'ENOENT' ? 127 : -1, stdout, stderr: `${cmd}: ${err.message}` }),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });

export const describeFailure = (cmd: string, args: string[], r: CommandResult): string =>
  `\`${[cmd, ...args].join(' ')}\` failed (exit ${r.code}): ${(r.stderr || r.stdout).trim()}`;
