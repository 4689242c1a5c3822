import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lintText } from '../../../src/core/config/lint';
import { fixAll } from '../../../src/core/config/fixAll';
import type { ConfigKind } from '../../../src/core/config/findings';
import { untouchedSegments } from './configTestKit';

/**
 * Over many generated files in the shapes real ones take (comments everywhere, tabs or
 * spaces, CRLF or LF, one-line blocks): fixing changes only the edited ranges, keeps the
 * line ending, leaves a file that still parses, and a second fix pass changes nothing.
 */
const indent = fc.constantFrom('', '  ', '    ', '\t', '\t\t');
const comment = fc.constantFrom('', ' # keep me', '  #TODO: "quoted" ; {braces}', ' # ünïcode');
const eol = fc.constantFrom('\n', '\r\n');

const nginxDirective = fc.oneof(
  fc.tuple(fc.subarray(['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], { minLength: 1 })).map(([p]) => `ssl_protocols ${p.join(' ')};`),
  fc.constantFrom('ssl_ciphers "HIGH:RC4:!MD5";', "ssl_ciphers 'EECDH+AESGCM:EDH+AESGCM';", 'ssl_ciphers HIGH:!aNULL:!MD5;'),
  fc.constantFrom('proxy_connect_timeout 90s;', 'proxy_connect_timeout 5s;', 'proxy_read_timeout 2m;', 'client_max_body_size 20m;'),
  fc.constantFrom('proxy_set_header Host $host;', 'set $gw "gw.example.com";', 'return 200 "ok; fine";'),
);

const location = fc.tuple(fc.constantFrom('/', '/api/', '~ ^/v[0-9]+/'), fc.constantFrom('https://gw.example.com', 'http://erp', 'https://$gw', 'http://127.0.0.1:8080'), fc.array(nginxDirective, { maxLength: 3 }), fc.boolean())
  .map(([path, target, extra, oneLine]) => ({ path, target, extra, oneLine }));

const nginxFile = fc.record({ eol, indent, comment, locations: fc.array(location, { minLength: 1, maxLength: 4 }), directives: fc.array(nginxDirective, { maxLength: 4 }), events: fc.boolean(), upstream: fc.boolean() })
  .map(({ eol: nl, indent: unit, comment: note, locations, directives, events, upstream }) => {
    const i1 = unit || '    ';
    const lines: string[] = [`# generated${note}`];
    if (events) lines.push('events {', `${i1}worker_connections 256;${note}`, '}');
    lines.push('http {');
    if (upstream) lines.push(`${i1}upstream erp {`, `${i1}${i1}server 127.0.0.1:8081;${note}`, `${i1}}`);
    for (const d of directives) lines.push(`${i1}${d}${note}`);
    lines.push(`${i1}server {`);
    for (const l of locations) {
      const body = [`proxy_pass ${l.target};`, ...l.extra];
      if (l.oneLine) lines.push(`${i1}${i1}location ${l.path} { ${body.join(' ')} }${note}`);
      else lines.push(`${i1}${i1}location ${l.path} {`, ...body.map((b) => `${i1}${i1}${i1}${b}${note}`), `${i1}${i1}}`);
    }
    lines.push(`${i1}}`, '}', '');
    return lines.join(nl);
  });

const propertiesFile = fc.record({
  eol,
  pool: fc.integer({ min: 1, max: 300 }),
  timeout: fc.integer({ min: 0, max: 100_000 }),
  lifetime: fc.integer({ min: 0, max: 40_000_000 }),
  protocols: fc.subarray(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], { minLength: 1 }),
  separator: fc.constantFrom('=', ' = ', ': ', ' '),
  comment: fc.constantFrom('# note', '! bang comment', '#invoice-doctor.instances=3'),
}).map((p) => [
  p.comment,
  `spring.datasource.url${p.separator}jdbc:mysql://db:3306/inv`,
  `spring.datasource.hikari.maximum-pool-size${p.separator}${p.pool}`,
  `spring.datasource.hikari.connection-timeout${p.separator}${p.timeout}`,
  `spring.datasource.hikari.max-lifetime${p.separator}${p.lifetime}`,
  `server.ssl.enabled-protocols${p.separator}${p.protocols.join(',')}`,
  'logging.level.root=INFO',
  '',
].join(p.eol));

const sysctlFile = fc.record({ eol, a: fc.integer({ min: 0, max: 9000 }), b: fc.integer({ min: 0, max: 9000 }), slash: fc.boolean() })
  .map(({ eol: nl, a, b, slash }) => ['# kernel tuning', `${slash ? 'net/core/somaxconn' : 'net.core.somaxconn'} = ${a}`, '; old style comment', `-net.ipv4.tcp_max_syn_backlog=${b}`, 'vm.swappiness = 10', ''].join(nl));

function checkFixes(kind: ConfigKind, text: string): void {
  const first = lintText(kind, text);
  assert.ok(!first.some((f) => f.rule === 'parse-error'), `generated ${kind} parses: ${first[0]?.message}`);
  const { text: fixed, edits } = fixAll(text, first);
  // Only the edited ranges change: every untouched segment survives, in order.
  let cursor = 0;
  for (const segment of untouchedSegments(text, edits)) {
    const at = fixed.indexOf(segment, cursor);
    assert.ok(at >= 0, `untouched text kept: ${JSON.stringify(segment.slice(0, 40))}`);
    cursor = at + segment.length;
  }
  if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), 'CRLF file stays CRLF');
  const second = lintText(kind, fixed);
  assert.ok(!second.some((f) => f.rule === 'parse-error'), 'fixed file still parses');
  assert.equal(fixAll(fixed, second).text, fixed, 'a second fix pass changes nothing');
}

describe('fixes on generated files: byte-for-byte elsewhere and idempotent', () => {
  it('nginx', () => fc.assert(fc.property(nginxFile, (text) => checkFixes('nginx', text)), { numRuns: 300 }));
  it('Spring properties', () => fc.assert(fc.property(propertiesFile, (text) => checkFixes('spring-properties', text)), { numRuns: 300 }));
  it('sysctl', () => fc.assert(fc.property(sysctlFile, (text) => checkFixes('sysctl', text)), { numRuns: 200 }));
});
