import { strict as assert } from 'node:assert';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../cli/cliHarness';
import { readText, removeDir, tempDir } from './configTestKit';

/** `invoice-doctor lint` as CI and users run it (CONTRACT.md §3). */
describe('invoice-doctor lint', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    await mkdir(join(dir, 'app', 'node_modules', 'dep'), { recursive: true });
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'app', 'application.properties'), 'spring.datasource.url=jdbc:mysql://db/inv\r\nspring.datasource.hikari.maximum-pool-size=8\r\n# invoice-doctor.instances=3\r\nserver.ssl.enabled-protocols=TLSv1,TLSv1.2\r\n');
    await writeFile(join(dir, 'db', 'my.cnf'), '[mysqld]\nmax_connections = 20\n');
    await writeFile(join(dir, 'sysctl.conf'), '# invoice-doctor-disable-next-line sysctl.somaxconn-low\nnet.core.somaxconn = 128\nnet.ipv4.tcp_max_syn_backlog = 128\n');
    await writeFile(join(dir, 'app', 'node_modules', 'dep', '.env'), 'NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    await chmod(join(dir, 'sysctl.conf'), 0o640);
  });
  afterEach(() => removeDir(dir));

  it('--json: one document with file, rule, severity, message, range, fixable; node_modules skipped; exit 1 on an error', async () => {
    const run = await runCli(['lint', '.', '--json'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    const document = JSON.parse(run.stdout) as { findings: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(document), ['findings']);
    for (const f of document.findings) assert.deepEqual(Object.keys(f), ['file', 'rule', 'severity', 'message', 'range', 'fixable']);
    assert.deepEqual(document.findings.map((f) => `${f.file} ${f.rule}`).sort(), [
      'app/application.properties cross.pool-exceeds-db-connections',
      'app/application.properties spring.hikari-pool-size',
      'app/application.properties spring.tls-protocols-legacy',
      'db/my.cnf mysql.max-connections-low',
      'sysctl.conf sysctl.syn-backlog-low',
    ]);
    const tls = document.findings.find((f) => f.rule === 'spring.tls-protocols-legacy');
    assert.deepEqual(tls?.range, { start: { line: 4, column: 30 }, end: { line: 4, column: 43 } });
  });

  it('human output is file:line:col severity rule message, and warnings alone exit 0', async () => {
    const run = await runCli(['lint', 'sysctl.conf'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^sysctl\.conf:3:1 warning sysctl\.syn-backlog-low net\.ipv4\.tcp_max_syn_backlog = 128 .*\[fix available\]$/m);
  });

  it('--sarif: a structurally valid SARIF 2.1.0 log', async () => {
    const run = await runCli(['lint', dir, '--sarif'], { cwd: dir });
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'invoice-doctor');
    assert.match(driver.informationUri, /^https:\/\//);
    const ruleIds = new Set<string>();
    for (const rule of driver.rules) {
      assert.equal(typeof rule.id, 'string');
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/.+\.md$/);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      ruleIds.add(rule.id);
    }
    assert.ok(log.runs[0].results.length >= 4);
    for (const result of log.runs[0].results) {
      assert.ok(ruleIds.has(result.ruleId));
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.doesNotMatch(artifactLocation.uri, /^\/|\\/, 'relative URI with forward slashes');
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[key]) && region[key] >= 1, key);
    }
  });

  it('--fix applies safe fixes only, atomically, keeping mode and CRLF, prints them, then reports what is left', async () => {
    const run = await runCli(['lint', '.', '--fix'], { cwd: dir });
    assert.match(run.stdout, /^fixed app\/application\.properties:4 spring\.tls-protocols-legacy: /m);
    assert.match(run.stdout, /^fixed sysctl\.conf:3 sysctl\.syn-backlog-low: /m);
    assert.equal(await readText(join(dir, 'app', 'application.properties')), 'spring.datasource.url=jdbc:mysql://db/inv\r\nspring.datasource.hikari.maximum-pool-size=8\r\n# invoice-doctor.instances=3\r\nserver.ssl.enabled-protocols=TLSv1.2,TLSv1.3\r\n');
    assert.equal(await readText(join(dir, 'sysctl.conf')), '# invoice-doctor-disable-next-line sysctl.somaxconn-low\nnet.core.somaxconn = 128\nnet.ipv4.tcp_max_syn_backlog = 4096\n');
    assert.equal((await stat(join(dir, 'sysctl.conf'))).mode & 0o777, 0o640);
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), [], 'no temp files left');
    // Raising max_connections to MySQL's default is safe and makes the pools fit; shrinking a
    // pool changes capacity, so that fix is left for a person.
    assert.match(run.stdout, /^fixed db\/my\.cnf:2 mysql\.max-connections-low: Set max_connections to 151$/m);
    assert.doesNotMatch(run.stdout, /cross\.pool-exceeds-db-connections/);
    assert.match(run.stdout, /^app\/application\.properties:2:44 warning spring\.hikari-pool-size .*\[fix available\]$/m);
    assert.equal(await readText(join(dir, 'app', 'application.properties')).then((t) => t.split('\r\n')[1]), 'spring.datasource.hikari.maximum-pool-size=8');
    assert.equal(run.code, 0, 'only warnings left');
  });

  it('exit 2 with one clear line for an unreadable path or bad usage', async () => {
    const missing = await runCli(['lint', 'nope.conf'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^invoice-doctor lint: cannot read .*nope\.conf: no such file or directory\n$/);
    assert.equal((await runCli(['lint'], { cwd: dir })).code, 2);
    assert.equal((await runCli(['lint', '.', '--json', '--sarif'], { cwd: dir })).code, 2);
  });
});
