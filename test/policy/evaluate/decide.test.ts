// Walks every evaluation fixture (test/fixtures/policy/<topic>.json): each case names the AWS page
// whose rule it checks, the request, the policies by type and the expected decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../../src/policy/index.js';
import { fixtureFiles, policySetOf, readFixture } from './fixtures.js';

for (const file of fixtureFiles()) {
  for (const c of readFixture(file)) {
    test(`${file.replace('.json', '')}: ${c.name}`, () => {
      assert.match(c.source, /^https:\/\/docs\.aws\.amazon\.com\//, 'every case cites the AWS page of its rule');
      const d = evaluate(c.request, policySetOf(c.policies));
      assert.equal(d.result, c.expected.result);
      if (c.expected.decidedBy)
        assert.deepEqual(d.decidedBy.map((s) => ({ policy: s.policy, statement: s.statement })), c.expected.decidedBy);
      if (c.expected.missingKeys) assert.deepEqual([...d.missingKeys], c.expected.missingKeys);
      if (c.expected.reasons) assert.deepEqual(d.reasons.map((r) => r.code), c.expected.reasons);
    });
  }
}
