// The layering of src/, checked by `npm test` (scripts/check-layers.mjs): the server joins the
// layers; protocol, auth, authz, services, jobs and decisions stand on policy, store, shared and the
// generated models; nothing imports back up and nothing goes round in a circle.
const below = (from, allowed) => ({
  name: `${from}-imports-down-only`,
  comment: `src/${from} may import only ${allowed.join(', ')}`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: [`^src/${from}/`, ...allowed.map((a) => `^src/${a}`)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    below('policy', []),
    below('shared', ['protocol/errors\\.ts', 'policy/']),
    below('generated', ['protocol/errors\\.ts', 'protocol/model\\.ts']),
    below('store', ['policy/', 'shared/']),
    below('protocol', ['generated/', 'shared/']),
    below('auth', ['protocol/errors\\.ts', 'store/', 'shared/', 'policy/']),
    below('authz', ['protocol/errors\\.ts', 'store/', 'shared/', 'policy/', 'generated/']),
    below('decisions', ['protocol/errors\\.ts', 'store/', 'shared/', 'policy/', 'generated/']),
    below('jobs', ['protocol/errors\\.ts', 'store/', 'shared/']),
    below('services', ['protocol/errors\\.ts', 'store/', 'shared/', 'policy/', 'generated/']),
    {
      name: 'server-is-the-top',
      comment: 'only the entry points (main, cli) import src/server',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/main\\.ts$', '^src/cli/'] },
      to: { path: '^src/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
