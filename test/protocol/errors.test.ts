// The error catalogue: every code rolegate can throw is a modelled error of a service or one of
// AWS's common errors, so a typo in a code cannot reach a client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commonErrorCodes } from '../../src/protocol/errors.js';
import { routableServices } from '../../src/server/services.js';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The codes every generated service's errors travel under. */
const modelled = new Set(routableServices().flatMap((s) => [...s.resolved.errorsByCode.keys()]));

test('every AwsError code in src/ is a modelled error or a common AWS error', () => {
  const known = new Set([...commonErrorCodes, ...modelled]);
  const unknown: string[] = [];
  for (const file of sources('src')) {
    if (file.includes('/generated/')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/new AwsError\(\s*'([A-Za-z0-9]+)'/g)) if (!known.has(m[1])) unknown.push(`${m[1]} in ${file}`);
  }
  assert.deepEqual(unknown, []);
});

test('every generated error class carries its modelled code and status', async () => {
  const errors = await import('../../src/generated/iam/errors.js');
  const e = new errors.EntityAlreadyExistsException('x');
  assert.equal(e.code, 'EntityAlreadyExists');
  assert.equal(e.status, 409);
  const n = new errors.NoSuchEntityException('x');
  assert.equal(n.status, 404);
  const f = new errors.ServiceFailureException('x');
  assert.equal(f.fault, 'Receiver');
  assert.equal(f.status, 500);
});
