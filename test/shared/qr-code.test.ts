// QR codes for virtual MFA devices: Reed-Solomon codewords as in the standard's worked example, the
// format and version information as the standard tabulates them, and whole symbols equal to ones
// that a QR reader (ZBar) read back to their text when they were recorded (test/fixtures/qr/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encodeQr, rsDivisor, rsRemainder } from '../../src/shared/qr-code.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/qr/byte-mode-level-m.json', import.meta.url), 'utf8')) as {
  cases: { text: string; version: number; modules: string[] }[];
};
const rows = (m: boolean[][]) => m.map((r) => r.map((d) => (d ? '#' : '.')).join(''));

test("Reed-Solomon codewords of 'HELLO WORLD' at 1-M are the standard's worked example", () => {
  const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
  assert.deepEqual(rsRemainder(data, rsDivisor(10)), [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
});

test('symbols equal those a QR reader decoded to their text when recorded', () => {
  for (const c of fixture.cases) {
    const q = encodeQr(Buffer.from(c.text))!;
    assert.equal(q.version, c.version, c.text);
    assert.deepEqual(rows(q.modules), c.modules, c.text);
  }
});

/** Level M's format strings, masks 0 to 7, as ISO/IEC 18004's table lists them (bit 14 first). */
const LEVEL_M_FORMATS = ['101010000010010', '101000100100101', '101111001111100', '101101101001011', '100010111111001', '100000011001110', '100111110010111', '100101010100000'];

test('each symbol carries a level M format string of the standard, twice, and finder and timing patterns', () => {
  for (const text of ['a', 'otpauth://totp/x@111122223333?secret=ABC', 'z'.repeat(500)]) {
    const { modules: m, size } = encodeQr(Buffer.from(text))!;
    // Bits 0 to 14 of the first copy: down column 8 from the top (stepping over the timing row), then leftwards along row 8.
    const first = [m[0][8], m[1][8], m[2][8], m[3][8], m[4][8], m[5][8], m[7][8], m[8][8], m[8][7], m[8][5], m[8][4], m[8][3], m[8][2], m[8][1], m[8][0]];
    const second = [...Array.from({ length: 8 }, (_, i) => m[8][size - 1 - i]), ...Array.from({ length: 7 }, (_, i) => m[size - 7 + i][8])];
    const asString = (bits: boolean[]) => bits.map((b) => (b ? '1' : '0')).reverse().join('');
    assert.ok(LEVEL_M_FORMATS.includes(asString(first)), `${text.slice(0, 10)}: ${asString(first)}`);
    assert.equal(asString(second), asString(first));
    assert.equal(m[size - 8][8], true, 'the dark module');
    for (const [x0, y0] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      for (let d = 0; d < 7; d++) {
        assert.equal(m[y0][x0 + d], true);
        assert.equal(m[y0 + 6][x0 + d], true);
        assert.equal(m[y0 + d][x0], true);
        assert.equal(m[y0 + 1][x0 + 1 + (d % 5)], false);
      }
      assert.equal(m[y0 + 3][x0 + 3], true);
    }
    for (let i = 8; i < size - 8; i++) {
      assert.equal(m[6][i], i % 2 === 0);
      assert.equal(m[i][6], i % 2 === 0);
    }
  }
});

test("from version 7 on, the version information is the standard's (version 7: 000111110010010100)", () => {
  const seven = fixture.cases.find((c) => c.version === 7)!;
  const size = seven.modules.length;
  let bits = '';
  // Bit i sits at (x = size - 11 + i % 3, y = floor(i / 3)) in the top-right block.
  for (let i = 17; i >= 0; i--) bits += seven.modules[Math.floor(i / 3)][size - 11 + (i % 3)] === '#' ? '1' : '0';
  assert.equal(bits, '000111110010010100');
});

test('the smallest version that holds the bytes is chosen; more than version 40 holds is none', () => {
  assert.equal(encodeQr(Buffer.alloc(14))!.version, 1);
  assert.equal(encodeQr(Buffer.alloc(15))!.version, 2);
  assert.equal(encodeQr(Buffer.alloc(2331))!.version, 40);
  assert.equal(encodeQr(Buffer.alloc(2332)), undefined);
});
