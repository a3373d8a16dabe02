// The generated files are the generator's output, unedited: regenerating changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('regenerating src/generated from models/aws gives byte-identical files', () => {
  const out = mkdtempSync(join(tmpdir(), 'rolegate-gen-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-models.ts', '--out', out], { stdio: 'pipe' });
    const services = readdirSync('src/generated').sort();
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
