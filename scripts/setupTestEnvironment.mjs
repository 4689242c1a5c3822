// Prepares a machine for `npm test`: the Debian packages the tests start (nginx, tinyproxy,
// chromium…) and code-server, which hosts the extension tests inside a real VS Code
// (see /work/shared/vscode-e2e.md for why code-server and not @vscode/test-electron).
// Idempotent: a second run only checks. Run on its own with `node scripts/setupTestEnvironment.mjs`;
// `--print-code-server-entry` prints the server's entry script last on stdout (the e2e runner
// uses it when started by hand).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, copyFileSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newer code-server releases need Node 22+; 4.100.3 bundles VS Code 1.100.3 and runs on Node 20. */
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_HOME = path.join(REPO_ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written last: its absence (or other contents) means a partial or stale install. */
const INSTALL_MARKER = path.join(CODE_SERVER_HOME, '.install-complete');

const APT_PACKAGES = [
  'chromium', // the browser the workbench runs in
  'libkrb5-dev', 'build-essential', 'pkg-config', 'python3', // code-server's native modules build from source
  'ripgrep', // pre-seeds @vscode/ripgrep, whose postinstall would download from GitHub
  'nginx-light', 'tinyproxy', 'openssl', 'curl', // started by the component tests
];

/**
 * Packages whose install scripts code-server needs: its own postinstall (which runs a nested
 * `npm install` in lib/vscode) and the native modules. npm 11 warns about unreviewed install
 * scripts (and refuses them with strict-allow-scripts). The policy has to live in each
 * project's package.json: a config-file `allow-scripts` is exported to the postinstall's
 * environment, where the nested install rejects it as a command-line flag (EALLOWSCRIPTS).
 */
const ALLOWED_INSTALL_SCRIPTS = ['code-server', 'argon2'];
const ALLOWED_NESTED_INSTALL_SCRIPTS = [
  '@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', '@vscode/windows-process-tree',
  '@vscode/windows-registry', 'kerberos', 'native-watchdog', 'node-pty',
];
const NESTED_PACKAGE_JSON = path.join(CODE_SERVER_HOME, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');

/** @vscode/ripgrep version pinned by code-server 4.100.3, and the ripgrep release it fetches. */
const VSCODE_RIPGREP_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

export async function ensureTestEnvironment(log = console.log) {
  await ensureAptPackages(log);
  await ensureCodeServer(log);
  return { codeServerEntry: CODE_SERVER_ENTRY };
}

async function ensureAptPackages(log) {
  const missing = [];
  for (const name of APT_PACKAGES) {
    if (!(await isDebianPackageInstalled(name))) {
      missing.push(name);
    }
  }
  if (missing.length === 0) {
    log(`apt packages present: ${APT_PACKAGES.join(' ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', ...missing], { env });
}

async function isDebianPackageInstalled(name) {
  try {
    const status = await run('dpkg-query', ['-W', '-f=${Status}', name], { capture: true });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

async function ensureCodeServer(log) {
  const expectedMarker = installMarkerText();
  if (existsSync(INSTALL_MARKER) && readFileSync(INSTALL_MARKER, 'utf8') === expectedMarker && existsSync(CODE_SERVER_ENTRY)) {
    log(`code-server ${CODE_SERVER_VERSION} present in ${path.relative(REPO_ROOT, CODE_SERVER_HOME)}`);
    return;
  }
  if (existsSync(CODE_SERVER_HOME)) {
    log('code-server install is partial or stale: reinstalling');
    rmSync(CODE_SERVER_HOME, { recursive: true, force: true });
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(REPO_ROOT, CODE_SERVER_HOME)} (about a minute)`);
  mkdirSync(CODE_SERVER_HOME, { recursive: true });
  writeFileSync(path.join(CODE_SERVER_HOME, 'package.json'), JSON.stringify({
    name: 'invoice-doctor-test-code-server',
    private: true,
    description: 'code-server for the extension tests; installed by scripts/setupTestEnvironment.mjs',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: allowAll(ALLOWED_INSTALL_SCRIPTS),
  }, null, 2));
  await seedRipgrepCache();
  const npmOptions = {
    cwd: CODE_SERVER_HOME,
    env: {
      ...withoutNpmVariables(process.env),
      npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
      npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
      npm_config_nodedir: '/usr', // build native modules against the local headers; no download
    },
  };
  // Two phases so the nested project's policy is in place before its install runs.
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], npmOptions);
  const nested = JSON.parse(readFileSync(NESTED_PACKAGE_JSON, 'utf8'));
  writeFileSync(NESTED_PACKAGE_JSON, JSON.stringify({ ...nested, allowScripts: allowAll(ALLOWED_NESTED_INSTALL_SCRIPTS) }, null, 2));
  await run('npm', ['rebuild', '--loglevel=error'], npmOptions);
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server installed but ${CODE_SERVER_ENTRY} is missing`);
  }
  writeFileSync(INSTALL_MARKER, expectedMarker);
}

function allowAll(names) {
  return Object.fromEntries(names.map((name) => [name, true]));
}

/**
 * Under `npm test` the environment holds the project's npm_config_* / npm_package_* variables,
 * which would leak the project's settings into the separate install.
 */
function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Native modules are built for one Node ABI: a different Node means a fresh install. */
function installMarkerText() {
  return `code-server@${CODE_SERVER_VERSION} node-abi-${process.versions.modules}\n`;
}

/** @vscode/ripgrep's postinstall downloads from GitHub unless its cache holds the tarball. */
async function seedRipgrepCache() {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) {
    throw new Error(`no ripgrep cache mapping for architecture ${process.arch}`);
  }
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${VSCODE_RIPGREP_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (existsSync(tarball)) {
    return;
  }
  const staging = mkdtempSync(path.join(os.tmpdir(), 'rg-seed-'));
  try {
    copyFileSync('/usr/bin/rg', path.join(staging, 'rg'));
    mkdirSync(cacheDir, { recursive: true });
    await run('tar', ['-czf', tarball, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Runs a command, its output shown on stderr (stdout is kept for `--print-code-server-entry`)
 * or, for queries, its stdout captured and its complaints dropped; rejects with its exit status.
 */
function run(command, args, { cwd = REPO_ROOT, env = process.env, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', capture ? 'pipe' : process.stderr, capture ? 'ignore' : 'inherit'] });
    let stdout = '';
    child.stdout?.on('data', (chunk) => { stdout += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(stdout);
      } else {
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
      }
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const printEntry = process.argv.includes('--print-code-server-entry');
  // With --print-code-server-entry, progress goes to stderr so stdout holds only the path.
  const log = printEntry ? (line) => process.stderr.write(`${line}\n`) : console.log;
  ensureTestEnvironment(log).then(({ codeServerEntry }) => {
    if (printEntry) {
      console.log(codeServerEntry);
    }
  }, (error) => {
    console.error(`test environment set-up failed: ${error.message}`);
    process.exitCode = 1;
  });
}
