export { DecodeError, kindOf } from './decode.js';
export { type Mutation, Registry } from './registry.js';
export type { DeleteOptions, FieldValidation, UpdateOptions, WriteOptions } from './types.js';
