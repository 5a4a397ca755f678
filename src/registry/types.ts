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
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete when the stored uid matches (DeleteOptions.preconditions.uid). */
  uid?: string;
}
