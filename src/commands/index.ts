// Every command, in the order `mkube --help` lists them. One file per verb, each loaded only
// when its verb is used: start-up time is a feature, and most runs need one command.
import type { Command } from 'commander';
import type { Ctx } from './context.js';

export type Register = (program: Command, ctx: Ctx) => void;

export const COMMANDS: ReadonlyArray<{ name: string; load: () => Promise<{ register: Register }> }> = [
  { name: 'create', load: () => import('./create.js') },
  { name: 'get', load: () => import('./get.js') },
  { name: 'delete', load: () => import('./delete.js') },
  { name: 'run', load: () => import('./run.js') },
  { name: 'expose', load: () => import('./expose.js') },
  { name: 'set', load: () => import('./set.js') },
  { name: 'diff', load: () => import('./diff.js') },
  { name: 'apply', load: () => import('./apply.js') },
  { name: 'kustomize', load: () => import('./kustomize.js') },
  { name: 'patch', load: () => import('./patch.js') },
  { name: 'replace', load: () => import('./replace.js') },
  { name: 'edit', load: () => import('./edit.js') },
  { name: 'rollout', load: () => import('./rollout.js') },
  { name: 'scale', load: () => import('./scale.js') },
  { name: 'autoscale', load: () => import('./autoscale.js') },
  { name: 'label', load: () => import('./label.js') },
  { name: 'annotate', load: () => import('./annotate.js') },
  { name: 'wait', load: () => import('./wait.js') },
  { name: 'describe', load: () => import('./describe.js') },
  { name: 'events', load: () => import('./events.js') },
  { name: 'logs', load: () => import('./logs.js') },
  { name: 'exec', load: () => import('./exec.js') },
  { name: 'attach', load: () => import('./attach.js') },
  { name: 'port-forward', load: () => import('./port-forward.js') },
  { name: 'cp', load: () => import('./cp.js') },
  { name: 'cordon', load: () => import('./cordon.js') },
  { name: 'uncordon', load: () => import('./uncordon.js') },
  { name: 'drain', load: () => import('./drain.js') },
  { name: 'taint', load: () => import('./taint.js') },
  { name: 'api-resources', load: () => import('./api-resources.js') },
  { name: 'top', load: () => import('./top.js') },
  { name: 'version', load: () => import('./version.js') },
  { name: 'config', load: () => import('./config.js') },
  { name: 'cluster-info', load: () => import('./cluster-info.js') },
  { name: 'api-versions', load: () => import('./api-versions.js') },
  { name: 'options', load: () => import('./options.js') },
  { name: 'agent', load: () => import('./agent.js') },
  { name: 'kubeconfig', load: () => import('./kubeconfig.js') },
  { name: 'reset', load: () => import('./reset.js') },
];
