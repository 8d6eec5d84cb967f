import type { Logger } from 'pino';
import type { Settings } from '../src/config/settings';
import { wantsPrettyLogs } from '../src/infra/logging/root-logger';
import { startupBanner } from './banner';
import type { LocalSimulators } from './local-environment';
import { startOrderFeed } from './order-feed';
import { loadSampleData, SampleDataReport } from './sample-data';

/** A new order in the Airtable simulator this often, so every scheduled import brings something. */
const ORDER_FEED_SECONDS = 60;

/** After the service listens in development: the order feed, the sample data, then the banner. */
export async function welcome(settings: Settings, simulators: LocalSimulators, log: Logger): Promise<void> {
  if (simulators.airtable) startOrderFeed(simulators.airtable, ORDER_FEED_SECONDS * 1000);
  const admin = settings.auth.staticTokens.find((token) => token.role === 'ADMIN');
  const user =
    settings.auth.staticTokens.find((token) => token.username === 'consumer') ??
    settings.auth.staticTokens.find((token) => token.role === 'USER');
  let sampleData: SampleDataReport | undefined;
  if (admin && user) {
    log.info('loading the sample data through the API (skipped for whatever is already there)');
    sampleData = await loadSampleData({
      baseUrl: `http://127.0.0.1:${settings.app.port}`,
      adminToken: admin.token,
      userToken: user.token,
      reconcileNotion: Boolean(simulators.notion),
    });
    for (const problem of sampleData.problems) log.warn({ problem }, 'part of the sample data could not be loaded');
  } else {
    log.info('no static ADMIN and USER tokens: no sample data');
  }
  const facts = { settings, simulators, sampleData, orderFeedSeconds: simulators.airtable ? ORDER_FEED_SECONDS : undefined };
  // At a terminal the banner is for reading; in a log collector it is one structured line.
  if (wantsPrettyLogs()) process.stdout.write(`${startupBanner(facts)}\n`);
  else {
    const addresses = { tmdb: simulators.tmdb?.apiRoot, notion: simulators.notion?.baseUrl, airtable: simulators.airtable?.endpointUrl };
    log.info({ docs: `http://localhost:${settings.app.port}/docs`, sampleData, simulators: addresses }, 'development environment ready');
  }
}
