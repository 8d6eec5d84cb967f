import { pageLinkHeader } from '../../src/common/http/page-links';

describe('pageLinkHeader', () => {
  it('changes only page, keeping every other parameter in its order', () => {
    expect(pageLinkHeader('/api/v1/orders?status=Pending&page=3&customer=ada%20l&pageSize=10', { page: 3, totalPages: 4 })).toBe(
      [
        '</api/v1/orders?status=Pending&page=1&customer=ada+l&pageSize=10>; rel="first"',
        '</api/v1/orders?status=Pending&page=2&customer=ada+l&pageSize=10>; rel="prev"',
        '</api/v1/orders?status=Pending&page=4&customer=ada+l&pageSize=10>; rel="next"',
        '</api/v1/orders?status=Pending&page=4&customer=ada+l&pageSize=10>; rel="last"',
      ].join(', '),
    );
  });

  it('adds page when the request had no query', () => {
    expect(pageLinkHeader('/api/v1/me/ratings', { page: 1, totalPages: 1 })).toBe(
      '</api/v1/me/ratings?page=1>; rel="first", </api/v1/me/ratings?page=1>; rel="last"',
    );
  });

  it('points prev of a page past the end at the last page, and gives no next', () => {
    expect(pageLinkHeader('/l?page=9', { page: 9, totalPages: 3 })).toBe(
      '</l?page=1>; rel="first", </l?page=3>; rel="prev", </l?page=3>; rel="last"',
    );
  });

  it('percent-encodes characters that would break the header', () => {
    expect(pageLinkHeader('/a>b;c,d?x=<y>', { page: 1, totalPages: 1 })).toBe(
      '</a%3Eb%3Bc%2Cd?x=%3Cy%3E&page=1>; rel="first", </a%3Eb%3Bc%2Cd?x=%3Cy%3E&page=1>; rel="last"',
    );
  });
});
