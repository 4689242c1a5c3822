/**
 * The TLS settings this linter recommends: Mozilla's "intermediate" server profile
 * (ssl-config.mozilla.org, guideline 5.7), which every current client and e-invoicing
 * gateway supports, and the protocol names that count as legacy.
 */
export const MOZILLA_INTERMEDIATE = {
  protocols: ['TLSv1.2', 'TLSv1.3'],
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
    'DHE-RSA-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
} as const;

const LEGACY = new Set(['sslv2', 'sslv3', 'sslv2hello', 'tlsv1', 'tlsv1.0', 'tlsv1.1']);

export function isLegacyProtocol(name: string): boolean {
  return LEGACY.has(name.replace(/^[+]/, '').toLowerCase());
}

/** OpenSSL cipher-string elements that enable broken or unauthenticated suites. */
const WEAK_PARTS = new Set(['RC4', 'DES', '3DES', 'CBC3', 'MD5', 'NULL', 'ENULL', 'ANULL', 'EXPORT', 'EXP', 'EXPORT40', 'EXPORT56', 'ADH', 'AECDH', 'LOW', 'MEDIUM', 'RC2']);

/** The weak elements a cipher string enables (empty when it is acceptable). */
export function weakCipherElements(cipherString: string): string[] {
  const elements = cipherString.split(/[:,\s]+/).filter(Boolean);
  const excluded = new Set(elements.filter((e) => e.startsWith('!') || e.startsWith('-')).map((e) => e.slice(1).toUpperCase()));
  const weak: string[] = [];
  for (const element of elements) {
    if (/^[!\-+@]/.test(element)) continue;
    const parts = element.toUpperCase().split(/[-+_]/);
    if (parts.some((p) => WEAK_PARTS.has(p) && !excluded.has(p))) weak.push(element);
    // Aliases such as HIGH or EECDH+AESGCM (no `-`/`_`, unlike suite names) also select
    // anonymous, unauthenticated suites unless `!aNULL` removes them.
    else if (!/[-_]/.test(element) && !excluded.has('ANULL')) weak.push(`${element} (without !aNULL)`);
  }
  return weak;
}
