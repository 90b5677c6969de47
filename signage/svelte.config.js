import adapter from '@sveltejs/adapter-static';

/** Served by the Tellerline server under /signage (same origin as the API and Socket.IO). */
export default {
  kit: {
    adapter: adapter({ fallback: 'index.html', strict: false, precompress: true }),
    paths: { base: '/signage' },
    alias: { $lib: 'src/lib' },
  },
};
