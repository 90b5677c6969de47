export * from './live-state-store.js';
export * from './memory-live-store.js';
export * from './redis-live-store.js';
export * from './execute.js';
export * from './command-receipts.js';
