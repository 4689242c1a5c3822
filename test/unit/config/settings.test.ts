import { strict as assert } from 'node:assert';
import { lintText } from '../../../src/core/config/lint';
import { applyEdits } from '../../../src/core/config/applyEdits';
import { fixAll } from '../../../src/core/config/fixAll';

describe('config lint settings, suppression comments and edit plumbing', () => {
  const nginx = 'location / {\n    proxy_pass https://gw.example.com;\n}\n';

  it('disabledRules drops a rule; severityOverrides changes its severity', () => {
    assert.deepEqual(lintText('nginx', nginx, { settings: { disabledRules: ['nginx.proxy-timeouts'] } }).map((f) => f.rule), ['nginx.proxy-ssl-server-name']);
    const overridden = lintText('nginx', nginx, { settings: { severityOverrides: { 'nginx.proxy-ssl-server-name': 'info' } } });
    assert.equal(overridden.find((f) => f.rule === 'nginx.proxy-ssl-server-name')?.severity, 'info');
  });

  it('suppression comments in each format silence the next line only, for the rules named', () => {
    const cases: [Parameters<typeof lintText>[0], string][] = [
      ['nginx', 'location / {\n    # invoice-doctor-disable-next-line nginx.proxy-ssl-server-name nginx.proxy-timeouts\n    proxy_pass https://gw.example.com;\n}\n'],
      ['spring-properties', '# invoice-doctor-disable-next-line spring.tls-protocols-legacy\nserver.ssl.enabled-protocols=TLSv1\n'],
      ['spring-yaml', 'server:\n  ssl:\n    # invoice-doctor-disable-next-line\n    enabled-protocols: TLSv1\n'],
      ['mysql', '[mysqld]\n; invoice-doctor-disable-next-line mysql.max-connections-low\nmax_connections = 10\n'],
      ['sysctl', '# invoice-doctor-disable-next-line sysctl.somaxconn-low\nnet.core.somaxconn = 1\n'],
      ['tomcat', '<Server>\n<!-- invoice-doctor-disable-next-line tomcat.max-threads -->\n<Connector maxThreads="5"/>\n</Server>\n'],
      ['apache', '# invoice-doctor-disable-next-line apache.ssl-protocol-legacy\nSSLProtocol all\n'],
      ['dotenv', '# invoice-doctor-disable-next-line node.tls-verify-disabled\nNODE_TLS_REJECT_UNAUTHORIZED=0\n'],
      ['javascript', '// invoice-doctor-disable-next-line node.tls-verify-disabled\nconst o = { rejectUnauthorized: false };\n'],
    ];
    for (const [kind, text] of cases) assert.deepEqual(lintText(kind, text), [], kind);
    const otherRule = '# invoice-doctor-disable-next-line sysctl.syn-backlog-low\nnet.core.somaxconn = 1\n';
    assert.equal(lintText('sysctl', otherRule).length, 1, 'a different rule id does not suppress');
    assert.equal(lintText('sysctl', 'x.y = "# invoice-doctor-disable-next-line"\nnet.core.somaxconn = 1\n').length, 1, 'not a comment, not a suppression');
  });

  it('commented-out JavaScript is not reported', () => {
    assert.deepEqual(lintText('javascript', '/* rejectUnauthorized: false */\n// rejectUnauthorized: false\nconst s = "// not a comment"; const o = { rejectUnauthorized: false };\n').map((f) => f.range.start.line), [3]);
  });

  it('snippet fixes are never applied by fixAll; edits at one offset apply in order', () => {
    const findings = lintText('nginx', 'location / {\n    proxy_ssl_verify off;\n}\n');
    assert.equal(findings[0].fixes[0].snippet, true);
    assert.match(findings[0].fixes[0].edits[0].newText, /\$\{1:\/etc\/ssl\/certs\/ca-certificates\.crt\}/);
    assert.equal(fixAll('location / {\n    proxy_ssl_verify off;\n}\n', findings).applied.length, 0);
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, newText: 'X' }, { start: 1, end: 1, newText: 'Y' }, { start: 0, end: 1, newText: 'A' }]), 'AXYb');
    assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]));
  });
});
