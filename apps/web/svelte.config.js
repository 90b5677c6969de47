import adapter from '@sveltejs/adapter-static';

/**
 * A client-rendered app served as static files by the Tellerline server (same origin as the API
 * and Socket.IO, so session cookies stay SameSite=Strict and no CORS is needed).
 */
export default {
  kit: {
    adapter: adapter({ fallback: 'index.html', strict: false, precompress: true }),
    alias: { $lib: 'src/lib' },
  },
};
