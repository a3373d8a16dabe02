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
