// `npm run bench`: every benchmark side by side with the tools people use today, one section
// at a time (they would disturb each other's timings on two cores). Prints each section as it
// finishes and writes all of them to bench/results/latest.json. Give section names to run a
// subset: `npm run bench -- logs lint`.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchActivation } from './activation';
import { benchCerts } from './certs';
import { benchLint } from './lint';
import { benchLogs } from './logs';
import { benchProbe } from './probeTimings';

const REPO = path.resolve(__dirname, '..');

const SECTIONS: Record<string, () => Promise<Record<string, unknown>>> = {
  bundles: async () => bundleSizes(),
  activation: benchActivation,
  probe: benchProbe,
  logs: benchLogs,
  certs: benchCerts,
  lint: benchLint,
};

/** Bytes of every shipped bundle (source maps excluded: they never ship). */
function bundleSizes(): Record<string, unknown> {
  const dist = path.join(REPO, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css)$/.test(f));
  return Object.fromEntries(files.sort().map((file) => [file, `${(statSync(path.join(dist, file)).size / 1024).toFixed(1)} KiB`]));
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);
  const results: Record<string, unknown> = { machine: { cores: (await import('node:os')).availableParallelism(), node: process.version, at: new Date().toISOString() } };
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const started = performance.now();
    console.log(`\n## ${name}`);
    try {
      results[name] = await run();
    } catch (error) {
      results[name] = { error: (error as Error)?.message ?? String(error) };
    }
    console.log(JSON.stringify(results[name], null, 2));
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  mkdirSync(path.join(REPO, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\nAll figures: bench/results/latest.json');
}

main().catch((error: unknown) => {
  console.error(`npm run bench: ${(error as Error)?.message ?? error}`);
  process.exit(2);
});
