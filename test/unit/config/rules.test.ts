import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/config/lint';
import { RULE_CATALOG } from '../../../src/core/config/ruleCatalog';
import { buildWorkspaceContext } from '../../../src/core/config/workspaceContext';
import type { ConfigKind, LintSettings } from '../../../src/core/config/findings';
import { applyPreferredFixes } from './configTestKit';

interface RuleCase {
  name: string;
  kind: ConfigKind;
  rule: string;
  input: string;
  /** The text after accepting the rule's preferred fixes (snippets with their defaults); undefined = no fix offered. */
  fixed?: string;
  others?: { path: string; text: string }[];
  settings?: LintSettings;
}

const MOZILLA_CIPHERS = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';
const MYSQL_SMALL = { path: '/srv/db/my.cnf', text: '[mysqld]\nmax_connections = 100\nwait_timeout = 600\n' };

const CASES: RuleCase[] = [
  { name: 'legacy ssl_protocols', kind: 'nginx', rule: 'nginx.ssl-protocols-legacy',
    input: 'server {\n    ssl_protocols SSLv3 TLSv1 TLSv1.2;  # old\n}\n',
    fixed: 'server {\n    ssl_protocols TLSv1.2 TLSv1.3;  # old\n}\n' },
  { name: 'weak ssl_ciphers keeps its quotes', kind: 'nginx', rule: 'nginx.ssl-ciphers-weak',
    input: 'server {\n    ssl_ciphers "HIGH:!aNULL:RC4-SHA:DES-CBC3-SHA";\n}\n',
    fixed: `server {\n    ssl_ciphers "${MOZILLA_CIPHERS}";\n}\n` },
  { name: 'HIGH without !aNULL is weak', kind: 'nginx', rule: 'nginx.ssl-ciphers-weak',
    input: 'http { ssl_ciphers HIGH:!MD5; }\n', fixed: `http { ssl_ciphers ${MOZILLA_CIPHERS}; }\n` },
  { name: 'https proxy_pass without SNI', kind: 'nginx', rule: 'nginx.proxy-ssl-server-name',
    input: 'location /gw/ {\n\tproxy_pass https://gw.example.com/api/; # gateway\n\tproxy_read_timeout 90s;\n}\n',
    fixed: 'location /gw/ {\n\tproxy_pass https://gw.example.com/api/; # gateway\n\tproxy_ssl_server_name on;\n\tproxy_read_timeout 90s;\n}\n' },
  { name: 'SNI off at http level is overridden in the location', kind: 'nginx', rule: 'nginx.proxy-ssl-server-name',
    input: 'http {\n  proxy_ssl_server_name off;\n  server { location / { proxy_pass https://gw.example.com; proxy_read_timeout 90s; } }\n}\n',
    fixed: 'http {\n  proxy_ssl_server_name off;\n  server { location / { proxy_pass https://gw.example.com; proxy_ssl_server_name on; proxy_read_timeout 90s; } }\n}\n' },
  { name: 'proxy_ssl_verify off becomes a snippet with the CA path', kind: 'nginx', rule: 'nginx.proxy-ssl-verify-off',
    input: 'location / {\n    proxy_ssl_verify off;\n}\n',
    fixed: 'location / {\n    proxy_ssl_verify on;\n    proxy_ssl_trusted_certificate /etc/ssl/certs/ca-certificates.crt;\n}\n' },
  { name: 'proxy_ssl_verify off with a trusted certificate only turns verification on', kind: 'nginx', rule: 'nginx.proxy-ssl-verify-off',
    input: 'server {\n    proxy_ssl_trusted_certificate /etc/gw-ca.pem;\n    location / { proxy_ssl_verify off; }\n}\n',
    fixed: 'server {\n    proxy_ssl_trusted_certificate /etc/gw-ca.pem;\n    location / { proxy_ssl_verify on; }\n}\n' },
  { name: 'upstream without keepalive, and its location', kind: 'nginx', rule: 'nginx.upstream-keepalive',
    input: 'http {\n    proxy_set_header Host $host;\n    upstream erp {\n        server 127.0.0.1:8080;\n    }\n    server {\n        location / {\n            proxy_pass http://erp;\n        }\n    }\n}\n',
    fixed: 'http {\n    proxy_set_header Host $host;\n    upstream erp {\n        server 127.0.0.1:8080;\n        keepalive 32;\n    }\n    server {\n        location / {\n            proxy_pass http://erp;\n            proxy_http_version 1.1;\n            proxy_set_header Host $host;\n            proxy_set_header Connection "";\n        }\n    }\n}\n' },
  { name: 'excessive proxy_connect_timeout', kind: 'nginx', rule: 'nginx.proxy-timeouts',
    input: 'location / {\n    proxy_pass http://127.0.0.1:8080;\n    proxy_connect_timeout 5m;\n}\n',
    fixed: 'location / {\n    proxy_pass http://127.0.0.1:8080;\n    proxy_connect_timeout 10s;\n}\n' },
  { name: 'missing proxy_read_timeout for a gateway', kind: 'nginx', rule: 'nginx.proxy-timeouts',
    input: 'location / {\n    proxy_pass https://gw.example.com;\n    proxy_ssl_server_name on;\n}\n',
    fixed: 'location / {\n    proxy_pass https://gw.example.com;\n    proxy_read_timeout 120s;\n    proxy_ssl_server_name on;\n}\n' },
  { name: 'low worker_connections and no rlimit', kind: 'nginx', rule: 'nginx.worker-connections-low',
    input: 'user www-data;\nevents {\n    worker_connections 512;\n}\n',
    fixed: 'user www-data;\nworker_rlimit_nofile 2048;\nevents {\n    worker_connections 1024;\n}\n' },
  { name: 'rlimit below twice the connections', kind: 'nginx', rule: 'nginx.worker-connections-low',
    input: 'worker_rlimit_nofile 4096;\nevents { worker_connections 4096; }\n',
    fixed: 'worker_rlimit_nofile 8192;\nevents { worker_connections 4096; }\n' },
  { name: 'variable proxy_pass host without resolver', kind: 'nginx', rule: 'nginx.resolver-missing',
    input: 'location / {\n    set $gw gw.example.com;\n    proxy_pass http://$gw/api;\n}\n',
    fixed: 'location / {\n    set $gw gw.example.com;\n    proxy_pass http://$gw/api;\n    resolver 127.0.0.53 valid=30s;\n}\n' },
  { name: 'Hikari pool above the sizing formula', kind: 'spring-properties', rule: 'spring.hikari-pool-size',
    input: 'spring.datasource.hikari.maximum-pool-size=50\n', settings: { databaseCores: 4 },
    fixed: 'spring.datasource.hikari.maximum-pool-size=9\n' },
  { name: 'Hikari pool in nested YAML with a hint for instances', kind: 'spring-yaml', rule: 'spring.hikari-pool-size',
    input: '# invoice-doctor.instances=3\nspring:\n  datasource:\n    hikari:\n      maximumPoolSize: 30 # tuned\n',
    fixed: '# invoice-doctor.instances=3\nspring:\n  datasource:\n    hikari:\n      maximumPoolSize: 5 # tuned\n' },
  { name: 'max-lifetime 0', kind: 'spring-properties', rule: 'spring.hikari-max-lifetime',
    input: 'spring.datasource.hikari.max-lifetime = 0\n', fixed: 'spring.datasource.hikari.max-lifetime = 1800000\n' },
  { name: 'max-lifetime beyond MySQL default wait_timeout', kind: 'spring-yaml', rule: 'spring.hikari-max-lifetime',
    input: 'spring.datasource.url: jdbc:mysql://db/inv\nspring.datasource.hikari.max-lifetime: "36000000"\n',
    fixed: 'spring.datasource.url: jdbc:mysql://db/inv\nspring.datasource.hikari.max-lifetime: "28770000"\n' },
  { name: 'max-lifetime beyond a network idle timeout', kind: 'spring-properties', rule: 'spring.hikari-max-lifetime',
    input: 'spring.datasource.hikari.max-lifetime=1800000\n', settings: { networkIdleTimeoutSec: 350 },
    fixed: 'spring.datasource.hikari.max-lifetime=320000\n' },
  { name: 'connection-timeout below 250 ms', kind: 'spring-properties', rule: 'spring.hikari-connection-timeout',
    input: 'spring.datasource.hikari.connection-timeout=100\n', fixed: 'spring.datasource.hikari.connection-timeout=30000\n' },
  { name: 'connection-timeout hiding outages', kind: 'spring-yaml', rule: 'spring.hikari-connection-timeout',
    input: 'spring:\n  datasource:\n    hikari:\n      connection-timeout: 120000\n', fixed: 'spring:\n  datasource:\n    hikari:\n      connection-timeout: 30000\n' },
  { name: 'legacy enabled-protocols in properties', kind: 'spring-properties', rule: 'spring.tls-protocols-legacy',
    input: 'server.ssl.enabled-protocols=TLSv1.1,TLSv1.2\n', fixed: 'server.ssl.enabled-protocols=TLSv1.2,TLSv1.3\n' },
  { name: 'legacy enabled-protocols as a YAML block list', kind: 'spring-yaml', rule: 'spring.tls-protocols-legacy',
    input: 'server:\n  ssl:\n    enabled-protocols:\n      - TLSv1\n      - TLSv1.2\n  port: 8443\n',
    fixed: 'server:\n  ssl:\n    enabled-protocols:\n      - TLSv1.2\n      - TLSv1.3\n  port: 8443\n' },
  { name: 'legacy enabled-protocols as a YAML flow list', kind: 'spring-yaml', rule: 'spring.tls-protocols-legacy',
    input: 'server.ssl.enabled-protocols: [TLSv1, TLSv1.2] # old\n', fixed: 'server.ssl.enabled-protocols: [TLSv1.2, TLSv1.3] # old\n' },
  { name: 'MySQL max_connections below default', kind: 'mysql', rule: 'mysql.max-connections-low',
    input: '[client]\nport = 3306\n\n[mysqld]\nmax_connections = 50 # small box\n', fixed: '[client]\nport = 3306\n\n[mysqld]\nmax_connections = 151 # small box\n' },
  { name: 'MySQL default max_connections below what the pools need', kind: 'mysql', rule: 'mysql.max-connections-low',
    input: '[mysqld]\nport = 3306\n', others: [{ path: '/srv/app/application.properties', text: 'spring.datasource.url=jdbc:mysql://db/inv\nspring.datasource.hikari.maximum-pool-size=40\ninvoice-doctor.instances=5\n' }],
    fixed: '[mysqld]\nmax_connections = 200\nport = 3306\n' },
  { name: 'PostgreSQL max_connections below default', kind: 'postgres', rule: 'postgres.max-connections-low',
    input: "listen_addresses = '*'\nmax_connections = 20\t\t# (change requires restart)\n", fixed: "listen_addresses = '*'\nmax_connections = 100\t\t# (change requires restart)\n" },
  { name: 'somaxconn', kind: 'sysctl', rule: 'sysctl.somaxconn-low', input: '# tuning\nnet.core.somaxconn = 128\n', fixed: '# tuning\nnet.core.somaxconn = 4096\n' },
  { name: 'syn backlog with slashes', kind: 'sysctl', rule: 'sysctl.syn-backlog-low', input: 'net/ipv4/tcp_max_syn_backlog=256\n', fixed: 'net/ipv4/tcp_max_syn_backlog=4096\n' },
  { name: 'Tomcat sslEnabledProtocols', kind: 'tomcat', rule: 'tomcat.tls-protocols-legacy',
    input: '<Server>\n  <Service name="Catalina">\n    <Connector port="8443" SSLEnabled="true" sslEnabledProtocols="TLSv1,TLSv1.1,TLSv1.2"/>\n  </Service>\n</Server>\n',
    fixed: '<Server>\n  <Service name="Catalina">\n    <Connector port="8443" SSLEnabled="true" sslEnabledProtocols="TLSv1.2,TLSv1.3"/>\n  </Service>\n</Server>\n' },
  { name: 'Tomcat SSLHostConfig protocols=all', kind: 'tomcat', rule: 'tomcat.tls-protocols-legacy',
    input: '<Server><Service name="s"><Connector port="8443"><SSLHostConfig protocols="all"/></Connector></Service></Server>\n',
    fixed: '<Server><Service name="s"><Connector port="8443"><SSLHostConfig protocols="TLSv1.2,TLSv1.3"/></Connector></Service></Server>\n' },
  { name: 'Tomcat maxThreads', kind: 'tomcat', rule: 'tomcat.max-threads',
    input: '<Server><Service name="s"><Connector port="8080" maxThreads="10"/></Service></Server>\n',
    fixed: '<Server><Service name="s"><Connector port="8080" maxThreads="200"/></Service></Server>\n' },
  { name: 'Apache SSLProtocol all -SSLv3', kind: 'apache', rule: 'apache.ssl-protocol-legacy',
    input: '<VirtualHost *:443>\n    SSLEngine on\n    SSLProtocol all -SSLv3\n</VirtualHost>\n', fixed: '<VirtualHost *:443>\n    SSLEngine on\n    SSLProtocol -all +TLSv1.2 +TLSv1.3\n</VirtualHost>\n' },
  { name: '.env NODE_TLS_REJECT_UNAUTHORIZED=0', kind: 'dotenv', rule: 'node.tls-verify-disabled',
    input: 'API_URL=https://gw.example.com\nNODE_TLS_REJECT_UNAUTHORIZED="0"\nDEBUG=1\n', fixed: 'API_URL=https://gw.example.com\nDEBUG=1\n' },
  { name: 'rejectUnauthorized: false', kind: 'javascript', rule: 'node.tls-verify-disabled',
    input: 'const agent = new https.Agent({ rejectUnauthorized: false }); // TODO\n', fixed: 'const agent = new https.Agent({ rejectUnauthorized: true }); // TODO\n' },
  { name: 'pool x instances above max_connections', kind: 'spring-properties', rule: 'cross.pool-exceeds-db-connections', others: [MYSQL_SMALL],
    input: 'spring.datasource.url=jdbc:mysql://db/inv\nspring.datasource.hikari.maximum-pool-size=30\n# invoice-doctor.instances=4\n',
    fixed: 'spring.datasource.url=jdbc:mysql://db/inv\nspring.datasource.hikari.maximum-pool-size=25\n# invoice-doctor.instances=4\n' },
  { name: 'default max-lifetime against a short wait_timeout inserts the key', kind: 'spring-yaml', rule: 'cross.max-lifetime-exceeds-wait-timeout', others: [MYSQL_SMALL],
    input: 'spring:\n  datasource:\n    url: jdbc:mysql://db/inv\n    hikari:\n      maximum-pool-size: 5\n',
    fixed: 'spring:\n  datasource:\n    url: jdbc:mysql://db/inv\n    hikari:\n      maximum-pool-size: 5\n      max-lifetime: 570000\n' },
];

