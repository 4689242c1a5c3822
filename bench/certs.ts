import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { SocketAddress } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inspectRemote } from '../src/core/certs/inspectRemote';
import type { CertReport } from '../src/core/certs/certReport';
import { createAuthority, issue } from '../src/demo/pki';
import { startHttpsServer } from '../test/support/loopbackServers';
import { makeTempDir } from '../test/support/tempFiles';
import { createOpensslCa, issueFrom } from '../test/unit/certs/support/opensslCa';

const run = promisify(execFile);

/** Facts each tool reports about a server, normalised so that equal facts compare equal. */
type Facts = Record<string, string>;
type Tool = 'invoice-doctor' | 'openssl' | 'sslscan' | 'testssl';
const TOOLS: Tool[] = ['invoice-doctor', 'openssl', 'sslscan', 'testssl'];
// testssl.sh runs hundreds of handshakes; it is bounded so a slow machine cannot stall the bench.
const TESTSSL_TIMEOUT_MS = 180_000;

/**
 * Compares what `invoice-doctor cert` says about loopback servers with `openssl s_client
 * -showcerts` + `openssl x509 -text`, `sslscan` and `testssl.sh` (when installed): every fact
 * two tools report must agree. Returns the comparison table and each tool's time per server.
 * Needs openssl; sslscan and testssl.sh are used when present (Debian packages of those names).
 */
