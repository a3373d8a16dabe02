// The S3 aggregates' contract (contract/s3.ts) on SQLite, a new file per test; and the listing's
// speed, which ListObjectsV2 over 1,000 keys stands on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { tempSqliteStore } from '../support/temp-store.js';
import { s3Contract, version } from './contract/s3.js';

const temp = () => tempSqliteStore('rolegate-s3-');

s3Contract('sqlite', async () => temp());

test('a listing of 1,000 keys out of 5,000 versions takes well under 5 ms', async () => {
  const { store, close } = temp();
  try {
    await store.transaction(async (t) => {
      for (let i = 0; i < 2500; i++) {
        const key = `photos/2026/${String(i).padStart(5, '0')}.jpg`;
        await t.objects.put(version(key, `a${i}`, { metadata: { camera: 'x' }, segments: [{ blob: i.toString(16).padStart(32, '0'), size: 3 }] }));
        await t.objects.put(version(key, `b${i}`, { metadata: { camera: 'y' }, segments: [{ blob: (i + 1e6).toString(16).padStart(32, '0'), size: 3 }] }));
      }
    });
    let best = Infinity;
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      const page = await store.objects.scan('b', { prefix: 'photos/2026/', afterKey: 'photos/2026/00500.jpg', limit: 1000 });
      best = Math.min(best, performance.now() - started);
      assert.equal(page.length, 1000);
      assert.equal(page[0].key, 'photos/2026/00501.jpg');
    }
    assert.ok(best < 5, `best of 20 scans: ${best.toFixed(2)} ms`);
  } finally {
    await close();
  }
});
