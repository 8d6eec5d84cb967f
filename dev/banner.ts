import type { Settings } from '../src/config/settings';
import type { LocalSimulators } from './local-environment';
import type { SampleDataReport } from './sample-data';

export interface BannerFacts {
  settings: Settings;
  simulators: LocalSimulators;
  /** Undefined when the sample data was not loaded (no static tokens to load it with). */
  sampleData?: SampleDataReport;
  /** Seconds between new orders in the Airtable simulator; undefined without the simulator. */
  orderFeedSeconds?: number;
}

/** Where to look after `npm start`: printed once the service listens and the sample data is in. */
export function startupBanner({ settings, simulators, sampleData, orderFeedSeconds }: BannerFacts): string {
  const origin = `http://localhost:${settings.app.port}`;
  const tokens = settings.auth.staticTokens;
  const user = tokens.find((token) => token.role === 'USER');
  const rows: Array<[string, string]> = [
    ['API docs', `${origin}/docs  (OpenAPI document: ${origin}/docs-json)`],
    ...tokens.map((token, index): [string, string] => [
      index === 0 ? 'Tokens' : '',
      `${token.username} (${token.role}): Authorization: Bearer ${token.token}`,
    ]),
  ];
  if (user) rows.push(['Try', `curl -H 'Authorization: Bearer ${user.token}' ${origin}/api/v1/me/favorites`]);
  if (sampleData) rows.push(['Sample data', describeSampleData(sampleData)]);
  rows.push(['TMDb account', tmdbLinkHint(simulators)]);
  if (simulators.tmdb) rows.push(['Simulators', `TMDB     ${simulators.tmdb.apiRoot}`]);
  if (simulators.notion)
    rows.push([
      simulators.tmdb ? '' : 'Simulators',
      `Notion   ${simulators.notion.baseUrl} (reviews database ${simulators.notion.databaseId})`,
    ]);
  if (simulators.airtable) {
    const feed = orderFeedSeconds ? `, a new order every ${orderFeedSeconds} s` : '';
    const schedule = settings.sync.intervalMinutes > 0 ? `, imported every ${settings.sync.intervalMinutes} min` : '';
    rows.push([simulators.tmdb || simulators.notion ? '' : 'Simulators', `Airtable ${simulators.airtable.endpointUrl}${feed}${schedule}`]);
  }
  rows.push(['Operations', `${origin}/metrics, ${origin}/health/ready`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`);
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((line) => line.length))));
  return ['', rule, '  Cinemateca is running in development', rule, ...lines, rule, ''].join('\n');
}

function describeSampleData(report: SampleDataReport): string {
  const added = [
    report.catalogMovies && `${report.catalogMovies} catalog movies`,
    report.reviews && `${report.reviews} reviews (their pages are in the Notion simulator)`,
    report.favorites &&
      `${report.favorites} favorites of consumer${report.sharedList ? ` shared at /api/v1/shared-lists/${report.sharedList}` : ''}`,
    report.ratings && `${report.ratings} ratings of consumer`,
    report.notionPagesRestored && `${report.notionPagesRestored} review pages written again into the (restarted) Notion simulator`,
  ].filter(Boolean);
  const summary = added.length > 0 ? `added ${added.join(', ')}` : 'already there (nothing added)';
  return report.problems.length > 0 ? `${summary}; not loaded: ${report.problems.join('; ')}` : summary;
}

function tmdbLinkHint(simulators: LocalSimulators): string {
  const approve = simulators.tmdb ? `the TMDB simulator's approval page (${simulators.tmdb.url}/auth/access)` : 'TMDb';
  return `POST /api/v1/me/tmdb-account/link answers an approveUrl: open it on ${approve}, approve, then PUT /api/v1/me/tmdb-account {"requestToken": "..."}`;
}