export async function benchCerts(): Promise<Record<string, unknown>> {
  const dir = await makeTempDir('invoice-doctor-bench-certs-');
  const forge = createAuthority('Bench Forge');
  const forgeLeaf = issue(forge.intermediate, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1', '::1'] });
  const ca = await createOpensslCa(dir.path, 'Bench OpenSSL Root');
  const sub = await ca.issue('Bench OpenSSL Intermediate', { ca: true });
  const ecLeaf = await issueFrom(dir.path, sub.cert, sub.key, 'localhost', { keyAlgorithm: 'ec', altNames: ['localhost', '127.0.0.1'] });
  const [ecCert, subCert, ecKey] = await Promise.all([readFile(ecLeaf.cert, 'utf8'), readFile(sub.cert, 'utf8'), readFile(ecLeaf.key, 'utf8')]);
  const setups = [
    { name: 'forge RSA chain, TLS 1.2+1.3', tls: { cert: forgeLeaf.certPem + forge.intermediate.certPem, key: forgeLeaf.keyPem } },
    { name: 'openssl EC chain, TLS 1.2 only', tls: { cert: ecCert + subCert, key: ecKey, maxVersion: 'TLSv1.2' as const } },
    { name: 'misordered (leaf, root, intermediate)', tls: { cert: forgeLeaf.certPem + forge.root.certPem + forge.intermediate.certPem, key: forgeLeaf.keyPem } },
  ];
  const available = { sslscan: await installed('sslscan', ['--version']), testssl: await installed('testssl', ['--version']) };
  const rows: Record<string, string | boolean>[] = [];
  const times: Record<string, Record<string, number | null>> = {};
  try {
    for (const setup of setups) {
      const server = await startHttpsServer(setup.tls);
      const target = `127.0.0.1:${server.port}`;
      try {
        const facts: Partial<Record<Tool, Facts>> = {};
        const timing: Record<string, number | null> = {};
        const timed = async (tool: Tool, work: () => Promise<Facts>) => {
          const start = performance.now();
          facts[tool] = await work();
          timing[tool] = Math.round(performance.now() - start);
        };
        await timed('invoice-doctor', async () => ourFacts(await inspectRemote(target, { servername: 'localhost', network: false })));
        await timed('openssl', () => opensslFacts(target, dir.path));
        if (available.sslscan) await timed('sslscan', () => sslscanFacts(target));
        else timing.sslscan = null;
        if (available.testssl) await timed('testssl', () => testsslFacts(target, join(dir.path, `testssl-${server.port}.json`)));
        else timing.testssl = null;
        times[setup.name] = timing;
        rows.push(...compare(setup.name, facts));
      } finally {
        await server.close();
      }
    }
  } finally {
    await dir.remove();
  }
  const disagreements = rows.filter((row) => row.agree === false);
  return { tools: { ...available, openssl: true }, timesMs: times, agreeing: rows.length - disagreements.length, disagreements, table: markdownTable(rows) };
}

function ourFacts(report: CertReport): Facts {
  const leaf = report.chain[0];
  return {
    'leaf CN': cn(leaf.subject),
    'leaf subject': dn(leaf.subject),
    'leaf issuer CN': cn(leaf.issuer),
    'leaf issuer': dn(leaf.issuer),
    'leaf serial': leaf.serialNumber.toUpperCase(),
    'leaf notBefore': minute(leaf.notBefore),
    'leaf notAfter': minute(leaf.notAfter),
    'leaf SANs': sans(leaf.subjectAltNames.map((name) => name.replace(/^\w+:/, ''))),
    'leaf key bits': String(leaf.keyBits),
    'leaf signature': signature(leaf.signatureAlgorithm),
    'leaf SHA-256': hex(leaf.sha256),
    'chain SHA-256 in order': report.chain.map((cert) => hex(cert.sha256).slice(0, 12)).join(' '),
    'certificates sent': String(report.chain.length),
    protocol: report.connection?.protocol ?? '',
    'ordering problem': report.checks.some((check) => check.code === 'cert.chain_order') ? 'yes' : 'no',
  };
}

async function opensslFacts(target: string, cwd: string): Promise<Facts> {
  const session = await runWithInput('openssl', ['s_client', '-connect', target, '-servername', 'localhost', '-showcerts'], cwd);
  const pems = session.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const texts = await Promise.all(pems.map((pem) => runWithInput('openssl', ['x509', '-noout', '-text', '-subject', '-issuer', '-serial', '-startdate', '-enddate', '-fingerprint', '-sha256'], cwd, pem)));
  const leaf = texts[0];
  const field = (text: string, pattern: RegExp) => text.match(pattern)?.[1]?.trim() ?? '';
  const sanLine = field(leaf, /X509v3 Subject Alternative Name:.*\n\s*(.+)/);
  return {
    'leaf CN': cn(dn(field(leaf, /^subject=(.+)$/m))),
    'leaf subject': dn(field(leaf, /^subject=(.+)$/m)),
    'leaf issuer CN': cn(dn(field(leaf, /^issuer=(.+)$/m))),
    'leaf issuer': dn(field(leaf, /^issuer=(.+)$/m)),
    'leaf serial': field(leaf, /^serial=(.+)$/m).toUpperCase(),
    'leaf notBefore': minute(field(leaf, /^notBefore=(.+)$/m)),
    'leaf notAfter': minute(field(leaf, /^notAfter=(.+)$/m)),
    'leaf SANs': sans(sanLine.split(', ').map((name) => name.replace(/^(DNS|IP Address):/, ''))),
    'leaf key bits': field(leaf, /Public-Key: \((\d+) bit\)/),
    'leaf signature': signature(field(leaf, /Signature Algorithm: (\S+)/)),
    'leaf SHA-256': hex(field(leaf, /Fingerprint=(.+)$/m)),
    'chain SHA-256 in order': texts.map((text) => hex(field(text, /Fingerprint=(.+)$/m)).slice(0, 12)).join(' '),
    'certificates sent': String(pems.length),
    protocol: field(session, /^New, (TLSv[\d.]+), Cipher is/m) || field(session, /Protocol\s*:\s*(\S+)/),
  };
}

async function sslscanFacts(target: string): Promise<Facts> {
  const { stdout: xml } = await run('sslscan', ['--no-colour', '--show-certificate', '--xml=-', target], { maxBuffer: 16 * 1024 * 1024 });
  const tag = (name: string) => xml.match(new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</${name}>`))?.[1]?.trim() ?? '';
  const keyType = xml.match(/<pk [^>]*type="(\w+)"/)?.[1];
  const enabled = [...xml.matchAll(/<protocol type="tls" version="([\d.]+)" enabled="1"/g)].map((match) => match[1]);
  return {
    'leaf CN': tag('subject').replace(/^.*CN\s*=\s*/, ''),
    'leaf issuer CN': tag('issuer').replace(/^.*CN\s*=\s*/, ''),
    'leaf notBefore': minute(tag('not-valid-before')),
    'leaf notAfter': minute(tag('not-valid-after')),
    'leaf SANs': sans(tag('altnames').split(/,\s*/).filter(Boolean).map((name) => name.replace(/^(DNS|IP Address):/, ''))),
    // For EC keys sslscan's `bits` is the security strength (128 for P-256), not the key size: another fact.
    ...(keyType === 'RSA' ? { 'leaf key bits': xml.match(/<pk [^>]*bits="(\d+)"/)?.[1] ?? '' } : {}),
    'leaf signature': signature(tag('signature-algorithm').replace(/^Signature Algorithm:\s*/, '')),
    protocol: enabled.length ? `TLSv${enabled[enabled.length - 1]}` : '',
  };
}

async function testsslFacts(target: string, jsonFile: string): Promise<Facts> {
  await run('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--nodns', 'none', '-p', '-S', '--jsonfile', jsonFile, target], { timeout: TESTSSL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }).catch((error: { code?: unknown }) => {
    // testssl.sh exits non-zero when it finds problems; its JSON is still complete.
    if (typeof error.code !== 'number') throw error;
  });
  const entries = JSON.parse(await readFile(jsonFile, 'utf8')) as { id: string; finding: string }[];
  const finding = (id: string) => entries.find((entry) => entry.id === id)?.finding ?? '';
  const offered = ['TLS1_3', 'TLS1_2', 'TLS1_1', 'TLS1'].find((id) => finding(id).startsWith('offered'));
  return {
    'leaf CN': finding('cert_commonName'),
    'leaf issuer CN': finding('cert_caIssuers').replace(/ \(.*\)$/, ''),
    'leaf serial': finding('cert_serialNumber').toUpperCase(),
    'leaf notBefore': minute(finding('cert_notBefore')),
    'leaf notAfter': minute(finding('cert_notAfter')),
    'leaf SANs': sans(finding('cert_subjectAltName').split(/\s+/).filter(Boolean)),
    'leaf key bits': finding('cert_keySize').match(/(\d+) bits/)?.[1] ?? '',
    'leaf signature': signature(finding('cert_signatureAlgorithm')),
    'leaf SHA-256': hex(finding('cert_fingerprintSHA256')),
    protocol: offered ? `TLSv${offered.slice(3).replace('_', '.')}` : '',
    'ordering problem': finding('certs_list_ordering_problem').startsWith('yes') ? 'yes' : 'no',
  };
}

function compare(server: string, facts: Partial<Record<Tool, Facts>>): Record<string, string | boolean>[] {
  const names = [...new Set(TOOLS.flatMap((tool) => Object.keys(facts[tool] ?? {})))];
  return names.map((fact) => {
    const values = TOOLS.map((tool) => facts[tool]?.[fact]);
    const reported = values.filter((value): value is string => value !== undefined);
    const row: Record<string, string | boolean> = { server, fact };
    TOOLS.forEach((tool, index) => { row[tool] = values[index] ?? '—'; });
    row.agree = reported.length < 2 ? 'only one tool' : reported.every((value) => value === reported[0]);
    return row;
  });
}

function markdownTable(rows: Record<string, string | boolean>[]): string {
  const columns = ['server', 'fact', ...TOOLS, 'agree'];
  const cell = (value: unknown) => String(value).replace(/\|/g, '\\|');
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(' | ')} |`)].join('\n');
}

