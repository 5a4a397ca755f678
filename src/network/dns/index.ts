// Cluster DNS: the index kept from watch events, the pure resolver, the UDP/TCP server; and, re-exported
// from src/api (where the kubelet can import them too), the files a pod gets (resolv.conf, /etc/hosts).

export { type PodEtcHostsInput, podEtcHosts, podHostnameAndDomain } from '../../api/pod-etc-hosts.js';
export {
  formatResolvConf,
  type PodDns,
  type PodDnsInput,
  parseResolvConf,
  podDnsConfig,
  podResolvConf,
  type ResolvConf,
} from '../../api/pod-resolv-conf.js';
export { answer, DEFAULT_DNS_CONFIG, type DnsAnswer, type DnsConfig } from './answer.js';
export { forwardQuery, type Upstream, upstreamsFromResolvConf } from './forward.js';
export { DnsIndex } from './record-index.js';
export { type DnsServer, type DnsServerOptions, startDnsServer } from './server.js';
