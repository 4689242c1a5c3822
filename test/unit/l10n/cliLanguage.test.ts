import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runCli, runCliProcess } from '../cli/cliHarness';
import { normalizeLocale } from '../../../src/cli/language';

/** `--lang` and the locale of the environment choose the language of the CLI's human reports. */
describe('invoice-doctor --lang', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'invoice-doctor-l10n-'));
    await writeFile(join(dir, 'nginx.conf'), 'events {\n    worker_connections 4096;\n}\nhttp {\n    server {\n        listen 443 ssl;\n        ssl_protocols TLSv1 TLSv1.1;\n    }\n}\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const lint = (extra: string[], env = cleanEnv()) => runCli(['lint', 'nginx.conf', ...extra], { cwd: dir, env });

  it('prints the lint report in Chinese with --lang zh-cn, and in English again on the next run', async () => {
    const chinese = await lint(['--lang', 'zh-cn']);
    assert.equal(chinese.code, 1, chinese.stderr);
    assert.match(chinese.stdout, /ssl_protocols 启用了 TLSv1, TLSv1\.1。/);
    assert.match(chinese.stdout, /已检查 1 个文件：1 个错误/);
    assert.equal(chinese.stderr, '');
    const english = await lint([]);
    assert.match(english.stdout, /ssl_protocols enables TLSv1, TLSv1\.1\. /);
    assert.match(english.stdout, /1 file\(s\) checked: 1 error\(s\)/);
  });

  it('takes the language from LC_ALL, LC_MESSAGES or LANG when --lang is not given', async () => {
    assert.match((await lint([], cleanEnv({ LANG: 'zh_CN.UTF-8' }))).stdout, /已检查 1 个文件/);
    assert.match((await lint([], cleanEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }))).stdout, /1 file\(s\) checked/, 'LC_ALL wins over LANG');
    assert.match((await lint(['--lang=en'], cleanEnv({ LANG: 'zh_CN.UTF-8' }))).stdout, /1 file\(s\) checked/, '--lang wins over the environment');
  });

  it('keeps --json and --sarif output byte-identical in every language', async () => {
    for (const flag of ['--json', '--sarif']) {
      const english = await lint([flag]);
      const chinese = await lint([flag, '--lang', 'zh-cn']);
      const fromEnv = await lint([flag], cleanEnv({ LANG: 'zh_CN.UTF-8' }));
      assert.equal(chinese.stdout, english.stdout, flag);
      assert.equal(fromEnv.stdout, english.stdout, flag);
      assert.match(english.stdout, /enables TLSv1, TLSv1\.1/);
    }
  });

  it('falls back to English for a language without a catalog, with a note only when --lang asked for it', async () => {
    const asked = await lint(['--lang', 'fr']);
    assert.match(asked.stdout, /1 file\(s\) checked/);
    assert.equal(asked.stderr, 'invoice-doctor: no "fr" translation; messages are in English.\n');
    const fromEnv = await lint([], cleanEnv({ LANG: 'fr_FR.UTF-8' }));
    assert.match(fromEnv.stdout, /1 file\(s\) checked/);
    assert.equal(fromEnv.stderr, '');
    const missingValue = await runCli(['lint', 'nginx.conf', '--lang'], { cwd: dir });
    assert.equal(missingValue.code, 2);
    assert.match(missingValue.stderr, /"--lang" needs a value/);
  });

  it('explains a refused connection in Chinese, from the CLI run as its own process', async () => {
    const port = await closedPort();
    const run = await runCliProcess(['probe', `http://127.0.0.1:${port}/health`, '--timeout', '5000'], { env: cleanEnv({ LC_MESSAGES: 'zh_CN.UTF-8' }) });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /主机有应答，但该端口上没有服务接受连接。/);
    assert.match(run.stdout, /检查 URL 中的端口/);
    assert.match(run.stdout, /1 个端点：0 个正常，0 个降级，1 个不可用/);
    const json = await runCliProcess(['probe', `http://127.0.0.1:${port}/health`, '--timeout', '5000', '--json'], { env: cleanEnv({ LC_MESSAGES: 'zh_CN.UTF-8' }) });
    const diagnosis = JSON.parse(json.stdout).endpoints[0].diagnosis;
    assert.equal(diagnosis.code, 'tcp.refused');
    assert.match(diagnosis.summary, /^The host answered, but nothing accepts connections on this port\./);
  });

  it('reads POSIX locale names', () => {
    assert.deepEqual(['zh_CN.UTF-8', 'zh_CN', 'zh-CN', 'zh_SG.GB2312', 'zh', 'C', 'POSIX', '', 'en_US.UTF-8', 'C.UTF-8', 'fr_FR@euro'].map(normalizeLocale),
      ['zh-cn', 'zh-cn', 'zh-cn', 'zh-cn', 'zh-cn', 'en', 'en', 'en', 'en', 'en', 'fr-fr']);
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
