export * from './errors.js';
export * from './common.js';
export * from './staff-command.js';
export * from './views.js';
export * from './http.js';
export * from './socket.js';
export * from './notify.js';
export * from './booking.js';
