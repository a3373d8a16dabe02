// requestUri templates as the router and the round-trip tests match them: literal segments, decoded
// labels, greedy labels with their slashes, and the query keys a template requires.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileUri, matchUri } from '../../../src/protocol/rest/uri.js';

const q = (s = '') => new URLSearchParams(s);

test('labels are percent-decoded, literal segments must match exactly', () => {
  assert.deepEqual(matchUri('/v1/apps/{application-id}/segments/{segment-id}', '/v1/apps/a%20b/segments/s%2F1'), { 'application-id': 'a b', 'segment-id': 's/1' });
  assert.equal(matchUri('/v1/apps/{application-id}/segments/{segment-id}', '/v1/apps/a/campaigns/s'), undefined);
  assert.equal(matchUri('/v1/apps/{application-id}', '/v1/apps/a/extra'), undefined);
});

test('a greedy label keeps its slashes, and takes a trailing one', () => {
  assert.deepEqual(matchUri('/{Bucket}/{Key+}', '/b/dir/sub/file%20name.txt'), { Bucket: 'b', Key: 'dir/sub/file name.txt' });
  assert.deepEqual(matchUri('/{Bucket}/{Key+}', '/b/dir/'), { Bucket: 'b', Key: 'dir/' });
  assert.equal(matchUri('/{Bucket}/{Key+}', '/b'), undefined);
});

test("the template's own query keys are required, with their values when it names one", () => {
  assert.deepEqual(matchUri('/{Bucket}?tagging', '/b', q('tagging')), { Bucket: 'b' });
  assert.equal(matchUri('/{Bucket}?tagging', '/b', q()), undefined);
  assert.deepEqual(matchUri('/{Bucket}?list-type=2', '/b', q('list-type=2&prefix=x')), { Bucket: 'b' });
  assert.equal(matchUri('/{Bucket}?list-type=2', '/b', q('list-type=1')), undefined);
});

test('an empty label or a malformed escape does not match', () => {
  assert.equal(matchUri('/v1/apps/{application-id}/campaigns', '/v1/apps//campaigns'), undefined);
  assert.equal(matchUri('/v1/apps/{application-id}', '/v1/apps/%E0%A4%A'), undefined);
});

test('the root template matches only the root, and a trailing slash names the same resource', () => {
  assert.deepEqual(matchUri('/', '/'), {});
  assert.equal(matchUri('/', '/x'), undefined);
  assert.deepEqual(matchUri('/v1/apps', '/v1/apps/'), {});
});

test('a compiled template counts its literal segments and required query keys for ranking', () => {
  const c = compileUri('/v1/apps/{application-id}/campaigns?x&y=1');
  assert.equal(c.literals, 3);
  assert.deepEqual(c.queryKeys, ['x', 'y']);
});
