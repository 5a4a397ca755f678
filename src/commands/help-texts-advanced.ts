// kubectl v1.32's help texts (description, examples, usage) for the verbs that change objects, with
// `kubectl` read as `mkube`: mkube's `--help` is kubectl's. Used by help.ts only.
import type { HelpText } from './help-text.js';

export const ADVANCED_HELP: Record<string, HelpText> = {
  apply: {
    long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`,
    examples: `# Apply the configuration in pod.json to a pod
mkube apply -f ./pod.json

# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
mkube apply -k dir/

# Apply the JSON passed into stdin to a pod
cat pod.json | mkube apply -f -

# Apply the configuration from all files that end with '.json'
mkube apply -f '*.json'

# Note: --prune is still in Alpha
# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx
mkube apply --prune -f manifest.yaml -l app=nginx

# Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file
mkube apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap`,
    use: `(-f FILENAME | -k DIRECTORY)`,
  },
  diff: {
    long: `Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.

 The output is always YAML.

 KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use external commands with params too, example: KUBECTL_EXTERNAL_DIFF="colordiff -N -u"

 By default, the "diff" command available in your path will be run with the "-u" (unified diff) and "-N" (treat absent files as empty) options.

 Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

 Note: KUBECTL_EXTERNAL_DIFF, if used, is expected to follow that convention.`,
    examples: `# Diff resources included in pod.json
mkube diff -f pod.json

# Diff file read from stdin
cat service.yaml | mkube diff -f -`,
    use: `-f FILENAME`,
  },
  patch: {
    long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
    examples: `# Partially update a node using a strategic merge patch, specifying the patch as JSON
mkube patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

# Partially update a node using a strategic merge patch, specifying the patch as YAML
mkube patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

# Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
mkube patch -f node.json -p '{"spec":{"unschedulable":true}}'

# Update a container's image; spec.containers[*].name is required because it's a merge key
mkube patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

# Update a container's image using a JSON patch with positional arrays
mkube patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

# Update a deployment's replicas through the 'scale' subresource using a merge patch
mkube patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
    use: `(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]`,
  },
  replace: {
    long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

        $ mkube get TYPE NAME -o yaml`,
    examples: `# Replace a pod using the data in pod.json
mkube replace -f ./pod.json

# Replace a pod based on the JSON passed into stdin
cat pod.json | mkube replace -f -

# Update a single-container pod's image version (tag) to v4
mkube get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | mkube replace -f -

# Force replace, delete and then re-create the resource
mkube replace --force -f ./pod.json`,
    use: `-f FILENAME`,
  },
  wait: {
    long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
    examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
mkube wait --for=condition=Ready pod/busybox1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
mkube wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
mkube wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
mkube wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the service "loadbalancer" to have ingress
mkube wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

# Wait for the secret "busybox1" to be created, with a timeout of 30s
mkube create secret generic busybox1
mkube wait --for=create secret/busybox1 --timeout=30s

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
mkube delete pod/busybox1
mkube wait --for=delete pod/busybox1 --timeout=60s`,
    use: `([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]`,
  },
  rollout: {
    long: `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
    examples: `# Rollback to the previous deployment
mkube rollout undo deployment/abc

# Check the rollout status of a daemonset
mkube rollout status daemonset/foo

# Restart a deployment
mkube rollout restart deployment/abc

# Restart deployments with the 'app=nginx' label
mkube rollout restart deployment --selector=app=nginx`,
    use: `SUBCOMMAND`,
  },
  'rollout status': {
    long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.`,
    examples: `# Watch the rollout status of a deployment
mkube rollout status deployment/nginx`,
    use: `(TYPE NAME | TYPE/NAME) [flags]`,
  },
  scale: {
    long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
    examples: `# Scale a replica set named 'foo' to 3
mkube scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
mkube scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
mkube scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
mkube scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
mkube scale --replicas=3 statefulset/web`,
    use: `[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)`,
  },
  label: {
    long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
    examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
mkube label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
mkube label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
mkube label pods --all status=unhealthy

# Update a pod identified by the type and name in "pod.json"
mkube label -f pod.json status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
mkube label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
mkube label pods foo bar-`,
    use: `[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]`,
  },
  annotate: {
    long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "mkube api-resources" for a complete list of supported resources.`,
    examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
mkube annotate pods foo description='my frontend'

# Update a pod identified by type and name in "pod.json"
mkube annotate -f pod.json description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
mkube annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
mkube annotate pods --all description='my frontend running nginx'

# Update pod 'foo' only if the resource is unchanged from version 1
mkube annotate pods foo description='my frontend running nginx' --resource-version=1

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
mkube annotate pods foo description-`,
    use: `[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]`,
  },
};
