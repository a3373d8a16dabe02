// The layering of src/, checked by `npm run lint:layers` (part of `npm test`): the server joins the
// layers; protocol, auth, authz, decisions, services and jobs stand on policy, store, shared,
// directory and the generated models. Nothing imports back up, nothing goes round in a circle, and a middle layer
// does not reach into another middle layer (types they share live in src/shared).
// The imports across the middle that remain are listed, each one, in
// .dependency-cruiser-known-violations.json: a new one fails; removing one is progress.
// The model validator (protocol/validate.ts over protocol/resolved.ts) is a pure function of the
// model that services use to word their own checks as AWS does.
const LOWER = ['policy/', 'store/', 'shared/', 'directory/', 'generated/', 'protocol/(errors|model|validate|resolved)\\.ts'];

const layer = (from, allowed = []) => ({
  name: `${from}-imports-down-only`,
  comment: `src/${from} may import only ${[...LOWER, ...allowed].join(', ')} `,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: [`^src/${from}/`, ...[...LOWER, ...allowed].map((a) => `^src/${a}`)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'policy-is-pure',
      comment: 'the policy engine imports nothing else of rolegate',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { path: '^src/', pathNot: '^src/policy/' },
    },
    {
      name: 'lower-layers-stay-low',
      comment: 'shared, store and the generated models import only each other, the policy engine and the protocol errors',
      severity: 'error',
      from: { path: '^src/(shared|store|generated)/' },
      to: { path: '^src/', pathNot: ['^src/(shared|store|generated|policy)/', '^src/protocol/(errors|model)\\.ts$'] },
    },
    {
      name: 'directory-reads-the-store',
      comment: "src/directory (IAM's identities and policies as every layer reads them) stands on the lower layers only",
      severity: 'error',
      from: { path: '^src/directory/' },
      to: { path: '^src/', pathNot: ['^src/(directory|shared|store|generated|policy)/', '^src/protocol/(errors|model)\\.ts$'] },
    },
    ...['protocol', 'auth', 'authz', 'decisions', 'services', 'jobs'].map((l) => layer(l)),
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
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