/** `CN = a, O = b` (openssl) and `CN=a, O=b` (Node) read the same. */
function dn(text: string): string {
  return text.replace(/\s*=\s*/g, '=').trim();
}

function cn(name: string): string {
  return name.match(/CN=([^,]+)/)?.[1] ?? name;
}

/** ISO, `Nov 21 20:38:19 2026 GMT` and `2026-11-21 20:38` to the minute testssl.sh reports. */
function minute(text: string): string {
  const date = new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}:00Z` : text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString().slice(0, 16);
}

/** IPv6 written out (`0:0:0:0:0:0:0:1`) or compressed (`::1`) compare equal; order does not matter. */
function sans(names: string[]): string {
  return names
    .map((name) => (name.includes(':') ? new SocketAddress({ address: name, family: 'ipv6' }).address : name))
    .sort()
    .join(' ');
}

/** `sha256WithRSAEncryption`, `SHA256 with RSA`, `ecdsa-with-SHA256` to one spelling. */
function signature(text: string): string {
  return text.toLowerCase().replace(/encryption$/, '').replace(/[^a-z0-9]/g, '');
}

function hex(text: string): string {
  return text.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
}

async function installed(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args, { timeout: 10_000 });
    return true;
  } catch (error) {
    return typeof (error as { code?: unknown }).code === 'number';
  }
}

function runWithInput(command: string, args: string[], cwd: string, input = ''): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error && !stdout ? reject(error) : resolvePromise(stdout)));
    child.stdin?.end(input);
  });
}
