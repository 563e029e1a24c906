/**
 * Layer rules (ARCHITECTURE.md): the domain is pure and imports no other layer; contracts
 * import only the domain; db imports neither server, cli nor web; nothing imports the cli.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain: no db, server, cli, web or contracts; and no I/O modules',
      severity: 'error',
      from: { path: '^packages/domain/' },
      to: { path: '^packages/(db|server|cli|web|contracts)/' },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      from: { path: '^packages/domain/src', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|node:fs|fs/promises|node:fs/promises|net|node:net|http|node:http|https|node:https|child_process|node:child_process|dgram|node:dgram)$',
      },
    },
    {
      name: 'domain-no-db-drivers',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { path: 'node_modules/(pg|@electric-sql|drizzle-orm|hono|@hono|pino)/' },
    },
    { name: 'contracts-only-domain', severity: 'error', from: { path: '^packages/contracts/' }, to: { path: '^packages/(db|server|cli|web)/' } },
    { name: 'db-below-server', severity: 'error', from: { path: '^packages/db/' }, to: { path: '^packages/(server|cli|web|contracts)/' } },
    { name: 'server-not-cli', severity: 'error', from: { path: '^packages/server/' }, to: { path: '^packages/(cli|web)/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    exclude: { path: 'node_modules' },
  },
};
