// The Kubernetes version mkube answers as (kubectl's skew checks, the Node's kubelet version)
// and mkube's own.
export const KUBE_VERSION = 'v1.32.0';
export const MKUBE_VERSION = '0.1.0';
