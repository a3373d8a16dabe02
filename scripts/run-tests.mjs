// Runs every test file under test/ (or the files given) with node's test runner, TypeScript through
// tsx, one file at a time. Server-level tests start the compiled server (dist/src/main.js), so the
// build is brought up to date first whenever a source file is newer than it: a single test file run
// after an edit tests what is on disk, not the previous build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out = [], suffix = '.test.ts') {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out, suffix);
    else if (suffix === '' || name.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** The newest modification time among the build's inputs (tsconfig.json's include: src/, bench/). */
function newestSource() {
  let newest = statSync('tsconfig.json').mtimeMs;
  for (const dir of ['src', 'bench']) {
    for (const file of walk(dir, [], '')) {
      if (!/\.(ts|json)$/.test(file)) continue;
      const t = statSync(file).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

const BUILT = 'dist/src/main.js';
if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newestSource()) {
  process.stderr.write(`run-tests: ${existsSync(BUILT) ? 'sources changed since the last build' : 'no build yet'}; building (npm run build)\n`);
  const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  if (built.status !== 0) {
    process.stderr.write('run-tests: the build failed; no tests were run\n');
    process.exit(built.status ?? 1);
  }
}

const files = process.argv.length > 2 ? process.argv.slice(2) : walk('test');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
