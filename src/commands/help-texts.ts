// The help texts of every verb, keyed by its path under mkube (`config view`): kubectl v1.32's
// where mkube does what kubectl does, mkube's own where it differs (what runs where, which
// kubeconfig). Loaded only to print help.

import type { HelpText } from './help-text.js';
import { ADVANCED_HELP } from './help-texts-advanced.js';
import { BASIC_HELP } from './help-texts-basic.js';

const OWN: Record<string, HelpText> = {
  version: {
    long: `Print the client and server version information for the current context.`,
    examples: `# Print the client and server versions for the current context
mkube version`,
    use: `[flags]`,
  },
  completion: {
    long: `Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of mkube commands.  This can be done by sourcing it from the .bash_profile.

 Resource names complete from mkube's state directory (no agent needed); contexts from mkube's kubeconfig.

 Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.`,
    examples: `# Load the mkube completion code for bash into the current shell
source <(mkube completion bash)

# Write bash completion code to a file and source it from .bash_profile
mkube completion bash > ~/.mkube/completion.bash.inc
printf "
# mkube shell completion
source '$HOME/.mkube/completion.bash.inc'
" >> $HOME/.bash_profile
source $HOME/.bash_profile

# Load the mkube completion code for zsh[1] into the current shell
source <(mkube completion zsh)
# Set the mkube completion code for zsh[1] to autoload on startup
mkube completion zsh > "\${fpath[1]}/_mkube"

# Load the mkube completion code for fish into the current shell
mkube completion fish | source

# Load the mkube completion code for powershell into the current shell
mkube completion powershell | Out-String | Invoke-Expression`,
    use: `SHELL`,
  },
  'api-versions': {
    long: `Print the supported API versions on the server, in the form of "group/version".`,
    examples: `# Print the supported API versions
mkube api-versions`,
    use: ``,
  },
  'cluster-info': {
    long: `Display where mkube's control plane and cluster services run: the agent (API, controllers, kubelet), the cluster DNS and the ingress ports. To further debug and diagnose problems, use 'mkube agent status' and 'mkube agent logs'.`,
    examples: `# Print where the control plane and cluster services run
mkube cluster-info`,
    use: `[flags]`,
  },
  config: {
    long: `Modify kubeconfig files using subcommands like "mkube config use-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded.
  2.  Otherwise, mkube's own kubeconfig, \${MKUBE_HOME}/kubeconfig, is used (until it is first written, it reads as one context named "mkube"). $KUBECONFIG and ~/.kube/config are never read: they belong to kubectl.`,
    use: `SUBCOMMAND`,
  },
  'config current-context': {
    long: `Display the current-context.`,
    examples: `# Display the current-context
mkube config current-context`,
    use: `[flags]`,
  },
  'config use-context': {
    long: `Set the current-context in a kubeconfig file.`,
    examples: `# Use the context for the minikube cluster
mkube config use-context minikube`,
    use: `CONTEXT_NAME`,
  },
  'config get-contexts': {
    long: `Display one or many contexts from the kubeconfig file.`,
    examples: `# List all the contexts in your kubeconfig file
mkube config get-contexts

# Describe one context in your kubeconfig file
mkube config get-contexts my-context`,
    use: `[(-o|--output=)name)]`,
  },
  'config set-context': {
    long: `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
    examples: `# Set the user field on the gce context entry without touching other values
mkube config set-context gce --user=cluster-admin`,
    use: `[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]`,
  },
  'config view': {
    long: `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
    examples: `# Show merged kubeconfig settings
mkube config view

# Show merged kubeconfig settings, raw certificate data, and exposed secrets
mkube config view --raw

# Get the password for the e2e user
mkube config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
    use: `[flags]`,
  },
};

export type { HelpText };

export const HELP_TEXTS: Record<string, HelpText> = { ...BASIC_HELP, ...ADVANCED_HELP, ...OWN };
