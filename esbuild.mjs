// One build script, one entry per runtime. `--production` minifies and drops source maps
// (never shipped); `--watch` rebuilds on change. A metafile per build lets `npm run bench`
// report bundle sizes.
import { build, context } from 'esbuild';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

// undici, node-forge and yaml load on first use (src/core/lazyLibraries.ts). Bundled inside
// extension.js and cli.js they were still parsed at every start (~30 ms of a CLI run); as files
// of their own in dist/vendor/ they are not read until a command needs them.
const VENDORED = ['undici', 'node-forge', 'yaml'];
const vendorFiles = {
  name: 'vendor-files',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }));
  },
};
const resolvePackage = createRequire(import.meta.url).resolve;

const targets = [
  ...VENDORED.map((name) => ({ name: `vendor-${name}`, entryPoints: [resolvePackage(name)], outfile: `dist/vendor/${name}.js`, platform: 'node', format: 'cjs', target: 'node20', sourcemap: false })),
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow: take its ES module build.
  { name: 'extension', entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [vendorFiles], mainFields: ['module', 'main'], banner: { js: 'var __invoiceDoctorLoadStart = performance.now();' }, footer: { js: 'var __invoiceDoctorLoadEnd = performance.now();' } },
  { name: 'cli', entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [vendorFiles], banner: { js: '#!/usr/bin/env node' } },
  // The log report page, Chart.js included: webviews load nothing from the network.
  { name: 'webview', entryPoints: ['src/webview/report.ts'], outfile: 'dist/webview/report.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // Log analysis worker threads, loaded from beside dist/cli.js and dist/extension.js.
  { name: 'log-worker', entryPoints: ['src/core/logs/logWorker.ts'], outfile: 'dist/logWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  { name: 'demo', entryPoints: ['src/demo/main.ts'], outfile: 'dist/demo.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [vendorFiles] },
  // Extension tests run inside VS Code; mocha stays external and loads from node_modules.
  { name: 'extension-tests', entryPoints: ['test/extension/index.ts'], outfile: 'out/test/index.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], sourcemap: 'inline', dev: true },
].filter((t) => existsSync(t.entryPoints[0]) && !(production && t.dev));

mkdirSync('dist', { recursive: true });
const results = await Promise.all(targets.map(async ({ name, dev: _dev, ...options }) => {
  if (watch) {
    const ctx = await context({ ...common, ...options });
    await ctx.watch();
    return { name };
  }
  const result = await build({ ...common, ...options });
  return { name, metafile: result.metafile };
}));
if (!watch) {
  writeFileSync('dist/meta.json', JSON.stringify(Object.fromEntries(results.map((r) => [r.name, r.metafile]))));
}
