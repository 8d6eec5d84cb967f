import { tokenDigestKey } from '../../src/auth/static-tokens';
import { VerifiedTokenCache } from '../../src/auth/verified-token-cache';

const alice = { id: 7, username: 'alice', role: 'USER' as const };
const bob = { id: 8, username: 'bob', role: 'USER' as const };

describe('VerifiedTokenCache', () => {
  it('answers a verified token until its expiry, and never at or after it', () => {
    let now = 1_000_000;
    const cache = new VerifiedTokenCache<{ sub: string }>(() => now);
    const digest = tokenDigestKey('header.payload.signature');
    cache.set(digest, { user: alice, claims: { sub: '7' }, expiresAtMs: now + 60_000 });

    expect(cache.get(digest)?.user).toEqual(alice);
    now += 59_999;
    expect(cache.get(digest)?.claims).toEqual({ sub: '7' });
    now += 1;
    expect(cache.get(digest)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing already expired, and is keyed by digest, not by the token', () => {
    const now = 5_000;
    const cache = new VerifiedTokenCache<object>(() => now);
    cache.set(tokenDigestKey('old'), { user: alice, claims: {}, expiresAtMs: now });
    expect(cache.size).toBe(0);
    cache.set(tokenDigestKey('fresh'), { user: alice, claims: {}, expiresAtMs: now + 1 });
    expect(cache.get('fresh')).toBeUndefined();
    expect(cache.get(tokenDigestKey('fresh'))?.user).toEqual(alice);
  });

  it('drops one revoked token, or every token of a user', () => {
    const cache = new VerifiedTokenCache<object>(() => 0);
    const entry = (user: typeof alice | typeof bob) => ({ user, claims: {}, expiresAtMs: 3_600_000 });
    cache.set('a1', entry(alice));
    cache.set('a2', entry(alice));
    cache.set('b1', entry(bob));

    cache.forget('a1');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeDefined();

    cache.forgetUser(alice.id);
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')?.user).toEqual(bob);
  });

  it('stays bounded: the oldest entries go first', () => {
    const cache = new VerifiedTokenCache<object>(() => 0);
    for (let i = 0; i < 10_050; i++) cache.set(`t${i}`, { user: alice, claims: {}, expiresAtMs: 1000 });
    expect(cache.size).toBe(10_000);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t10049')).toBeDefined();
  });
});
