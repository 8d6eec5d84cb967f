/**
 * The house's arrows, checked by `npm run lint` (and so by CI). See README "Architecture".
 * Features are the folders directly under src/ other than the shared layers below.
 */
const SHARED_LAYERS = 'common|config|infra|tools';
const FEATURE = `^src/(?!(?:${SHARED_LAYERS})/)([^/]+)/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files (cycles between feature folders are checked by scripts/check-module-cycles.js).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'product-stays-product',
      severity: 'error',
      comment: 'src/ is what the image runs: it never imports the simulators, the development entry, tests or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(simulators|dev|test|bench)/' },
    },
    {
      name: 'simulators-stand-alone',
      severity: 'error',
      comment: 'The simulators play the upstreams; they know nothing of the service.',
      from: { path: '^simulators/' },
      to: { path: '^(src|dev|test|bench)/' },
    },
    {
      name: 'shared-layers-know-no-feature',
      severity: 'error',
      comment: 'common/, config/ and infra/ are below every feature: never infra -> feature.',
      from: { path: '^src/(common|config|infra)/' },
      to: { path: FEATURE },
    },
    {
      name: 'no-reaching-into-another-feature',
      severity: 'error',
      comment:
        'A feature uses another through what its module exports (services, ports, domain types), never its repositories, entities or controllers.',
      from: { path: FEATURE },
      to: {
        path: '^src/[^/]+/(?:.+[.]repository[.]ts|entities/.+|.+[.]controller[.]ts)$',
        pathNot: ['^src/$1/'],
      },
    },
    {
      name: 'airtable-stays-behind-order-source',
      severity: 'error',
      comment:
        'Orders speak of orders: Airtable records, field names and formulas live only in the Airtable client, its mapper and the order source over them (OrdersModule binds them).',
      from: { path: '^src/', pathNot: '^src/orders/(airtable[^/]*|orders[.]module)[.]ts$' },
      to: { path: '^src/orders/airtable' },
    },
    {
      name: 'controllers-see-no-database',
      severity: 'error',
      comment: 'A controller parses, authorises, calls a service and shapes the answer: no TypeORM, no repository.',
      from: { path: '[.]controller[.]ts$' },
      to: { path: '(^node_modules/typeorm/|[.]repository[.]ts$)' },
    },
    {
      name: 'services-see-no-http-framework',
      severity: 'error',
      comment: 'Services, repositories, ports and adapters never see Fastify.',
      from: { path: '^src/.+[.](service|repository|port|adapter)[.]ts$' },
      to: { path: '^node_modules/(fastify|@nestjs/platform-fastify)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage|node_modules)/' },
  },
};
