import { FastifyInstance, FastifyReply } from 'fastify';
import { AccountListKind } from './tmdb-account-lists';
import { TmdbAccounts } from './tmdb-accounts';
import { bodyFields, queryValue } from './tmdb-request-body';
import { SampleAccount } from './tmdb-sample-accounts';

/** The site's paths, served without the API's bearer token or rate limit. */
export const WEBSITE_PATH_PREFIX = '/auth/';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - TMDB simulator</title></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`);
}

// The site's wording for a token it cannot use (reported by TMDb users; the page itself is not documented).
const invalidToken = (reply: FastifyReply) =>
  page(
    reply,
    400,
    'Invalid request token',
    '<p>The access token you submitted is invalid. Most of the time, this is because the token has expired. Try creating a new one.</p>',
  );

/**
 * Stands in for www.themoviedb.org/auth/access: the user sees which
 * application asks, picks one of the simulator's accounts and approves. The
 * approval sends the browser to the token's `redirect_to` when it has one.
 */
export function registerTmdbApprovalPage(app: FastifyInstance, accounts: TmdbAccounts): void {
  app.get('/auth/access', async (request, reply) => {
    const token = queryValue(request, 'request_token') ?? '';
    const pending = accounts.credentials.requestToken(token);
    if (!pending) return invalidToken(reply);
    const approvedAs = pending.approvedBy === undefined ? undefined : accounts.byId(pending.approvedBy);
    // Each choice shows what the account holds, so a demo can pick one with something to import.
    const describe = (account: SampleAccount) => {
      const held = (kind: AccountListKind) => accounts.lists.entries(account.id, kind).length;
      const name = account.name ? ` (${account.name})` : '';
      return `${account.username}${name}: ${held('favorite')} favorites, ${held('watchlist')} on the watchlist`;
    };
    const options = accounts
      .all()
      .map(
        (account) =>
          `<option value="${escapeHtml(account.username)}"${account === approvedAs ? ' selected' : ''}>${escapeHtml(describe(account))}</option>`,
      )
      .join('');
    return page(
      reply,
      200,
      'Approve access to your TMDB account',
      `<p>An application would like to read and write your favorites and watchlist.</p>
${approvedAs ? `<p id="already-approved">Already approved as ${escapeHtml(approvedAs.username)}.</p>` : ''}
<form method="post" action="/auth/access/approve">
<input type="hidden" name="request_token" value="${escapeHtml(token)}">
<label>Sign in as <select name="username">${options}</select></label>
<button type="submit">Approve</button>
</form>`,
    );
  });

  app.post('/auth/access/approve', async (request, reply) => {
    const { request_token: token, username } = bodyFields(request);
    if (typeof token !== 'string') return invalidToken(reply);
    const account = accounts.find(typeof username === 'string' ? username : undefined);
    if (!account) return page(reply, 400, 'Unknown account', `<p>No account named ${escapeHtml(String(username))}.</p>`);
    const pending = accounts.credentials.requestToken(token);
    if (!pending || !accounts.credentials.approve(token, account.id)) return invalidToken(reply);
    if (pending.redirectTo) return reply.redirect(pending.redirectTo, 302);
    return page(
      reply,
      200,
      'Approved',
      `<p id="approved">You approved the request as ${escapeHtml(account.username)}. You can close this page and return to the application.</p>`,
    );
  });
}
