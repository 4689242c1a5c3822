/**
 * Scrubbing of secrets from anything that leaves core: probe results, log lines, reports.
 * Two nets: the exact values that were substituted for `${secret:…}` (the caller knows them),
 * and well-known credential shapes (Authorization headers, Bearer tokens, passwords in URLs,
 * `password=`/`token:` assignments in configs and bodies) for values nobody told us about.
 */
export const REDACTED = '«redacted»';

const CREDENTIAL_HEADER = /\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key)(\s*[:=]\s*)([^\r\n]+)/gi;
const BEARER_TOKEN = /\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{6,}/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;
/** `spring.datasource.password=…`, `"token": "…"`, `DB_PASSWORD: …`; not `${secret:NAME}` placeholders. */
const SECRET_ASSIGNMENT = /(?<!\$\{)\b([\w.-]*(?:password|passwd|secret|token|passphrase|api[-_]?key|access[-_]?key)[\w.-]*["']?\s*[:=]\s*["']?)(?!\$\{)[^\s"',;}]+/gi;

/** Header names whose values are credentials whatever they contain. */
export const SECRET_HEADER_NAMES: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'];

/** Replaces every known secret value and every credential-shaped fragment in `text`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
  }
  return result
    .replace(CREDENTIAL_HEADER, (_m, name: string, separator: string) => `${name}${separator}${REDACTED}`)
    .replace(BEARER_TOKEN, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(URL_PASSWORD, (_m, prefix: string) => `${prefix}${REDACTED}@`)
    .replace(SECRET_ASSIGNMENT, (match, prefix: string) => (match.endsWith(REDACTED) ? match : `${prefix}${REDACTED}`));
}

/**
 * A deep copy of `value` with every string redacted, and the values of credential-named keys
 * (e.g. a `headers.Authorization` entry, a `passphrase`) replaced outright.
 */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [
      key,
      isCredentialKey(key) && typeof item === 'string' && item !== '' ? REDACTED : redactValue(item, secrets),
    ]));
  }
  return value;
}

function isCredentialKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_HEADER_NAMES.includes(lower) || lower === 'passphrase' || lower === 'password';
}
