// The 409 an apply answers when it would change fields other managers own
// (errors.NewApplyConflict): one cause per field, reason FieldManagerConflict.
import { ApiError } from '../errors.js';
import { type ApplyConflict, conflictMessage } from './field-manager.js';

export interface FieldManagerConflictCause {
  reason: 'FieldManagerConflict';
  message: string;
  field: string;
}

export class ApplyConflictError extends ApiError {
  /** Status.details of the API server's answer. */
  readonly details: { causes: FieldManagerConflictCause[] };
  constructor(readonly conflicts: ApplyConflict[]) {
    super('Conflict', conflictMessage(conflicts));
    this.name = 'ApplyConflictError';
    this.details = {
      causes: conflicts.map((c) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${c.manager}`,
        field: c.path,
      })),
    };
  }
}
