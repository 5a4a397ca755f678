export {
  type ConvertOptions,
  convertToStorageVersion,
  deprecationWarningFor,
  isDeprecatedVersion,
  LEGACY_KINDS,
  legacyDefaults,
  storageKindFor,
} from './convert.js';
export { legacyDecodeSchema } from './legacy-schema.js';
export type { LegacyKind } from './shared.js';
export { ROLLBACK_TO_ANNOTATION } from './shared.js';
