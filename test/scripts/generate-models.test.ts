// The generated files are the generator's output, unedited: regenerating changes nothing. (One
// folder per service; src/generated/partitions.ts is scripts/import-partitions.ts's, checked below.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('regenerating src/generated from models/aws gives byte-identical files', () => {
  const out = mkdtempSync(join(tmpdir(), 'rolegate-gen-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-models.ts', '--out', out], { stdio: 'pipe' });
    const services = readdirSync('src/generated').filter((name) => statSync(join('src/generated', name)).isDirectory()).sort();
    assert.deepEqual(readdirSync(out).sort(), services);
    for (const service of services) {
      for (const file of readdirSync(join('src/generated', service))) {
        assert.equal(readFileSync(join(out, service, file), 'utf8'), readFileSync(join('src/generated', service, file), 'utf8'), `${service}/${file} differs from the generator's output: run npm run generate`);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('src/generated/partitions.ts is what scripts/import-partitions.ts writes from the SDK\'s partition table', () => {
  // --check exits 1 (and execFileSync throws) when the committed file differs.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/import-partitions.ts', '--check'], { stdio: 'pipe' });
});
