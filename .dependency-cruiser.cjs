/** Import rules of docs/architecture.md, checked by `npm run check`. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'engine-is-pure',
      comment: 'The engine imports nothing but itself: no node builtins, no packages.',
      severity: 'error',
      from: { path: '^packages/engine/src' },
      to: { pathNot: '^packages/engine/src' },
    },
    {
      name: 'contracts-only-zod-and-engine',
      severity: 'error',
      from: { path: '^packages/contracts/src' },
      to: { pathNot: ['^packages/(contracts|engine)/src', 'node_modules/zod'] },
    },
    {
      name: 'adapters-do-not-import-each-other',
      severity: 'error',
      from: { path: '^packages/(live|db|notify)/src' },
      to: { path: '^packages/(live|db|notify)/src', pathNot: '^packages/$1/src' },
    },
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(apps|signage)/' },
    },
    {
      name: 'adapters-built-in-compose-only',
      comment: 'Only compose.ts (and tests/benches) may import the adapter packages and client libraries.',
      severity: 'error',
      from: { path: '^apps/server/src', pathNot: ['compose[^/]*\\.ts$', '\\.test\\.ts$'] },
      to: { path: ['^packages/db/src', 'node_modules/(@prisma|pg|@electric-sql)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['generated', 'node_modules', '\\.svelte-kit'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
