// The S3 aggregates' contract (contract/s3.ts) on SQLite, a new file per test; and a listing over
// many versions, which ListObjectsV2 over 1,000 keys stands on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempSqliteStore } from '../support/temp-store.js';
import { s3Contract, version } from './contract/s3.js';

const temp = () => tempSqliteStore('rolegate-s3-');

s3Contract('sqlite', async () => temp());

// The listing's speed over many versions is measured by `npm run bench:s3` (ListObjectsV2 over 1,000
// keys); here, what it reads: only each key's latest version, from the marker on.
test('a listing of 1,000 keys out of 5,000 versions gives each key once, as its latest version, after the marker', async () => {
  const { store, close } = temp();
  try {
    await store.transaction(async (t) => {
      for (let i = 0; i < 2500; i++) {
        const key = `photos/2026/${String(i).padStart(5, '0')}.jpg`;
        await t.objects.put(version(key, `a${i}`, { metadata: { camera: 'x' }, segments: [{ blob: i.toString(16).padStart(32, '0'), size: 3 }] }));
        await t.objects.put(version(key, `b${i}`, { metadata: { camera: 'y' }, segments: [{ blob: (i + 1e6).toString(16).padStart(32, '0'), size: 3 }] }));
      }
    });
    const page = await store.objects.scan('b', { prefix: 'photos/2026/', afterKey: 'photos/2026/00500.jpg', limit: 1000 });
    assert.equal(page.length, 1000);
    page.forEach((v, n) => {
      assert.equal(v.key, `photos/2026/${String(501 + n).padStart(5, '0')}.jpg`);
      assert.equal(v.versionId, `b${501 + n}`);
    });
  } finally {
    await close();
  }
});
