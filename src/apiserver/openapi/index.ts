// The OpenAPI handler for /openapi/v2 and /openapi/v3 (issue 12, being built).
import type { ApiHandler } from '../types.js';

export const handleOpenApi: ApiHandler = async () => false;
