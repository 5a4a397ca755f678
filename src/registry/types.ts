// What callers of the registry pass with a write: the API server's query options (dryRun,
// fieldValidation, fieldManager).

/** The API server's fieldValidation: Strict fails on unknown fields, Warn reports and drops them. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** Run every step of the write and return its result, but commit nothing. */
  dryRun?: boolean;
  /** Default Strict, as kubectl sends it. */
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  /** Receives each warning the API server would send (printed `Warning: <text>` by kubectl). */
  warn?: (text: string) => void;
}

export interface UpdateOptions extends WriteOptions {
  /** `status` writes only status (the agent's part); the main resource never changes it. */
  subresource?: 'status';
  /** The subresource the write's managedFields entry names when it is not `status` (`scale`). */
  managerSubresource?: string;
  /** The mutation set metadata.managedFields itself (an apply): do not record an update. */
  managedFieldsSet?: boolean;
}

/** Server-side apply's options (PATCH with application/apply-patch+yaml). */
export interface ApplyOptions extends WriteOptions {
  /** Required for apply, as the API server requires it. */
  fieldManager: string;
  /** Take ownership of fields other managers own instead of failing with a conflict. */
  force?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete when the stored uid matches (DeleteOptions.preconditions.uid). */
  uid?: string;
}
