import { NotFoundException } from '@nestjs/common';
import {
  ConflictError,
  InvalidInputError,
  NotConfiguredError,
  OverloadedError,
  RateLimitedError,
  UpstreamError,
} from '../../src/common/errors/domain-error';
import { mapErrorToProblem } from '../../src/common/errors/problem-mapper';

describe('mapErrorToProblem', () => {
  it.each([
    [new UpstreamError('upstream_failed', 'tmdb', 'TMDB answered 500'), 502],
    [new UpstreamError('upstream_unavailable', 'notion', 'Notion is down'), 503],
    [new UpstreamError('upstream_timeout', 'airtable', 'Airtable timed out'), 504],
    [new NotConfiguredError('NotionNotConfigured', 'Notion is not configured'), 503],
    [new ConflictError('Duplicate', 'exists'), 409],
    [new NotFoundException('nope'), 404],
  ])('maps %p to %i', (error, status) => {
    expect(mapErrorToProblem(error, '/x').problem.status).toBe(status);
  });

  it('passes Retry-After of an unavailable upstream on', () => {
    const mapped = mapErrorToProblem(new UpstreamError('upstream_unavailable', 'notion', 'rate limited', 429, 42.2), '/x');
    expect(mapped.headers['retry-after']).toBe('43');
  });

  it.each([
    [new RateLimitedError('Busy', 'too much at once', 2.5), 429],
    [new OverloadedError('Busy', 'too much at once', 2.5), 503],
  ])('maps %p to %i with Retry-After', (error, status) => {
    const mapped = mapErrorToProblem(error, '/x');
    expect({ status: mapped.problem.status, retryAfter: mapped.headers['retry-after'], type: mapped.problem.type }).toEqual({
      status,
      retryAfter: '3',
      type: expect.stringMatching(/\/busy$/),
    });
  });

  it('keeps field errors of invalid input and a stable type per code', () => {
    const mapped = mapErrorToProblem(new InvalidInputError('InvalidStars', 'bad', [{ field: 'stars', message: 'too many' }]), '/x');
    expect(mapped.problem).toMatchObject({
      status: 400,
      type: 'https://cinemateca.dev/problems/invalid-stars',
      errors: [{ field: 'stars', message: 'too many' }],
    });
  });

  it('hides the details of unexpected errors', () => {
    const mapped = mapErrorToProblem(new Error('relation "users" does not exist at SELECT * FROM users'), '/x');
    expect(mapped.unexpected).toBe(true);
    expect(mapped.problem.status).toBe(500);
    expect(JSON.stringify(mapped.problem)).not.toMatch(/users|SELECT/);
  });
});
