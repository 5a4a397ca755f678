// Points mkube's own kubeconfig ($MKUBE_HOME/kubeconfig) at the running endpoint: the `mkube`
// cluster's server and CA, the `mkube` user's client certificate; other entries and the current
// context stay. Written only when something changed (a restart on the same port writes nothing).
// `mkube config` verbs write the same file without a lock: the new file is renamed into place only
// if the file is still the one read, else it is read again, so a verb's change is never undone.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { toYaml } from '../printers/yaml.js';
import { isMissing, unlinkQuiet } from '../state/fsio.js';
import { initialKubeconfig, type Kubeconfig, kubeconfigPath } from '../state/kubeconfig.js';
import { type EndpointCredentials, hasMkubeEntries, withMkubeEntries } from '../state/kubeconfig-mkube.js';
import { parseSimpleYaml } from '../util/simple-yaml.js';

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
};

/** True when written or already right; false when the file kept changing under us. */
export async function writeEndpointKubeconfig(home: string, creds: EndpointCredentials): Promise<boolean> {
  const path = kubeconfigPath(home);
  const { parse } = await import('yaml');
  for (let attempt = 0; attempt < 5; attempt++) {
    const text = readText(path);
    const simple = text === undefined ? null : (parseSimpleYaml(text) as Kubeconfig | null | undefined);
    const current =
      (simple === undefined ? (parse(text!) as Kubeconfig | null) : simple) ?? initialKubeconfig();
    if (hasMkubeEntries(current, creds)) return true;
    const tmp = `${path}.${process.pid}.endpoint.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, toYaml(withMkubeEntries(current, creds)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (readText(path) === text) {
      renameSync(tmp, path);
      return true;
    }
    unlinkQuiet(tmp);
  }
  return false;
}
