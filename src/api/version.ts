// The Kubernetes version mkube answers as (kubectl's skew checks, the Node's kubelet version)
// and mkube's own.
export const KUBE_VERSION = 'v1.32.0';
export const MKUBE_VERSION = '0.1.0';

/** Go's GOOS/GOARCH for this process: `linux/amd64`, as kubectl reports its platform. */
export function goPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goArch: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm: 'arm',
    arm64: 'arm64',
    ppc64: 'ppc64le',
  };
  const goOs: Record<string, string> = { win32: 'windows' };
  return `${goOs[platform] ?? platform}/${goArch[arch] ?? arch}`;
}

/** What `mkube version` prints as the server version and the endpoint's /version answers. */
export function versionInfo(platform: string = goPlatform()) {
  return {
    major: '1',
    minor: KUBE_VERSION.split('.')[1]!,
    gitVersion: `${KUBE_VERSION}+mkube.${MKUBE_VERSION}`,
    platform,
  };
}
