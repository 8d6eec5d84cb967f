import { clientKey } from '../../src/common/http/client-key';
import { DECIMAL_INTEGER, parseDecimalInteger } from '../../src/common/http/decimal';

describe('clientKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::9', '2001:db8:aa:bb::/64'],
    ['2001:0DB8:00AA:00BB:ffff:ffff:ffff:ffff', '2001:db8:aa:bb::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unknown'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });

  it('puts two addresses of one /64 together and those of neighbouring /64s apart', () => {
    expect(clientKey('2001:db8:1:2::a')).toBe(clientKey('2001:db8:1:2:ffff::b'));
    expect(clientKey('2001:db8:1:2::a')).not.toBe(clientKey('2001:db8:1:3::a'));
  });
});

describe('strict decimal integers', () => {
  it.each(['0', '7', '26', '2147483647', '9999999999999999'])('reads %s', (text) => {
    expect(parseDecimalInteger(text)).toBe(Number(text));
  });

  it.each(['0x1A', '1e1', '+26', '-26', '026', ' 26', '26 ', '26.0', '', '٢٦', '0b11', 'Infinity', '10000000000000000'])(
    'refuses %j',
    (text) => {
      expect(parseDecimalInteger(text)).toBeUndefined();
      expect(DECIMAL_INTEGER.test(text)).toBe(false);
    },
  );

  it('refuses what is not text', () => {
    expect(parseDecimalInteger(26)).toBeUndefined();
    expect(parseDecimalInteger(['26'])).toBeUndefined();
  });
});
