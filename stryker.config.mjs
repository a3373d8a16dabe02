// Mutation testing of the security core (npm run test:mutation): Stryker mutates src/auth,
// src/authz and src/policy and runs, for each mutant, the unit test files that cover it (node's
// test runner through tsx, its TAP output read by Stryker's tap runner). Server-level tests start
// the compiled dist/ in a child process, which Stryker does not instrument, so they are not listed.
// No type checker: rolegate compiles with TypeScript 7, whose native compiler has no JavaScript
// API for Stryker's TypeScript checker; tsx strips types, so every mutant runs.
// STRYKER_MUTATE=src/auth/session-token.ts narrows a run to some files, STRYKER_TESTS=test/auth/**/*.test.ts
// to some test files (comma-separated globs; a narrower test set can only lower the score), and
// STRYKER_CONCURRENCY sets how many mutants run at once (2 by default).
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
const mutate = process.env.STRYKER_MUTATE
  ? list(process.env.STRYKER_MUTATE)
  : ['src/auth/**/*.ts', 'src/authz/**/*.ts', 'src/policy/**/*.ts'];
const testFiles = process.env.STRYKER_TESTS
  ? list(process.env.STRYKER_TESTS)
  : [
      'test/auth/**/*.test.ts',
      'test/authz/*-map.test.ts',
      'test/authz/map.test.ts',
      'test/authz/request-context.test.ts',
      'test/decisions/suggest.test.ts',
      'test/policy/conditions/*.test.ts',
      'test/policy/context-keys.test.ts',
      'test/policy/evaluate/*.test.ts',
      'test/policy/explain.test.ts',
      'test/policy/grammar/*.test.ts',
      'test/policy/match/*.test.ts',
      'test/policy/validate/*.test.ts',
    ];

export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  mutate,
  ignorePatterns: ['dist', 'data', 'bench', 'models', 'reports', '.rolegate-test-*'],
  tap: {
    testFiles,
    nodeArgs: ['--import', 'tsx', '-r', '{{hookFile}}', '{{testFile}}'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  thresholds: { high: 85, low: 75, break: null },
  // The sandbox needs no tsconfig rewrite (tsx runs the tests; tsconfig's paths are relative).
  tsconfigFile: 'tsconfig.stryker-absent.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
