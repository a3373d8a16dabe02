// The PNG writer: signature, chunks with their CRC-32 (the standard check value), the size from the
// scale and quiet zone, and pixels that are black exactly where modules are dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { crc32, modulesPng } from '../../src/shared/png.js';

test('CRC-32 gives the check value of "123456789"', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('a 2×2 module image at scale 3 with a quiet zone of 1 is a 12×12 greyscale PNG with the modules where they belong', () => {
  const png = modulesPng([[true, false], [false, true]], 3, 1);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + len);
    assert.equal(png.readUInt32BE(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `${type} CRC`);
    chunks.push({ type, data });
    at += 12 + len;
  }
  assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0].data;
  assert.equal(ihdr.readUInt32BE(0), 12);
  assert.equal(ihdr.readUInt32BE(4), 12);
  assert.equal(ihdr[8], 8);
  assert.equal(ihdr[9], 0);
  const raw = inflateSync(chunks[1].data);
  assert.equal(raw.length, 12 * 13);
  const pixel = (x: number, y: number) => raw[y * 13 + 1 + x];
  for (let y = 0; y < 12; y++) {
    assert.equal(raw[y * 13], 0, 'filter None');
    for (let x = 0; x < 12; x++) {
      const mx = Math.floor(x / 3) - 1;
      const my = Math.floor(y / 3) - 1;
      const dark = mx >= 0 && mx < 2 && my >= 0 && my < 2 && mx === my;
      assert.equal(pixel(x, y), dark ? 0 : 255, `(${x}, ${y})`);
    }
  }
});
