import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `invoice-doctor lint` over a generated tree of 1,000 config files of mixed kinds (nginx
 * sites with includes, Spring properties/YAML, my.cnf, postgresql.conf, sysctl, server.xml,
 * Apache, .env), through the built CLI as a user runs it. Reports wall time and files/s.
 * Run directly: `npx tsx bench/lint.ts` (builds dist/cli.js first).
 */
const REPO = join(__dirname, '..');
const FILES = 1000;

const GENERATORS: ((i: number) => [string, string])[] = [
  (i) => [`nginx/sites-enabled/site${i}.conf`, `# site ${i}\nserver {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n    ssl_ciphers "HIGH:RC4:!MD5";\n    location /api/ {\n        proxy_pass https://gw${i}.example.com/api/;\n        proxy_connect_timeout 120s;\n    }\n    location /erp/ {\n        proxy_set_header Host $host;\n        proxy_pass http://erp_backend;\n    }\n}\n`],
  (i) => [`app${i}/src/main/resources/application.properties`, `spring.datasource.url=jdbc:mysql://db/inv\nspring.datasource.hikari.maximum-pool-size=${10 + (i % 40)}\nspring.datasource.hikari.connection-timeout=${i % 2 ? 100 : 30000}\n# invoice-doctor.instances=2\nserver.ssl.enabled-protocols=TLSv1.1,TLSv1.2\n`],
  (i) => [`svc${i}/application.yml`, `spring:\n  datasource:\n    url: jdbc:postgresql://db/inv\n    hikari:\n      maximum-pool-size: ${5 + (i % 30)}\n      max-lifetime: 0\nserver:\n  ssl:\n    enabled-protocols:\n      - TLSv1\n      - TLSv1.2\n`],
  (i) => [`db${i}/my.cnf`, `[client]\nport = 3306\n\n[mysqld]\nmax_connections = ${50 + i}\nwait_timeout = 600\n`],
  (i) => [`pg${i}/postgresql.conf`, `listen_addresses = '*'\nmax_connections = ${20 + (i % 200)}   # restart\nshared_buffers = 128MB\n`],
  (i) => [`host${i}/sysctl.d/60-net.conf`, `net.core.somaxconn = ${64 * (1 + (i % 20))}\nnet.ipv4.tcp_max_syn_backlog = 256\n`],
  (i) => [`tomcat${i}/conf/server.xml`, `<?xml version="1.0"?>\n<Server port="8005">\n  <!-- connector -->\n  <Service name="Catalina">\n    <Connector port="8443" maxThreads="${i % 100}" SSLEnabled="true">\n      <SSLHostConfig protocols="all"/>\n    </Connector>\n  </Service>\n</Server>\n`],
  (i) => [`apache${i}/httpd.conf`, `ServerRoot "/etc/httpd"\n<VirtualHost *:443>\n    SSLEngine on\n    SSLProtocol all -SSLv3\n</VirtualHost>\n`],
  (i) => [`node${i}/.env`, `API_URL=https://gw${i}.example.com\nNODE_TLS_REJECT_UNAUTHORIZED=${i % 2}\n`],
];

function generateTree(root: string): void {
  mkdirSync(join(root, 'nginx'), { recursive: true });
  writeFileSync(join(root, 'nginx', 'nginx.conf'), 'events { worker_connections 512; }\nhttp {\n    upstream erp_backend { server 127.0.0.1:8080; }\n    include sites-enabled/*.conf;\n}\n');
  for (let i = 1; i < FILES; i++) {
    const [path, text] = GENERATORS[i % GENERATORS.length](i);
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export async function benchLint(): Promise<Record<string, unknown>> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  const root = mkdtempSync(join(tmpdir(), 'invoice-doctor-bench-lint-'));
  try {
    generateTree(root);
    const runs: number[] = [];
    let document: { findings: unknown[] } = { findings: [] };
    for (let run = 0; run < 3; run++) {
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'lint', root, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.status !== 1) throw new Error(`lint exited ${result.status}: ${result.stderr}`);
      document = JSON.parse(result.stdout) as { findings: unknown[] };
    }
    const best = Math.min(...runs);
    return {
      files: FILES,
      findings: document.findings.length,
      wallMsRuns: runs.map((ms) => Math.round(ms)),
      bestWallMs: Math.round(best),
      filesPerSecond: Math.round((FILES / best) * 1000),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchLint().then((result) => console.log(JSON.stringify(result, null, 2)));
}
