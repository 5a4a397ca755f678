// Recognising API errors by reason (`errors.IsNotFound` and friends).
import { ApiError, type StatusReason } from '../../api/errors.js';

export const hasReason = (e: unknown, reason: StatusReason): boolean =>
  e instanceof ApiError && e.reason === reason;
export const isNotFound = (e: unknown) => hasReason(e, 'NotFound');
export const isAlreadyExists = (e: unknown) => hasReason(e, 'AlreadyExists');
