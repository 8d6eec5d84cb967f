import { compactAccessLine, wantsPrettyLogs } from '../../src/infra/logging/root-logger';

describe('root logger', () => {
  it('is pretty only at a terminal outside production and tests', () => {
    expect(wantsPrettyLogs({}, true)).toBe(true);
    expect(wantsPrettyLogs({ NODE_ENV: 'development' }, true)).toBe(true);
    expect(wantsPrettyLogs({ NODE_ENV: 'development' }, false)).toBe(false);
    expect(wantsPrettyLogs({ NODE_ENV: 'production' }, true)).toBe(false);
    expect(wantsPrettyLogs({ NODE_ENV: 'test' }, true)).toBe(false);
  });

  it('folds an access line into one short message and leaves other lines alone', () => {
    const access = {
      level: 'info',
      time: 't',
      msg: 'request',
      reqId: 'r1',
      method: 'GET',
      url: '/api/v1/me/favorites',
      route: '/api/v1/me/favorites',
      status: 200,
      ms: 12.3,
    };
    expect(compactAccessLine(access)).toEqual({ level: 'info', time: 't', msg: 'GET /api/v1/me/favorites 200 12.3 ms' });
    const other = { level: 'warn', msg: 'upstream request failed', status: 503, method: 'GET' };
    expect(compactAccessLine(other)).toBe(other);
  });
});
