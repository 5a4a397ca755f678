// The errors of Kubernetes' strategic merge patch (k8s.io/apimachinery mergepatch), worded as it
// words them: the API server passes these texts through to the client.
import { goFormat, goTypeName, type Json, type JsonMap } from './json-value.js';

/** Which answer the API server gives: 400 for a malformed patch, 422 for the list ones, else 500. */
export type StrategicErrorClass = 'BadRequest' | 'Invalid' | 'Internal';

export class StrategicPatchError extends Error {
  constructor(
    message: string,
    readonly status: StrategicErrorClass = 'Internal',
  ) {
    super(message);
    this.name = 'StrategicPatchError';
  }
}

export const errNoListOfLists = () => new StrategicPatchError('lists of lists are not supported', 'Invalid');
export const errBadPrimitiveList = () =>
  new StrategicPatchError('invalid patch format of primitive list', 'BadRequest');
export const errBadRetainKeys = () =>
  new StrategicPatchError('invalid patch format of retainKeys', 'BadRequest');
export const errBadSetElementOrder = () =>
  new StrategicPatchError('invalid patch format of setElementOrder list', 'BadRequest');

export const errNoMergeKey = (m: JsonMap, key: string) =>
  new StrategicPatchError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);

/** `expected a map[string]interface {}, but received a string` */
export const errBadArgType = (expected: 'map' | 'list', actual: Json) =>
  new StrategicPatchError(
    `expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeName(actual)}`,
  );

export const errBadPatchType = (t: Json, m: JsonMap) =>
  new StrategicPatchError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
