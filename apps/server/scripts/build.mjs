/**
 * Bundles the server's own TypeScript (apps/server and the @tellerline/* packages it uses) into
 * dist/ with esbuild, so `npm start` runs plain JavaScript: under tsx, Node 20 resolves and
 * transpiles ~250 modules through its off-thread loader hooks at every start, which was most of
 * the time a restart took. Packages from node_modules stay external (loaded as usual).
 *
 * `import.meta.url` is replaced, file by file, with the source file's own URL: code that finds
 * files next to itself (migrations, the built web apps, Prisma's generated client) keeps finding
 * them in the checkout.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundle our workspace packages; leave every other bare import to Node at run time. */
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@tellerline/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const keepFileUrls = {
  name: 'keep-file-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: { main: `${root}src/main.ts` },
  outdir: `${root}dist`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [externals, keepFileUrls],
});
