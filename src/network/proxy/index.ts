// mkube's Service data plane, in the shape of kube-proxy's iptables mode.
//   computeRules(input)            pure: the whole nat + filter rule set of one state directory
//   syncRules(input, options)      apply it (local route, sysctl, one restore per table, jumps once,
//                                  hairpin ports); returns { ok: false, reason } where the kernel
//                                  cannot be programmed, never throws for that
//   cleanup({ id, serviceCIDR })   remove this home's jumps, chains and local route (mkube reset)
//   loadBalancerStatusChanges(svcs) pure: status writes giving LoadBalancers EXTERNAL-IP localhost
// Chains are `MKUBE-<proxyIdentity(home)>-...`, so several state directories share one kernel.
export { type DockerNetworkInfo, dockerBridgeName } from '../../runtime/bridge-name.js';
export type { CommandResult, RunCommand } from './command.js';
export {
  type CleanupResult,
  cleanup,
  type ExecutorOptions,
  proxyUnsupportedReason,
  type SyncOptions,
  type SyncResult,
  syncRules,
} from './executor.js';
export { computeJumps, type JumpRule } from './jumps.js';
export {
  LOADBALANCER_HOSTNAME,
  type LoadBalancerStatusChange,
  loadBalancerStatusChanges,
} from './load-balancer-status.js';
export { MAX_CHAIN_LENGTH, proxyIdentity } from './names.js';
export { computeRules, MASQ_MARK, type ProxyInput, type ProxyRules } from './rules.js';
export { LOADBALANCER_HOST_IP } from './service-ports.js';
