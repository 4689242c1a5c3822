import { basename } from 'node:path';
import type { ConfigKind } from './findings';

const NGINX_CONTENT = /^\s*(http|server|events|stream)\s*\{|^\s*(upstream|location|map)\s+[^\n{;]*\{|^\s*proxy_pass\s|^# configuration file .+:\r?$/m;
const APACHE_CONTENT = /^\s*(<VirtualHost|<IfModule|<Directory|SSLProtocol\s|SSLEngine\s|LoadModule\s|ServerRoot\s|DocumentRoot\s)/im;
const MYSQL_CONTENT = /^\s*\[(mysqld|mysqld_safe|mariadb|mariadbd|server|client|mysql|mysqldump)\]/m;
const JS_CONTENT = /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED/;
const SCRIPT = /\.(m|c)?(j|t)sx?$/;

/**
 * Which linter a file gets, from its name first and its content when the name is generic
 * (`*.conf` is nginx, Apache, sysctl or MySQL depending on where it lives and what it says).
 * Undefined means "not a config file this tool knows".
 */
export function detectKind(path: string, text = ''): ConfigKind | undefined {
  const name = basename(path).toLowerCase();
  const posix = path.replace(/\\/g, '/').toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
  if (/^(application|bootstrap)([-.].*)?\.properties$/.test(name)) return 'spring-properties';
  if (/^(application|bootstrap)([-.].*)?\.ya?ml$/.test(name)) return 'spring-yaml';
  if (name === 'postgresql.conf' || name === 'postgresql.auto.conf') return 'postgres';
  if (name === 'sysctl.conf' || (/\/sysctl\.d\//.test(posix) && name.endsWith('.conf'))) return 'sysctl';
  if (name === 'my.cnf' || name === 'mysqld.cnf' || name === 'mariadb.cnf' || (name.endsWith('.cnf') && MYSQL_CONTENT.test(text))) return 'mysql';
  if (name === 'server.xml' || (name.endsWith('.xml') && /<Server[\s>]/.test(text) && /<Connector\s/.test(text))) return 'tomcat';
  if (name === 'httpd.conf' || name === 'apache2.conf') return 'apache';
  if (name === 'nginx.conf' || name.endsWith('.nginx')) return 'nginx';
  if (name.endsWith('.conf')) {
    if (APACHE_CONTENT.test(text)) return 'apache';
    if (NGINX_CONTENT.test(text) || /\/(nginx|sites-available|sites-enabled|conf\.d)\//.test(posix) && /;\s*(#.*)?$/m.test(text)) return 'nginx';
    return undefined;
  }
  if (SCRIPT.test(name) && !name.endsWith('.d.ts') && JS_CONTENT.test(text)) return 'javascript';
  return undefined;
}

/** Names worth reading when searching a folder (content decides the rest in detectKind). */
export function isCandidateName(name: string): boolean {
  const lower = name.toLowerCase();
  return /\.(conf|cnf|properties|ya?ml|xml|nginx|(m|c)?(j|t)sx?)$/.test(lower) || lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env');
}
