// The OpenAPI documents the API server publishes: Swagger 2.0 at /openapi/v2 (every definition and
// path), and OpenAPI 3 at /openapi/v3 (an index of group-versions, each pointing at its own
// document at /openapi/v3/api/v1, /openapi/v3/apis/apps/v1, ... with the schemas it needs).
// Built once per process from the generated schema; pure, so `mkube explain` reads the very
// documents `kubectl explain` gets from the endpoint.
import { createHash } from 'node:crypto';
import { apiVersionOf, KINDS, type KindInfo } from '../../api/kinds.js';
import { allDefinitions, closure, type DefinitionSet, type Flavor, type JsonSchema } from './definitions.js';
import { kindPaths, type PathRefs } from './paths.js';
import { swaggerProtobuf } from './swagger-proto.js';

/** The Kubernetes version the documents describe (as the server's /version would). */
const INFO = { title: 'Kubernetes', version: 'v1.32.4' };

/** `api/v1`, `apis/apps/v1`: a group-version's key in the v3 index. */
export function groupVersionPath(info: Pick<KindInfo, 'group' | 'version'>): string {
  return info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
}

/** The kinds the documents describe: those mkube has a schema for. */
function describedKinds(set: DefinitionSet): KindInfo[] {
  return KINDS.filter((info) => set.kindNames.has(`${apiVersionOf(info)}/${info.kind}`));
}

/** `<Kind>List`, the list operations' response, beside its kind's definition. */
function listDefinition(info: KindInfo, kindName: string, flavor: Flavor): JsonSchema {
  const ref = { $ref: flavor === 'v3' ? `#/components/schemas/${kindName}` : `#/definitions/${kindName}` };
  return {
    description: `${info.kind}List is a list of ${info.kind} objects.`,
    properties: {
      apiVersion: {
        description: 'APIVersion defines the versioned schema of this representation of an object.',
        type: 'string',
      },
      items: { description: `List of ${info.kind} objects.`, items: ref, type: 'array' },
      kind: {
        description: 'Kind is a string value representing the REST resource this object represents.',
        type: 'string',
      },
    },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': [
      { group: info.group, kind: `${info.kind}List`, version: info.version },
    ],
  };
}

interface Parts {
  schemas: Record<string, JsonSchema>;
  paths: Record<string, JsonSchema>;
}

function parts(kinds: KindInfo[], set: DefinitionSet, flavor: Flavor): Parts {
  const lists: Record<string, JsonSchema> = {};
  let paths: Record<string, JsonSchema> = {};
  for (const info of kinds) {
    const kindName = set.kindNames.get(`${apiVersionOf(info)}/${info.kind}`)!;
    const refs: PathRefs = { kind: kindName, list: `${kindName}List` };
    lists[refs.list] = listDefinition(info, kindName, flavor);
    paths = { ...paths, ...kindPaths(info, refs, flavor) };
  }
  const schemas = {
    ...closure(
      set,
      kinds.map((k) => set.kindNames.get(`${apiVersionOf(k)}/${k.kind}`)!),
    ),
    ...lists,
  };
  const sortedSchemas = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]]),
  );
  const sortedPaths = Object.fromEntries(
    Object.keys(paths)
      .sort()
      .map((k) => [k, paths[k]]),
  );
  return { schemas: sortedSchemas, paths: sortedPaths };
}

let v2: string | undefined;

/** The Swagger 2.0 document, serialized. */
export function swaggerJson(): string {
  if (v2 === undefined) {
    const set = allDefinitions('v2');
    const { schemas, paths } = parts(describedKinds(set), set, 'v2');
    v2 = JSON.stringify({
      swagger: '2.0',
      info: INFO,
      paths,
      definitions: schemas,
      securityDefinitions: {
        BearerToken: {
          description: 'Bearer Token authentication',
          in: 'header',
          name: 'authorization',
          type: 'apiKey',
        },
      },
      security: [{ BearerToken: [] }],
    });
  }
  return v2;
}

let v2Protobuf: Buffer | undefined;

/** The Swagger 2.0 document in gnostic's protobuf encoding, which kubectl asks for. */
export function swaggerProtobufBytes(): Buffer {
  v2Protobuf ??= swaggerProtobuf(JSON.parse(swaggerJson()));
  return v2Protobuf;
}

let v3: Map<string, string> | undefined;

/** Every group-version's OpenAPI 3 document, serialized, by its index key (`api/v1`). */
export function openApiV3Documents(): Map<string, string> {
  if (v3 === undefined) {
    v3 = new Map();
    const set = allDefinitions('v3');
    const byGroupVersion = new Map<string, KindInfo[]>();
    for (const info of describedKinds(set)) {
      const key = groupVersionPath(info);
      byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), info]);
    }
    for (const key of [...byGroupVersion.keys()].sort()) {
      const { schemas, paths } = parts(byGroupVersion.get(key)!, set, 'v3');
      v3.set(
        key,
        JSON.stringify({
          openapi: '3.0.0',
          info: INFO,
          paths,
          components: {
            schemas,
            securitySchemes: {
              BearerToken: {
                description: 'Bearer Token authentication',
                in: 'header',
                name: 'authorization',
                type: 'apiKey',
              },
            },
          },
        }),
      );
    }
  }
  return v3;
}

/** A document's hash, as the index's `?hash=` carries it (clients cache by URL). */
export function documentHash(json: string): string {
  return createHash('sha512').update(json).digest('hex').toUpperCase();
}

/** The /openapi/v3 index: each group-version's document, by its server-relative URL. */
export function openApiV3Index(): string {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, json] of openApiV3Documents())
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(json)}` };
  return JSON.stringify({ paths });
}
