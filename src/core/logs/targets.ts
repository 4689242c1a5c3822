/**
 * The peer a failure concerns (upstream address, host, endpoint), as the usual clients
 * name it in their messages. Findings count per target, so "everything fails" and "one
 * upstream of three fails" read differently.
 */
const TARGET_PATTERNS: RegExp[] = [
  /host='([^']+)', port=(\d+)/, // urllib3
  /connection to server at "([^"]+)" \([^)]*\), port (\d+)/, // libpq >= 14
  /server on host "([^"]+)" \([^)]*\) and accepting\s+TCP\/IP connections on port (\d+)/, // libpq <= 13
  /Can't connect to MySQL server on '([^']+)'/,
  /Connection to ([\w.-]+:\d+) refused/, // PgJDBC
  /(?:lookup|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)) ([\w.-]+)/,
  /could not translate host name "([^"]+)"/,
  /attempted address: ([\w.-]+:\d{1,5})\b/, // undici
  /(?:^|[\s(/'"=@])((?:\d{1,3}\.){3}\d{1,3}:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5})\b/,
  /\b(?:https?|wss?):\/\/([^/\s"'<>?]+)/,
];

export function extractTarget(text: string): string | undefined {
  for (const pattern of TARGET_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[2] ? `${match[1]}:${match[2]}` : match[1];
  }
  return undefined;
}

/** `http://10.0.0.1:8080/path` or `10.0.0.1:8080` (nginx's upstream field) as `10.0.0.1:8080`. */
export function upstreamAddress(upstream: string): string {
  const withoutScheme = upstream.replace(/^[a-z][\w+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  return slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
}
