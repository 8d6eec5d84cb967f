/**
 * ts-jest, plus the one thing TypeScript leaves behind when it turns an ES
 * module into CommonJS: `import.meta`. NestJS 12 and friends are ESM-only and
 * read `import.meta.url` (some to build a `require` of their own); in CommonJS
 * the same facts come from __filename, and require is already there.
 */
const { TsJestTransformer } = require('ts-jest');

const IMPORT_META = /\bimport\.meta\b/g;
// What `import.meta` offers, rebuilt from CommonJS's __filename and require.
const COMMONJS_IMPORT_META =
  '({ url: require("node:url").pathToFileURL(__filename).href, filename: __filename, dirname: __dirname, ' +
  'resolve: (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href })';

// `const require = createRequire(import.meta.url)` would redeclare CommonJS's own require.
const OWN_REQUIRE = /\b(?:const|let|var)\s+require\s*=\s*(?:\w+\.)?createRequire\(import\.meta\.url\);?/g;

function rewrite(source) {
  if (!source.includes('import.meta')) return source;
  return source.replace(OWN_REQUIRE, '').replace(IMPORT_META, COMMONJS_IMPORT_META);
}

class EsmToCjsTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(rewrite(source), path, options);
  }

  processAsync(source, path, options) {
    return super.processAsync(rewrite(source), path, options);
  }

  getCacheKey(source, path, options) {
    return super.getCacheKey(rewrite(source), path, options);
  }
}

module.exports = { createTransformer: (config) => new EsmToCjsTransformer(config) };
