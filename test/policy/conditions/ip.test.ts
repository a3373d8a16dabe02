// Address parsing for IpAddress / NotIpAddress: IPv4, IPv6 (compressed, embedded IPv4), CIDR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inRange, parseCidr, parseIp } from '../../../src/policy/conditions/ip.js';

test('IPv4 and IPv6 addresses parse to bytes; malformed ones do not', () => {
  assert.deepEqual([...parseIp('192.0.2.1')!], [192, 0, 2, 1]);
  assert.equal(parseIp('::1')!.length, 16);
  assert.equal(parseIp('::ffff:192.0.2.1')![15], 1);
  for (const bad of ['256.0.0.1', '1.2.3', '1::2::3', 'fffff::', '1.2.3.4/8', 'abc']) assert.equal(parseIp(bad), undefined, bad);
});

test('CIDR ranges contain the addresses of their prefix', () => {
  assert.equal(inRange(parseCidr('10.0.0.0/8')!, parseIp('10.255.1.2')!), true);
  assert.equal(inRange(parseCidr('10.0.0.0/8')!, parseIp('11.0.0.1')!), false);
  assert.equal(inRange(parseCidr('203.0.113.7')!, parseIp('203.0.113.7')!), true);
  assert.equal(inRange(parseCidr('2001:db8::/33')!, parseIp('2001:db8:7fff::1')!), true);
  assert.equal(inRange(parseCidr('2001:db8::/33')!, parseIp('2001:db8:8000::1')!), false);
  assert.equal(inRange(parseCidr('0.0.0.0/0')!, parseIp('::1')!), false);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
});

test('IPv6 forms: full, compressed at either end or inside, embedded IPv4, one group under ::', () => {
  const bytes = (s: string) => [...parseIp(s)!];
  const groups = (...g: number[]) => g.flatMap((n) => [n >> 8, n & 0xff]);
  assert.deepEqual(bytes('::1'), groups(0, 0, 0, 0, 0, 0, 0, 1));
  assert.deepEqual(bytes('1::'), groups(1, 0, 0, 0, 0, 0, 0, 0));
  assert.deepEqual(bytes('2001:db8::1'), groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  assert.deepEqual(bytes('2001:DB8:0:0:0:0:0:1'), groups(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  assert.deepEqual(bytes('1:2:3:4::5:6:7'), groups(1, 2, 3, 4, 0, 5, 6, 7));
  assert.deepEqual(bytes('::ffff:192.0.2.1'), groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201));
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2:3:4:5:6:7:8', '::ffff:1.2.3', '::ffff:1.2.3.256', '1.2.3.4.5', ':::'])
    assert.equal(parseIp(bad), undefined, bad);
});

test('a CIDR prefix is one to three digits within the address length', () => {
  assert.equal(parseCidr('10.0.0.0/8x'), undefined);
  assert.equal(parseCidr('10.0.0.0/x8'), undefined);
  assert.equal(parseCidr('10.0.0.0/'), undefined);
  assert.equal(parseCidr('abc/8'), undefined);
  assert.equal(parseCidr('2001:db8::/129'), undefined);
  assert.equal(parseCidr('2001:db8::/128')!.prefix, 128);
  assert.equal(parseCidr('10.0.0.0/32')!.prefix, 32);
  assert.equal(inRange(parseCidr('10.1.0.0/16')!, parseIp('11.1.2.3')!), false);
  assert.equal(inRange(parseCidr('10.1.0.0/16')!, parseIp('10.1.200.3')!), true);
});
