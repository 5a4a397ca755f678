// Points mkube's own kubeconfig ($MKUBE_HOME/kubeconfig) at the running endpoint: the `mkube`
// cluster's server and CA, the `mkube` user's client certificate; other entries and the current
// context stay. Written only when something changed (a restart on the same port writes nothing),
// in one synchronous read-modify-write so a `mkube config` verb running meanwhile is not undone.
import { readFileSync } from 'node:fs';
import { toYaml } from '../printers/yaml.js';
import { isMissing } from '../state/fsio.js';
import { initialKubeconfig, type Kubeconfig, kubeconfigPath, writeKubeconfig } from '../state/kubeconfig.js';
import { type EndpointCredentials, hasMkubeEntries, withMkubeEntries } from '../state/kubeconfig-mkube.js';
import { parseSimpleYaml } from '../util/simple-yaml.js';

export async function writeEndpointKubeconfig(home: string, creds: EndpointCredentials): Promise<void> {
  const path = kubeconfigPath(home);
  // Loaded first, so the read-modify-write below has no await in it.
  const { parse } = await import('yaml');
  let current: Kubeconfig;
  try {
    const text = readFileSync(path, 'utf8');
    const simple = parseSimpleYaml(text) as Kubeconfig | null | undefined;
    current = (simple === undefined ? (parse(text) as Kubeconfig | null) : simple) ?? initialKubeconfig();
  } catch (e) {
    if (!isMissing(e)) throw e;
    current = initialKubeconfig();
  }
  if (hasMkubeEntries(current, creds)) return;
  writeKubeconfig(path, toYaml(withMkubeEntries(current, creds)));
}
