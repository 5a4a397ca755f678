// kubectl v1.32's help texts (description, examples, usage) for the everyday verbs, with
// `kubectl` read as `mkube`: mkube's `--help` is kubectl's. Used by help.ts only.
import type { HelpText } from './help-text.js';

export const BASIC_HELP: Record<string, HelpText> = {
  get: {
    long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "mkube api-resources" for a complete list of supported resources.`,
    examples: `# List all pods in ps output format
mkube get pods

# List all pods in ps output format with more information (such as node name)
mkube get pods -o wide

# List a single replication controller with specified NAME in ps output format
mkube get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
mkube get deployments.v1.apps -o json

# List a single pod in JSON output format
mkube get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
mkube get -f pod.yaml -o json

# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
mkube get -k dir/

# Return only the phase value of the specified pod
mkube get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
mkube get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
mkube get rc,services

# List one or more resources by their type and names
mkube get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
mkube get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
mkube get deployments.apps --namespace backend

# List all pods existing in all namespaces
mkube get pods --all-namespaces`,
    use: `[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]`,
  },
  describe: {
    long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ mkube describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "mkube api-resources" for a complete list of supported resources.`,
    examples: `# Describe a node
mkube describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
mkube describe pods/nginx

# Describe a pod identified by type and name in "pod.json"
mkube describe -f pod.json

# Describe all pods
mkube describe pods

# Describe pods by label name=myLabel
mkube describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
mkube describe pods frontend`,
    use: `(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)`,
  },
  logs: {
    long: `Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.`,
    examples: `# Return snapshot logs from pod nginx with only one container
mkube logs nginx

# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
mkube logs nginx --prefix

# Return snapshot logs from pod nginx, limiting output to 500 bytes
mkube logs nginx --limit-bytes=500

# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
mkube logs nginx --pod-running-timeout=20s

# Return snapshot logs from pod nginx with multi containers
mkube logs nginx --all-containers=true

# Return snapshot logs from all pods in the deployment nginx
mkube logs deployment/nginx --all-pods=true

# Return snapshot logs from all containers in pods defined by label app=nginx
mkube logs -l app=nginx --all-containers=true

# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
mkube logs -l app=nginx --max-log-requests=10

# Return snapshot of previous terminated ruby container logs from pod web-1
mkube logs -p -c ruby web-1

# Begin streaming the logs from pod nginx, continuing even if errors occur
mkube logs nginx -f --ignore-errors=true

# Begin streaming the logs of the ruby container in pod web-1
mkube logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
mkube logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
mkube logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
mkube logs --since=1h nginx

# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
mkube logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true

# Show logs from a kubelet with an expired serving certificate
mkube logs --insecure-skip-tls-verify-backend nginx

# Return snapshot logs from first container of a job named hello
mkube logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
mkube logs deployment/nginx -c nginx-1`,
    use: `[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`,
  },
  exec: {
    long: `Execute a command in a container.`,
    examples: `# Get output from running the 'date' command from pod mypod, using the first container by default
mkube exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
mkube exec mypod -c ruby-container -- date

# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
# and sends stdout/stderr from 'bash' back to the client
mkube exec mypod -c ruby-container -i -t -- bash -il

# List contents of /usr from the first container of pod mypod and sort by modification time
# If the command you want to execute in the pod has any flags in common (e.g. -i),
# you must use two dashes (--) to separate your command's flags/arguments
# Also note, do not surround your command and its flags/arguments with quotes
# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
mkube exec mypod -i -t -- ls -t /usr

# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
mkube exec deploy/mydeployment -- date

# Get output from running 'date' command from the first pod of the service myservice, using the first container by default
mkube exec svc/myservice -- date`,
    use: `(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]`,
  },
  cp: {
    long: `Copy files and directories to and from containers.`,
    examples: `# !!!Important Note!!!
# Requires that the 'tar' binary is present in your container
# image.  If 'tar' is not present, 'mkube cp' will fail.
#
# For advanced use cases, such as symlinks, wildcard expansion or
# file mode preservation, consider using 'mkube exec'.

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
tar cf - /tmp/foo | mkube exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
mkube exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar

# Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace
mkube cp /tmp/foo_dir <some-pod>:/tmp/bar_dir

# Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container
mkube cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>

# Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
mkube cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar

# Copy /tmp/foo from a remote pod to /tmp/bar locally
mkube cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar`,
    use: `<file-spec-src> <file-spec-dest>`,
  },
  'port-forward': {
    long: `Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.`,
    examples: `# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
mkube port-forward pod/mypod 5000 6000

# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
mkube port-forward deployment/mydeployment 5000 6000

# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
mkube port-forward service/myservice 8443:https

# Listen on port 8888 locally, forwarding to 5000 in the pod
mkube port-forward pod/mypod 8888:5000

# Listen on port 8888 on all addresses, forwarding to 5000 in the pod
mkube port-forward --address 0.0.0.0 pod/mypod 8888:5000

# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
mkube port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000

# Listen on a random port locally, forwarding to 5000 in the pod
mkube port-forward pod/mypod :5000`,
    use: `TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]`,
  },
  'api-resources': {
    long: `Print the supported API resources on the server.`,
    examples: `# Print the supported API resources
mkube api-resources

# Print the supported API resources with more information
mkube api-resources -o wide

# Print the supported API resources sorted by a column
mkube api-resources --sort-by=name

# Print the supported namespaced resources
mkube api-resources --namespaced=true

# Print the supported non-namespaced resources
mkube api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
mkube api-resources --api-group=rbac.authorization.k8s.io`,
    use: `[flags]`,
  },
  create: {
    long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
    examples: `# Create a pod using the data in pod.json
mkube create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | mkube create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
mkube create -f registry.yaml --edit -o json`,
    use: `-f FILENAME`,
  },
  'create deployment': {
    long: `Create a deployment with the specified name.`,
    examples: `# Create a deployment named my-dep that runs the busybox image
mkube create deployment my-dep --image=busybox

# Create a deployment with a command
mkube create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
mkube create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
mkube create deployment my-dep --image=busybox --port=5701

# Create a deployment named my-dep that runs multiple containers
mkube create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx`,
    use: `NAME --image=image -- [COMMAND] [args...]`,
  },
  delete: {
    long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "mkube api-resources" to refresh the discovery cache.`,
    examples: `# Delete a pod using the type and name specified in pod.json
mkube delete -f ./pod.json

# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
mkube delete -k dir

# Delete resources from all files that end with '.json'
mkube delete -f '*.json'

# Delete a pod based on the type and name in the JSON passed into stdin
cat pod.json | mkube delete -f -

# Delete pods and services with same names "baz" and "foo"
mkube delete pod,service baz foo

# Delete pods and services with label name=myLabel
mkube delete pods,services -l name=myLabel

# Delete a pod with minimal delay
mkube delete pod foo --now

# Force delete a pod on a dead node
mkube delete pod foo --force

# Delete all pods
mkube delete pods --all

# Delete all pods only if the user confirms the deletion
mkube delete pods --all --interactive`,
    use: `([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])`,
  },
  run: {
    long: `Create and run a particular image in a pod.`,
    examples: `# Start a nginx pod
mkube run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
mkube run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
mkube run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
mkube run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
mkube run nginx --image=nginx --dry-run=client

# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
mkube run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
mkube run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
mkube run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
mkube run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
    use: `NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]`,
  },
  expose: {
    long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
    examples: `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
mkube expose rc nginx --port=80 --target-port=8000

# Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
mkube expose -f nginx-controller.yaml --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
mkube expose pod valid-pod --port=444 --name=frontend

# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
mkube expose service nginx --port=443 --target-port=8443 --name=nginx-https

# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
mkube expose rc streamer --port=4100 --protocol=UDP --name=video-stream

# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
mkube expose rs nginx --port=80 --target-port=8000

# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
mkube expose deployment nginx --port=80 --target-port=8000`,
    use: `(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]`,
  },
  set: {
    long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
    use: `SUBCOMMAND`,
  },
  edit: {
    long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
    examples: `# Edit the service named 'registry'
mkube edit svc/registry

# Use an alternative editor
KUBE_EDITOR="nano" mkube edit svc/registry

# Edit the job 'myjob' in JSON using the v1 API format
mkube edit job.v1.batch/myjob -o json

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
mkube edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
mkube edit deployment mydeployment --subresource='status'`,
    use: `(RESOURCE/NAME | -f FILENAME)`,
  },
  explain: {
    long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "mkube api-resources" for a complete list of supported resources.`,
    examples: `# Get the documentation of the resource and its fields
mkube explain pods

# Get all the fields in the resource
mkube explain pods --recursive

# Get the explanation for deployment in supported api versions
mkube explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
mkube explain pods.spec.containers

# Get the documentation of resources in different format
mkube explain deployment --output=plaintext-openapiv2`,
    use: `TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]`,
  },
};
