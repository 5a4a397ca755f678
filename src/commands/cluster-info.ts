// `mkube cluster-info`: kubectl's "<what> is running at <where>" lines for what mkube runs: the
// agent (mkube's control plane: controllers, kubelet, proxy), the kube-system Services labelled
// kubernetes.io/cluster-service=true (the cluster DNS at its ClusterIP) and the ingress ports.
import type { Command } from 'commander';
import { UserError } from '../api/errors.js';
import { lookupKind } from '../api/kinds.js';
import type { KObject } from '../api/types.js';
import type { Ctx } from './context.js';

export interface ClusterInfoInput {
  agentPid: number;
  home: string;
  /** Services in kube-system (the cluster-service ones are listed). */
  services: KObject[];
  ingress?: { http: number; https: number };
}

/** [what, where] per line, in kubectl's order: control plane first, then services by name. */
export function clusterInfoLines(input: ClusterInfoInput): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ['Kubernetes control plane', `mkube agent pid ${input.agentPid} (state directory ${input.home})`],
  ];
  const services = input.services
    .filter((s) => s.metadata.labels?.['kubernetes.io/cluster-service'] === 'true')
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const svc of services) {
    const name = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name!;
    const ports = [...new Set((svc.spec?.ports ?? []).map((p: { port: number }) => p.port))];
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') lines.push([name, ports.map((p) => `${ip}:${p}`).join(', ') || ip]);
  }
  const ingress = input.ingress;
  if (ingress && (ingress.http || ingress.https)) {
    const urls = [
      ...(ingress.http ? [`http://localhost${ingress.http === 80 ? '' : `:${ingress.http}`}`] : []),
      ...(ingress.https ? [`https://localhost${ingress.https === 443 ? '' : `:${ingress.https}`}`] : []),
    ];
    lines.push(['Ingress', urls.join(', ')]);
  }
  return lines;
}

/** kubectl's layout; the names green and the places yellow on a terminal. */
export function formatClusterInfo(
  lines: Array<[string, string]>,
  paint: { what: (s: string) => string; where: (s: string) => string },
): string {
  const body = lines
    .map(([what, where]) => `${paint.what(what)} is running at ${paint.where(where)}\n`)
    .join('');
  return `${body}\nTo further debug and diagnose cluster problems, use 'mkube agent status' and 'mkube agent logs'.\n`;
}

export function register(program: Command, ctx: Ctx): void {
  program
    .command('cluster-info')
    .description('Display cluster information')
    .action(async () => {
      const { runningAgentPid } = await import('../agent/process.js');
      const pid = runningAgentPid(ctx.home);
      if (!pid) {
        throw new UserError(
          `the mkube agent is not running (state directory ${ctx.home}); 'mkube agent start' starts it`,
        );
      }
      const { readListeners } = await import('../agent/listeners.js');
      const listeners = readListeners(ctx.home, pid);
      const services = ctx.store().list(lookupKind('services')!, { namespace: 'kube-system' });
      const lines = clusterInfoLines({
        agentPid: pid,
        home: ctx.home,
        services,
        ingress: listeners && { http: listeners.ingressHttp, https: listeners.ingressHttps },
      });
      const colour = ctx.out.isTTY && !process.env.NO_COLOR;
      const chalk = colour ? (await import('chalk')).default : undefined;
      ctx.out.write(
        formatClusterInfo(lines, {
          what: chalk ? (s) => chalk.green(s) : (s) => s,
          where: chalk ? (s) => chalk.yellow(s) : (s) => s,
        }),
      );
    });
}