function lint(c: RuleCase, text: string) {
  const context = buildWorkspaceContext(c.others ?? [], c.settings);
  return lintText(c.kind, text, { path: `/srv/app/${c.kind}`, settings: c.settings, context }).filter((f) => f.rule === c.rule);
}

describe('config rules: each fires, explains itself, and its fix gives the expected text', () => {
  it('every rule of the catalog has a case here (parse-error has its own suite)', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    assert.deepEqual(RULE_CATALOG.map((r) => r.id).filter((id) => id !== 'parse-error' && !covered.has(id)), []);
  });

  it('every rule has its docs page with the four sections', () => {
    for (const rule of RULE_CATALOG) {
      const page = readFileSync(join(__dirname, '..', '..', '..', rule.docsPath), 'utf8');
      for (const heading of ['## What it finds', '## Why it breaks invoice traffic', '## The fix', '## How to suppress']) assert.ok(page.includes(heading), `${rule.docsPath}: ${heading}`);
    }
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      const findings = lint(c, c.input);
      assert.ok(findings.length > 0, `${c.rule} should fire`);
      for (const f of findings) {
        assert.ok(f.message.length > 60, 'message explains the failure');
        assert.ok(f.range.start.line >= 1 && f.range.start.column >= 1);
      }
      if (c.fixed === undefined) return;
      const fixed = applyPreferredFixes(c.input, findings);
      assert.equal(fixed, c.fixed);
      assert.deepEqual(lint(c, fixed).filter((f) => f.fixable).map((f) => f.message), [], 'relinting the fixed text finds nothing fixable for this rule');
    });
  }
});
