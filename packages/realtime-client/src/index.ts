export * from './realtime.js';
export * from './announcer.js';
