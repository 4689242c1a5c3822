import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Synthetic nginx error and access logs and Spring Boot application logs of a given size for the
 * benchmark: mostly ordinary lines (static-file misses, rate limiting, inbound TLS noise,
 * 200/304/404 answers, INFO lines) and a few percent of real failures of several kinds (in the
 * application log with their stack traces), one second apart in time.
 */
const ERROR_NOISE = [
  'open() "/var/www/html/favicon.ico" failed (2: No such file or directory), client: 10.1.%d.7, server: shop.example.com, request: "GET /favicon.ico HTTP/1.1", host: "shop.example.com"',
  'SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 192.0.2.%d, server: 0.0.0.0:443',
  'limiting requests, excess: 1.495 by zone "one", client: 192.0.2.%d, server: shop.example.com, request: "GET /index.php HTTP/1.1", host: "shop.example.com"',
  'an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/%d while reading upstream, client: 10.1.2.3, server: shop.example.com, request: "GET /report.pdf HTTP/1.1", upstream: "http://10.2.0.11:8080/report.pdf", host: "shop.example.com"',
];
const ERROR_FAILURES = [
  'connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.%d.9, server: shop.example.com, request: "POST /api/v3/invoices HTTP/1.1", upstream: "http://10.2.0.11:8080/api/v3/invoices", host: "shop.example.com"',
  'upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.1.%d.9, server: shop.example.com, request: "POST /api/v3/invoices HTTP/1.1", upstream: "https://203.0.113.40:443/api/v3/invoices", host: "shop.example.com"',
  'no live upstreams while connecting to upstream, client: 10.1.%d.9, server: shop.example.com, request: "POST /api/v3/invoices HTTP/1.1", upstream: "http://invoice_api/api/v3/invoices", host: "shop.example.com"',
  'upstream SSL certificate verify error: (20:unable to get local issuer certificate) while SSL handshaking to upstream, client: 10.1.%d.9, server: shop.example.com, request: "POST /api/v3/invoices HTTP/1.1", upstream: "https://203.0.113.40:443/api/v3/invoices", host: "shop.example.com"',
  'recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 10.1.%d.9, server: shop.example.com, request: "GET /api/v3/status HTTP/1.1", upstream: "http://10.2.0.12:8080/api/v3/status", host: "shop.example.com"',
];
// Spring Boot application log: ordinary INFO/DEBUG lines, and failures with their stack traces.
const APP_NOISE = [
  'INFO 4711 --- [nio-8080-exec-%d] c.e.invoice.InvoiceController            : Invoice %d accepted, 12 lines, total 1190.00 EUR',
  'DEBUG 4711 --- [nio-8080-exec-%d] o.s.web.servlet.DispatcherServlet        : Completed 200 OK for POST /api/invoices/%d',
  'INFO 4711 --- [   scheduling-1] c.e.invoice.OutboxPublisher              : Published %d outbox events in 14 ms',
  'WARN 4711 --- [nio-8080-exec-%d] c.e.invoice.ValidationService            : Invoice %d: buyer reference missing, using order number',
];
const APP_FAILURES = [
  'ERROR 4711 --- [nio-8080-exec-%d] c.e.invoice.GatewayClient                : Submitting invoice %d failed\norg.springframework.web.client.ResourceAccessException: I/O error on POST request for "https://einvoice.example.com/v1/invoices": Connection refused\n\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)\nCaused by: java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)\n\t... 42 common frames omitted',
  'WARN 4711 --- [nio-8080-exec-%d] com.zaxxer.hikari.pool.PoolBase          : HikariPool-1 - Failed to validate connection org.postgresql.jdbc.PgConnection@%d (This connection has been closed.)',
  'ERROR 4711 --- [nio-8080-exec-%d] o.h.engine.jdbc.spi.SqlExceptionHelper   : HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=%d)',
];
const STATUSES = [200, 200, 200, 200, 200, 200, 304, 404, 200, 301];
const FAILURE_STATUSES = [502, 504, 503, 500];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface GeneratedLog {
  path: string;
  bytes: number;
  lines: number;
  failureLines: number;
}

export async function generateLog(path: string, kind: 'error' | 'access' | 'app', targetBytes: number, failureRate = 0.02): Promise<GeneratedLog> {
  const out = createWriteStream(path);
  let bytes = 0;
  let lines = 0;
  let failureLines = 0;
  let random = 12345;
  const next = () => ((random = (random * 1103515245 + 12345) % 2147483648) / 2147483648);
  const start = Date.UTC(2025, 0, 20, 0, 0, 0);
  let batch: string[] = [];
  while (bytes < targetBytes) {
    const time = new Date(start + lines * 1000);
    const failure = next() < failureRate;
    const n = lines % 250;
    let line: string;
    if (kind === 'error') {
      const pad = (v: number) => String(v).padStart(2, '0');
      const stamp = `${time.getUTCFullYear()}/${pad(time.getUTCMonth() + 1)}/${pad(time.getUTCDate())} ${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())}`;
      const pool = failure ? ERROR_FAILURES : ERROR_NOISE;
      const message = pool[lines % pool.length].replace('%d', String(n));
      line = `${stamp} [${failure ? 'error' : 'warn'}] 1234#1234: *${lines} ${message}`;
    } else if (kind === 'app') {
      const pool = failure ? APP_FAILURES : APP_NOISE;
      line = `${time.toISOString().replace('T', ' ').replace('Z', '')}  ${pool[lines % pool.length].replace('%d', String(n % 10)).replace('%d', String(lines))}`;
    } else {
      const pad = (v: number) => String(v).padStart(2, '0');
      const stamp = `${pad(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}:${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} +0000`;
      const status = failure ? FAILURE_STATUSES[lines % FAILURE_STATUSES.length] : STATUSES[lines % STATUSES.length];
      line = `10.1.${n}.${lines % 200} - - [${stamp}] "POST /api/v3/invoices/${lines} HTTP/1.1" ${status} ${512 + n} "https://shop.example.com/checkout" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36" 0.${String(n).padStart(3, '0')}`;
    }
    if (failure) failureLines++;
    lines++;
    bytes += line.length + 1;
    batch.push(line);
    if (batch.length === 2000) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length) out.write(`${batch.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return { path, bytes, lines, failureLines };
}
