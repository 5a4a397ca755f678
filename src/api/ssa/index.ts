// Server-side apply and managedFields (see field-manager.ts).
export { ApplyConflictError } from './conflict-error.js';
export {
  type ApplyConflict,
  type ApplyInput,
  type ApplyResult,
  conflictMessage,
  type ManagedFieldsEntry,
  managedFieldsAfterUpdate,
  serverSideApply,
  type UpdateInput,
} from './field-manager.js';
