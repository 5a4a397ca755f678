// The `paths` of the OpenAPI documents: for every kind, the operations the API server publishes
// (get, list, create, replace, patch, delete, deletecollection), each with its
// x-kubernetes-group-version-kind. Clients read more than the schemas here: `kubectl explain`
// finds a resource's kind through its paths, `kubectl apply` computes a strategic merge patch only
// when the kind's PATCH accepts application/strategic-merge-patch+json, and kubectl's validation
// asks the server to validate fields only when PATCH takes the fieldValidation query parameter.
import type { KindInfo } from '../../api/kinds.js';
import type { Flavor, JsonSchema } from './definitions.js';

type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';

/** Query parameters each action takes (name -> description). */
const QUERY: Record<Action, Record<string, string>> = {
  get: { pretty: "If 'true', then the output is pretty printed." },
  list: {
    allowWatchBookmarks: 'allowWatchBookmarks requests watch events with type "BOOKMARK".',
    continue: 'The continue option should be set when retrieving more results from the server.',
    fieldSelector:
      'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
    labelSelector:
      'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
    limit: 'limit is a maximum number of responses to return for a list call.',
    resourceVersion:
      'resourceVersion sets a constraint on what resource versions a request may be served from.',
    resourceVersionMatch: 'resourceVersionMatch determines how resourceVersion is applied to list calls.',
    timeoutSeconds: 'Timeout for the list/watch call.',
    watch:
      'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
  },
  post: {
    dryRun: 'When present, indicates that modifications should not be persisted.',
    fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes.',
    fieldValidation:
      'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  },
  put: {
    dryRun: 'When present, indicates that modifications should not be persisted.',
    fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes.',
    fieldValidation:
      'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  },
  patch: {
    dryRun: 'When present, indicates that modifications should not be persisted.',
    fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes.',
    fieldValidation:
      'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
    force:
      'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.',
  },
  delete: {
    dryRun: 'When present, indicates that modifications should not be persisted.',
    gracePeriodSeconds: 'The duration in seconds before the object should be deleted.',
    propagationPolicy:
      "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
  },
  deletecollection: {
    dryRun: 'When present, indicates that modifications should not be persisted.',
    gracePeriodSeconds: 'The duration in seconds before the object should be deleted.',
    labelSelector:
      'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
    propagationPolicy:
      "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'.",
  },
};

const VERB: Record<Action, string> = {
  get: 'read',
  list: 'list',
  post: 'create',
  put: 'replace',
  patch: 'patch',
  delete: 'delete',
  deletecollection: 'deleteCollection',
};

const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `apps` -> Apps, `networking.k8s.io` -> Networking, '' -> Core (operation ids and tags). */
function groupWord(group: string): string {
  return group ? capital(group.split('.')[0]) : 'Core';
}

export interface PathRefs {
  kind: string;
  list: string;
}

function parameter(
  name: string,
  location: 'query' | 'path',
  description: string,
  flavor: Flavor,
): JsonSchema {
  const type =
    name === 'limit' || name === 'timeoutSeconds' || name === 'gracePeriodSeconds' ? 'integer' : 'string';
  const required = location === 'path' ? { required: true } : {};
  return flavor === 'v3'
    ? { name, in: location, description, ...required, schema: { type, uniqueItems: true } }
    : { name, in: location, description, ...required, type, uniqueItems: true };
}

function operation(
  info: KindInfo,
  action: Action,
  scope: 'Namespaced' | '' | 'ForAllNamespaces',
  refs: PathRefs,
  flavor: Flavor,
): JsonSchema {
  const word = `${groupWord(info.group)}${capital(info.version)}`;
  const id =
    scope === 'ForAllNamespaces'
      ? `list${word}${info.kind}ForAllNamespaces`
      : `${VERB[action]}${word}${scope}${info.kind}`;
  const ref = (name: string) => ({
    $ref: flavor === 'v3' ? `#/components/schemas/${name}` : `#/definitions/${name}`,
  });
  const responseSchema = ref(action === 'list' ? refs.list : refs.kind);
  const produces = ['application/json', 'application/yaml'];
  const consumes = action === 'patch' ? PATCH_TYPES : ['application/json', 'application/yaml'];
  const parameters = Object.entries(QUERY[action]).map(([n, d]) => parameter(n, 'query', d, flavor));
  const hasBody = action === 'post' || action === 'put' || action === 'patch';
  const common = {
    description: `${VERB[action]} ${action === 'list' ? 'objects of kind' : 'the specified'} ${info.kind}`,
    operationId: id,
    tags: [`${info.group ? info.group.split('.')[0] : 'core'}_${info.version}`],
  };
  const extensions = {
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: info.group, kind: info.kind, version: info.version },
  };
  if (flavor === 'v2') {
    const body = hasBody
      ? [
          {
            name: 'body',
            in: 'body',
            required: true,
            schema: action === 'patch' ? { type: 'object' } : ref(refs.kind),
          },
        ]
      : [];
    return {
      ...common,
      consumes,
      parameters: [...body, ...parameters],
      produces,
      responses: {
        '200': { description: 'OK', schema: responseSchema },
        '401': { description: 'Unauthorized' },
      },
      schemes: ['https'],
      ...extensions,
    };
  }
  const content = (schema: JsonSchema, types: string[]) =>
    Object.fromEntries(types.map((t) => [t, { schema }]));
  return {
    ...common,
    parameters,
    ...(hasBody
      ? {
          requestBody: {
            content: content(action === 'patch' ? { type: 'object' } : ref(refs.kind), consumes),
            required: true,
          },
        }
      : {}),
    responses: {
      '200': { description: 'OK', content: content(responseSchema, produces) },
      '401': { description: 'Unauthorized' },
    },
    ...extensions,
  };
}

/** Every path of one kind, with its operations: `/api/v1/namespaces/{namespace}/pods/{name}` etc. */
export function kindPaths(info: KindInfo, refs: PathRefs, flavor: Flavor): Record<string, JsonSchema> {
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const scope = info.namespaced ? 'Namespaced' : '';
  const base = info.namespaced ? `${root}/namespaces/{namespace}/${info.plural}` : `${root}/${info.plural}`;
  const pathParams = (names: string[]) =>
    names.map((n) =>
      parameter(n, 'path', n === 'name' ? `name of the ${info.kind}` : 'object name and auth scope', flavor),
    );
  const ns = info.namespaced ? ['namespace'] : [];
  const op = (action: Action, s: 'Namespaced' | '' | 'ForAllNamespaces' = scope) =>
    operation(info, action, s, refs, flavor);
  const paths: Record<string, JsonSchema> = {
    [base]: {
      get: op('list'),
      post: op('post'),
      delete: op('deletecollection'),
      ...(ns.length ? { parameters: pathParams(ns) } : {}),
    },
    [`${base}/{name}`]: {
      get: op('get'),
      put: op('put'),
      patch: op('patch'),
      delete: op('delete'),
      parameters: pathParams([...ns, 'name']),
    },
  };
  if (info.namespaced) paths[`${root}/${info.plural}`] = { get: op('list', 'ForAllNamespaces') };
  return paths;
}
