// The authorization map's catalogue: every operation rolegate serves has an entry, so no request
// reaches a handler without a decision; and the entries name AWS's actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlers as iamHandlers } from '../../src/services/iam/index.js';
import { handlers as stsHandlers } from '../../src/services/sts/index.js';
import { iamMap } from '../../src/authz/map/iam.js';
import { stsMap } from '../../src/authz/map/sts.js';
import { model as iamModel } from '../../src/generated/iam/model.js';

test('every IAM operation with a handler has an authorization-map entry', () => {
  const missing = Object.keys(iamHandlers).filter((op) => !(op in iamMap));
  assert.deepEqual(missing, []);
});

test('every STS operation with a handler has an authorization-map entry', () => {
  const missing = Object.keys(stsHandlers).filter((op) => !(op in stsMap));
  assert.deepEqual(missing, []);
});

test('every IAM map entry names a modelled operation and an input member that exists', () => {
  for (const [op, entry] of Object.entries(iamMap)) {
    const operation = iamModel.operations[op];
    assert.ok(operation, `${op} is not an IAM operation`);
    const members = Object.keys(iamModel.shapes[operation.input!]?.members ?? {});
    for (const m of [entry.name, entry.path]) if (m) assert.ok(members.includes(m), `${op}.${m} is not an input member`);
  }
});

test('STS actions are sts:<Operation>, and only the operations AWS leaves unauthorized have none', () => {
  for (const [op, entry] of Object.entries(stsMap)) {
    if (entry.action === null) assert.ok(['GetCallerIdentity', 'GetSessionToken', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'].includes(op), op);
    else assert.equal(entry.action, `sts:${op}`);
  }
});
