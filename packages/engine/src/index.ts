export * from './model.js';
export * from './commands.js';
export * from './events.js';
export * from './errors.js';
export * from './decide.js';
export * from './evolve.js';
export * from './routing.js';
export * from './eta.js';
