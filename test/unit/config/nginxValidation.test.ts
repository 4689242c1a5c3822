import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixFiles, lintFiles } from '../../../src/core/config/lintFiles';
import { lintText } from '../../../src/core/config/lint';
import { applyPreferredFixes, nginxTest, nginxWorkspace, readText, removeDir } from './configTestKit';

/**
 * Fixes must never turn a config nginx accepts into one it rejects (vscode-nginx-conf's
 * formatter did exactly that). Every fixture is checked with the real `nginx -t` before and
 * after: after only the safe fixes (`lint --fix`) and after every quick fix a user could accept.
 */
describe('nginx fixes keep the config loadable (real nginx -t)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  before(function () {
    try {
      execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    } catch {
      this.skip(); // CI installs nginx-light; see the report to the lead
    }
  });
  after(async () => Promise.all(dirs.map(removeDir)));

  const workspace = async (fixture: string) => {
    const dir = await nginxWorkspace(fixture);
    dirs.push(dir);
    return dir;
  };

  for (const { fixture, main } of [{ fixture: 'nginx/tree', main: 'nginx.conf' }, { fixture: 'nginx/crlf', main: 'nginx.conf' }]) {
    it(`${fixture}: the original loads, and so does the result of --fix`, async () => {
      const dir = await workspace(fixture);
      assert.equal((await nginxTest(dir, main)).ok, true, (await nginxTest(dir, main)).output);
      const result = await fixFiles([join(dir, main)]);
      assert.ok(result.changes.length > 0, 'some safe fix applied');
      const check = await nginxTest(dir, main);
      assert.equal(check.ok, true, check.output);
      assert.deepEqual(result.run.findings.filter((f) => f.fixes.some((x) => x.safe && !x.snippet)).map((f) => f.rule), [], 'no safe fix left after --fix');
    });

    it(`${fixture}: accepting every quick fix (snippets with their defaults) still loads, and relinting finds nothing fixable`, async () => {
      const dir = await workspace(fixture);
      for (let pass = 0; pass < 3; pass++) {
        const { findings } = await lintFiles([join(dir, main)]);
        for (const path of new Set(findings.map((f) => f.path ?? ''))) {
          const list = findings.filter((f) => f.path === path);
          await writeFile(path, applyPreferredFixes(await readText(path), list, join(dir, 'certs', 'ca.pem')));
        }
      }
      const check = await nginxTest(dir, main);
      assert.equal(check.ok, true, check.output);
      const left = (await lintFiles([join(dir, main)])).findings.filter((f) => f.fixable);
      assert.deepEqual(left.map((f) => `${f.rule} ${f.path}:${f.range.start.line}`), []);
    });
  }

  it('a config nginx rejects is reported as a parse error where nginx would stop, never as "no problems"', async () => {
    const dir = await workspace('nginx/crlf');
    await writeFile(join(dir, 'broken.conf'), 'events {}\nhttp {\n    server {\n        listen 8080\n    }\n}\n');
    assert.equal((await nginxTest(dir, 'broken.conf')).ok, false);
    const findings = lintText('nginx', await readText(join(dir, 'broken.conf')));
    assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.range.start.line]), [['parse-error', 'error', 4]]);
  });
});
