/**
 * The logs and configs a real deployment would have around some demo failures, written next to
 * the demo gateway so Diagnose Endpoint has every source to correlate: nginx error logs that
 * record the same failure as the probe, an application log whose pool runs dry while the
 * gateway is slow, and the configs behind them. Times are relative to now, so the events fall
 * inside the diagnosis window whenever the demo runs.
 */
export interface DemoEvidenceFiles {
  /** File name → content; listed in the endpoint's `logs`. */
  logs?: Record<string, string>;
  /** File name → content; listed in the endpoint's `configs`. */
  configs?: Record<string, string>;
}

export interface DemoEvidenceContext {
  /** `127.0.0.1:PORT` of the scenario's server. */
  target: string;
  now: Date;
}

const MINUTE = 60_000;
/** Minutes before now of each burst of failures, and how many events each holds. */
const BURSTS: readonly [minutesAgo: number, events: number][] = [[170, 4], [125, 9], [95, 3], [61, 12], [33, 6], [7, 5]];
/** A target of another service: its failures are in the same log but not about this endpoint. */
const OTHER_UPSTREAM = '10.20.0.15:8080';

export function nginxErrorLog(context: DemoEvidenceContext, message: string, request = 'POST /api/v3/invoices HTTP/1.1'): string {
  const lines: string[] = [];
  let connection = 48_201;
  for (const [minutesAgo, events] of BURSTS) {
    for (let i = 0; i < events; i++) {
      const time = new Date(context.now.getTime() - minutesAgo * MINUTE + i * 4000);
      lines.push(`${nginxTime(time)} [error] 2817#2817: *${connection++} ${message}, client: 10.0.3.21, server: invoices.internal, request: "${request}", upstream: "https://${context.target}/api/v3/invoices", host: "invoices.internal"`);
    }
  }
  // Noise about another upstream, which the diagnosis must leave out.
  const noise = new Date(context.now.getTime() - 50 * MINUTE);
  lines.push(`${nginxTime(noise)} [error] 2817#2817: *${connection} connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.3.22, server: invoices.internal, request: "GET /archive HTTP/1.1", upstream: "http://${OTHER_UPSTREAM}/archive", host: "invoices.internal"`);
  return `${lines.sort().join('\n')}\n`;
}

/** HikariCP giving up at the same moments as the gateway timeouts of `nginxErrorLog`. */
export function hikariApplicationLog(context: DemoEvidenceContext): string {
  const lines: string[] = [];
  for (const [minutesAgo, events] of BURSTS) {
    for (let i = 0; i < Math.ceil(events / 2); i++) {
      const time = new Date(context.now.getTime() - minutesAgo * MINUTE + i * 6000 + 2000);
      lines.push(
        `${time.toISOString()} ERROR 4242 --- [invoice-sender-${i + 1}] c.e.invoice.SubmissionJob : Invoice batch failed`,
        `java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=${14 + i})`,
        '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
        '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The nginx in front of the gateway, with the proxy settings that make a slow gateway worse. */
export function proxyConfig(context: DemoEvidenceContext): string {
  return `# Reverse proxy in front of the invoice platform (demo)
events { worker_connections 1024; }
http {
  server {
    listen 127.0.0.1:8080;
    server_name invoices.internal;
    location /api/v3/ {
      proxy_pass https://${context.target};
      proxy_connect_timeout 300s;
      proxy_ssl_verify on;
      proxy_ssl_trusted_certificate /etc/nginx/gateway-ca.pem;
    }
  }
}
`;
}

/** The application's settings: pool size and the gateway URL. The password is planted to show redaction. */
export function applicationProperties(context: DemoEvidenceContext): string {
  return `spring.datasource.url=jdbc:mysql://127.0.0.1:3306/invoices
spring.datasource.username=invoice
spring.datasource.password=demo-db-password-not-real
spring.datasource.hikari.maximum-pool-size=10
spring.datasource.hikari.connection-timeout=30000
invoice.gateway.base-url=https://${context.target}/api/v3
`;
}

/** `2026/11/21 09:12:03`: nginx writes local time without an offset. */
function nginxTime(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}/${pad(time.getMonth() + 1)}/${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`;
}
