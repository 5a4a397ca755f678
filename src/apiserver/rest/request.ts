// What every verb reads from a request: the body (JSON, YAML or, for the built-in kinds, protobuf),
// and the write options of the
// query (dryRun, fieldValidation, fieldManager) with the API server's 400s for bad values.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { KObject } from '../../api/types.js';
import type { FieldValidation, WriteOptions } from '../../registry/types.js';
import type { ApiContext } from '../types.js';
import { decodeProtobufBody, PROTOBUF_MEDIA, UnknownProtobufKind } from './protobuf-body.js';
import type { Route } from './route.js';
import { badRequest, HttpError } from './status.js';

/** One REST request, routed. Warnings collect here and go out as headers with the response. */
export interface RestRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  ctx: ApiContext;
  route: Route;
  query: URLSearchParams;
  warnings: string[];
}

/** The API server's request body limit (3 MiB). */
const MAX_BODY = 3 * 1024 * 1024;

export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

const mediaType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim();

const unsupportedMedia = (accepted: string[]) =>
  new HttpError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
const JSON_YAML = ['application/json', 'application/yaml'];

/** A body that must be one object (create, update, DeleteOptions, subresources). */
export function parseObject(req: IncomingMessage, body: Buffer): KObject {
  const media = mediaType(req);
  if (media === PROTOBUF_MEDIA) {
    try {
      return decodeProtobufBody(body);
    } catch (e) {
      // A kind without a protobuf message here: a client that can fall back sends JSON after a 415.
      if (e instanceof UnknownProtobufKind) throw unsupportedMedia(JSON_YAML);
      throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`);
    }
  }
  if (media && !JSON_YAML.includes(media)) throw unsupportedMedia([...JSON_YAML, PROTOBUF_MEDIA]);
  const text = body.toString('utf8');
  let value: unknown;
  try {
    value = media === 'application/yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(
      "couldn't get version/kind; json parse error: json: cannot unmarshal into Go value of type struct",
    );
  }
  return value as KObject;
}

/** dryRun, fieldValidation and fieldManager of the query; warnings go to `warnings`. */
export function writeOptionsOf(query: URLSearchParams, warnings: string[]): WriteOptions {
  const dry = query.getAll('dryRun');
  for (const v of dry) {
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  const validation = query.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) {
    throw badRequest(
      `fieldValidation: Unsupported value: "${validation}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  const fieldManager = query.get('fieldManager') ?? undefined;
  return {
    dryRun: dry.length > 0,
    // The API server's default is Warn; kubectl sends Strict unless told otherwise.
    fieldValidation: validation as FieldValidation,
    fieldManager,
    warn: (text) => warnings.push(text),
  };
}

/** A query parameter that must be an integer when present. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  return Number(v);
}
