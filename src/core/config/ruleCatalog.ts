import type { ConfigKind, Severity } from './findings';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  title: string;
  /** Repository-relative page; the extension links diagnostics' `code` to it. */
  docsPath: string;
  kinds: readonly ConfigKind[];
}

const rule = (id: string, defaultSeverity: Severity, title: string, kinds: readonly ConfigKind[]): RuleInfo => ({
  id, defaultSeverity, title, docsPath: `docs/rules/${id}.md`, kinds,
});

const SPRING: readonly ConfigKind[] = ['spring-properties', 'spring-yaml'];
const ALL_KINDS: readonly ConfigKind[] = ['nginx', 'spring-properties', 'spring-yaml', 'mysql', 'postgres', 'sysctl', 'tomcat', 'apache', 'dotenv', 'javascript'];

/** Stable rule ids (CONTRACT.md §4 plus additions). Never rename one: settings and suppressions refer to them. */
export const RULES = {
  parseError: rule('parse-error', 'error', 'The file could not be parsed', ALL_KINDS),
  nginxSslProtocolsLegacy: rule('nginx.ssl-protocols-legacy', 'error', 'nginx enables SSLv3, TLS 1.0 or TLS 1.1', ['nginx']),
  nginxSslCiphersWeak: rule('nginx.ssl-ciphers-weak', 'warning', 'nginx allows weak cipher suites', ['nginx']),
  nginxProxySslServerName: rule('nginx.proxy-ssl-server-name', 'error', 'HTTPS proxy_pass without SNI (proxy_ssl_server_name)', ['nginx']),
  nginxProxySslVerifyOff: rule('nginx.proxy-ssl-verify-off', 'warning', 'nginx does not verify the upstream certificate', ['nginx']),
  nginxUpstreamKeepalive: rule('nginx.upstream-keepalive', 'warning', 'Upstream connections are not kept alive', ['nginx']),
  nginxProxyTimeouts: rule('nginx.proxy-timeouts', 'warning', 'Proxy timeouts that cannot work or are left at defaults', ['nginx']),
  nginxWorkerConnectionsLow: rule('nginx.worker-connections-low', 'warning', 'Too few worker connections or open files', ['nginx']),
  nginxResolverMissing: rule('nginx.resolver-missing', 'error', 'proxy_pass with a variable host but no resolver', ['nginx']),
  springHikariPoolSize: rule('spring.hikari-pool-size', 'warning', 'HikariCP pool larger than the database can use', SPRING),
  springHikariMaxLifetime: rule('spring.hikari-max-lifetime', 'warning', 'HikariCP max-lifetime outlives idle timeouts', SPRING),
  springHikariConnectionTimeout: rule('spring.hikari-connection-timeout', 'warning', 'HikariCP connection-timeout invalid or hiding outages', SPRING),
  springTlsProtocolsLegacy: rule('spring.tls-protocols-legacy', 'error', 'Spring Boot server enables legacy TLS', SPRING),
  mysqlMaxConnectionsLow: rule('mysql.max-connections-low', 'warning', 'MySQL max_connections below what the pools need', ['mysql']),
  postgresMaxConnectionsLow: rule('postgres.max-connections-low', 'warning', 'PostgreSQL max_connections below what the pools need', ['postgres']),
  sysctlSomaxconnLow: rule('sysctl.somaxconn-low', 'warning', 'net.core.somaxconn too low for bursts', ['sysctl']),
  sysctlSynBacklogLow: rule('sysctl.syn-backlog-low', 'warning', 'net.ipv4.tcp_max_syn_backlog too low for bursts', ['sysctl']),
  tomcatTlsProtocolsLegacy: rule('tomcat.tls-protocols-legacy', 'error', 'Tomcat connector enables legacy TLS', ['tomcat']),
  tomcatMaxThreads: rule('tomcat.max-threads', 'warning', 'Tomcat maxThreads too low for invoice bursts', ['tomcat']),
  apacheSslProtocolLegacy: rule('apache.ssl-protocol-legacy', 'error', 'Apache httpd enables legacy TLS', ['apache']),
  nodeTlsVerifyDisabled: rule('node.tls-verify-disabled', 'error', 'Node.js certificate verification disabled', ['dotenv', 'javascript']),
  crossPoolExceedsDbConnections: rule('cross.pool-exceeds-db-connections', 'error', 'Connection pools exceed the database max_connections', SPRING),
  crossMaxLifetimeExceedsWaitTimeout: rule('cross.max-lifetime-exceeds-wait-timeout', 'error', 'HikariCP max-lifetime not shorter than the database idle timeout', SPRING),
} as const satisfies Record<string, RuleInfo>;

export const RULE_CATALOG: readonly RuleInfo[] = Object.values(RULES);

export function findRule(id: string): RuleInfo | undefined {
  return RULE_CATALOG.find((r) => r.id === id);
}
