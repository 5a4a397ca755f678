export { DecodeError, kindOf } from './decode.js';
export { type Mutation, Registry } from './registry.js';
export type { DeleteOptions, FieldValidation, Origin, UpdateOptions, WriteOptions } from './types.js';
