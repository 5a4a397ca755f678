// Moved to the runtime layer (the API server's pods/log streams through it too).
export * from '../runtime/log-writer.js';
