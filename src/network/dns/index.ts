// Cluster DNS: the index kept from watch events, the pure resolver, the UDP/TCP server, and the
// kubelet-side files (resolv.conf, /etc/hosts) a pod gets.
export { answer, DEFAULT_DNS_CONFIG, type DnsAnswer, type DnsConfig } from './answer.js';
export { type PodEtcHostsInput, podEtcHosts, podHostnameAndDomain } from './etc-hosts.js';
export { forwardQuery, type Upstream, upstreamsFromResolvConf } from './forward.js';
export { DnsIndex } from './record-index.js';
export {
  formatResolvConf,
  type PodDns,
  type PodDnsInput,
  parseResolvConf,
  podDnsConfig,
  podResolvConf,
  type ResolvConf,
} from './resolv-conf.js';
export { type DnsServer, type DnsServerOptions, startDnsServer } from './server.js';
