import assert from 'node:assert/strict';
import { createPrefilter } from '../../../src/core/logs/prefilterNeedles';

/** The lines of `lines` that the format's prefilter hands to classification. */
function candidates(format: 'nginx-error' | 'generic', lines: string[]): string[] {
  const prefilter = createPrefilter(format, 64 * 1024, 1024 * 1024);
  const text = `${lines.join('\n')}\n`;
  const length = prefilter.window.write(text, 0, 'utf8');
  const found: string[] = [];
  prefilter.scan(0, length, (lineStart, lineEnd) => found.push(prefilter.window.toString('utf8', lineStart, lineEnd)));
  prefilter.release();
  return found;
}

const HEADER = '2024/05/01 10:00:00 [warn] 7#7: *1 ';

describe('prefilter needles', () => {
  it('skips the nginx "upstream" lines that cannot be findings, and keeps those with evidence or another header', () => {
    const skipped = [
      `${HEADER}an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/42 while reading upstream, client: 10.1.2.3, upstream: "http://10.2.0.11:8080/report.pdf"`,
      `${HEADER}SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 192.0.2.1, server: 0.0.0.0:443`,
      `${HEADER}open() "/var/www/html/favicon.ico" failed (2: No such file or directory), client: 10.1.2.3`,
    ];
    const kept = [
      `${HEADER}upstream timed out (110: Connection timed out) while reading response header from upstream, upstream: "https://203.0.113.40:443/api"`,
      `${HEADER}no live upstreams while connecting to upstream, upstream: "http://invoice_api/api"`,
      `${HEADER}connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://10.2.0.11:8080/api"`,
      `${HEADER}upstream SSL certificate verify error: (20:unable to get local issuer certificate) while SSL handshaking to upstream`,
      `${HEADER}upstream prematurely closed connection while reading response header from upstream`,
      `${HEADER}accept4() failed (24: Too many open files)`,
      `${HEADER}\x1b[31man upstream response is buffered\x1b[0m`,
      `nginx-1  | ${HEADER}an upstream response is buffered to a temporary file`,
      '2024/05/01 10:00:00 [ERROR] upstream connect error or disconnect/reset before headers',
    ];
    assert.deepEqual(candidates('nginx-error', [...skipped, ...kept]), kept);
  });

  it('keeps every "upstream" line in other formats, where nginx\'s rules do not judge it', () => {
    const line = `${HEADER}an upstream response is buffered to a temporary file`;
    assert.deepEqual(candidates('generic', [line, 'INFO all good']), [line]);
  });
});
