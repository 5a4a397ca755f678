export type { CommandResult, RunCommand } from './command.js';
export {
  type CleanupResult,
  cleanup,
  proxyUnsupportedReason,
  type SyncResult,
  syncRules,
} from './executor.js';
export { computeJumps, type JumpRule } from './jumps.js';
export { MAX_CHAIN_LENGTH, proxyIdentity } from './names.js';
export { computeRules, MASQ_MARK, type ProxyInput, type ProxyRules } from './rules.js';
export { LOADBALANCER_HOST_IP } from './service-ports.js';
