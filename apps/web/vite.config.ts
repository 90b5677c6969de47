import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // `npm run dev`: proxy the API and sockets to a server started with `npm start`.
  server: {
    proxy: {
      '/api': process.env.TELLERLINE_URL ?? 'http://127.0.0.1:3000',
      '/socket.io': { target: process.env.TELLERLINE_URL ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
  test: { include: ['src/**/*.test.ts'], setupFiles: ['src/lib/testing/all-messages.ts'] },
});
