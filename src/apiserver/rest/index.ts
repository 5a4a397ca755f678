// The REST handler for /api/v1/... and /apis/<group>/<version>/... (issue 12, being built).
import type { ApiHandler } from '../types.js';

export const handleResource: ApiHandler = async () => false;
