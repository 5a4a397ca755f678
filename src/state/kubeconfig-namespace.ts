// The namespace a verb uses without -n: the kubeconfig's current (or --context) context's.
// Every verb asks, so this must be cheap: one read that fails fast when there is no file, and a
// small reader for the block YAML kubectl and mkube write; only a file outside that subset
// (anchors, flow maps, block scalars...) loads the YAML library.
import { readFileSync } from 'node:fs';
import { parseSimpleYaml } from '../util/simple-yaml.js';
import { isMissing } from './fsio.js';
import { initialKubeconfig, type Kubeconfig, kubeconfigPath } from './kubeconfig.js';

export type ContextNamespace = { namespace: string } | { error: string };

/** The namespace of the chosen context, `default` when it sets none or there is no file. */
export async function contextNamespace(
  home: string,
  flags: { kubeconfig?: string; context?: string } = {},
): Promise<ContextNamespace> {
  let text: string;
  try {
    text = readFileSync(kubeconfigPath(home, flags.kubeconfig), 'utf8');
  } catch (e) {
    if (!isMissing(e)) throw e;
    // No file yet: mkube's own reads as the one it will write; a --kubeconfig one as empty.
    return namespaceIn(flags.kubeconfig ? {} : initialKubeconfig(), flags.context);
  }
  let config = parseSimpleYaml(text) as Kubeconfig | null | undefined;
  if (config === undefined) config = (await import('yaml')).parse(text) as Kubeconfig | null;
  return namespaceIn(config ?? {}, flags.context);
}

/** kubectl's rule on a parsed kubeconfig. */
export function namespaceIn(config: Kubeconfig, contextFlag?: string): ContextNamespace {
  const name = contextFlag || config['current-context'];
  if (!name) return { namespace: 'default' };
  const context = (config.contexts ?? []).find((c) => c?.name === name);
  if (!context) return notFound(name);
  const ns = context.context?.namespace;
  return { namespace: typeof ns === 'string' && ns !== '' ? ns : 'default' };
}

function notFound(name: string): ContextNamespace {
  return { error: `Error in configuration: context was not found for specified context: ${name}` };
}
