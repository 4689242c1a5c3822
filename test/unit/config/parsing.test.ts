import { strict as assert } from 'node:assert';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lintText, lintWorkspace } from '../../../src/core/config/lint';
import { lintFiles } from '../../../src/core/config/lintFiles';
import { detectKind } from '../../../src/core/config/detectKind';
import type { ConfigKind } from '../../../src/core/config/findings';
import { FIXTURES, readText, removeDir, tempDir } from './configTestKit';

describe('config parsing: exact positions, includes, dumps, and honest parse errors', () => {
  const broken: { kind: ConfigKind; text: string; line: number; column?: number }[] = [
    { kind: 'nginx', text: 'http {\n  server {\n    listen 80;\n  }\n', line: 1, column: 1 },
    { kind: 'nginx', text: 'server {\n  return 200 "unterminated;\n}\n', line: 2, column: 14 },
    { kind: 'nginx', text: 'events {}\n}\n', line: 2, column: 1 },
    // the yaml package notices the unclosed flow sequence where the next key starts
    { kind: 'spring-yaml', text: 'spring:\n  datasource:\n    url: [jdbc:mysql://db\n  hikari: x\n', line: 4 },
    { kind: 'mysql', text: '[mysqld\nmax_connections = 10\n', line: 1 },
    { kind: 'postgres', text: "max_connections = 100\nlisten_addresses = '*\n", line: 2, column: 20 },
    { kind: 'sysctl', text: 'net.core.somaxconn = 4096\n= 12\n', line: 2 },
    { kind: 'tomcat', text: '<Server>\n  <Service name="x">\n    <Connector port="8080">\n  </Service>\n</Server>\n', line: 4 },
    { kind: 'apache', text: '<VirtualHost *:443>\n  SSLProtocol all\n', line: 1 },
    { kind: 'dotenv', text: 'A=1\nB="open\n', line: 2, column: 3 },
  ];
  for (const b of broken) {
    it(`${b.kind}: a broken file gives one parse-error finding at line ${b.line}, not "no problems"`, () => {
      const findings = lintText(b.kind, b.text);
      assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.range.start.line]), [['parse-error', 'error', b.line]]);
      if (b.column) assert.equal(findings[0].range.start.column, b.column);
    });
  }

  it('keeps exact UTF-16 columns after non-ASCII text and on CRLF lines', () => {
    const findings = lintText('sysctl', '# Größe\r\n  net.core.somaxconn=128\r\n');
    assert.deepEqual(findings[0].range, { start: { line: 2, column: 3 }, end: { line: 2, column: 25 } });
  });

  it('lints an `nginx -T` dump as the files it contains, with positions in the dump', async () => {
    const dump = await readText(join(FIXTURES, 'nginx', 'nginx-T.txt'));
    const findings = lintText('nginx', dump, { path: 'dump.txt' });
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [['nginx.proxy-ssl-server-name', 12]]);
    assert.equal(detectKind('nginx-T.txt.conf', dump), 'nginx');
  });

  it('resolves includes with globs relative to the main file on disk, and reports into the included file', async () => {
    const dir = await tempDir();
    try {
      await mkdir(join(dir, 'sites-enabled'));
      await writeFile(join(dir, 'nginx.conf'), 'events { worker_connections 1024; }\nworker_rlimit_nofile 4096;\nhttp {\n  proxy_read_timeout 30s;\n  include sites-enabled/*;\n}\n');
      await writeFile(join(dir, 'sites-enabled', 'a'), 'server { location / { proxy_pass https://a.example.com; } }\n');
      await writeFile(join(dir, 'sites-enabled', 'b'), 'server { location / { proxy_pass https://b.example.com; proxy_ssl_server_name on; } }\n');
      const { findings } = await lintFiles([join(dir, 'nginx.conf')]);
      assert.deepEqual(findings.map((f) => [f.rule, f.path]), [['nginx.proxy-ssl-server-name', join(dir, 'sites-enabled', 'a')]]);
    } finally {
      await removeDir(dir);
    }
  });

  it('in the editor, a site file sees directives inherited from the nginx.conf of the workspace', () => {
    const files = [
      { path: '/etc/nginx/nginx.conf', text: 'events {}\nhttp {\n  proxy_ssl_server_name on;\n  proxy_read_timeout 30s;\n  include /etc/nginx/conf.d/*.conf;\n}\n' },
      { path: '/etc/nginx/conf.d/gw.conf', text: 'server { location / { proxy_pass https://gw.example.com; } }\n' },
    ];
    const findings = lintWorkspace(files).filter((f) => f.path === '/etc/nginx/conf.d/gw.conf');
    assert.deepEqual(findings, []);
  });

  it('detects kinds by name and content', () => {
    const cases: [string, string, ConfigKind | undefined][] = [
      ['/etc/nginx/nginx.conf', '', 'nginx'],
      ['/etc/nginx/sites-enabled/app.conf', 'server {\n listen 80;\n}\n', 'nginx'],
      ['/srv/x/proxy.conf', 'upstream a { server 1.2.3.4; }\n', 'nginx'],
      ['/etc/httpd/conf.d/ssl.conf', '<VirtualHost _default_:443>\nSSLProtocol all\n</VirtualHost>\n', 'apache'],
      ['src/main/resources/application-prod.yml', '', 'spring-yaml'],
      ['application.properties', '', 'spring-properties'],
      ['/etc/mysql/mysql.conf.d/mysqld.cnf', '[mysqld]\n', 'mysql'],
      ['/etc/mysql/conf.d/tuning.cnf', '[mysqld]\nmax_connections=500\n', 'mysql'],
      ['/etc/postgresql/16/main/postgresql.conf', '', 'postgres'],
      ['/etc/sysctl.d/99-invoice.conf', 'net.core.somaxconn=4096\n', 'sysctl'],
      ['conf/server.xml', '<Server/>', 'tomcat'],
      ['.env.production', '', 'dotenv'],
      ['src/client.ts', 'new Agent({ rejectUnauthorized: false })', 'javascript'],
      ['src/other.ts', 'export const x = 1;', undefined],
      ['README.conf', 'hello', undefined],
    ];
    for (const [path, text, kind] of cases) assert.equal(detectKind(path, text), kind, path);
  });
});
