/**
 * The endpoint schema of CONTRACT.md §2, shared by the `invoiceDoctor.endpoints` setting,
 * `invoice-doctor.json` and the CLI. Values may still hold `${secret:…}`/`${env:…}`
 * placeholders; see secretResolver.ts for turning them into real values.
 */
export interface EndpointTlsOptions {
  ca?: string | null;
  pfx?: string | null;
  passphrase?: string | null;
  cert?: string | null;
  key?: string | null;
  servername?: string | null;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3' | null;
}

export interface EndpointExpectation {
  status?: number[];
  bodyContains?: string | null;
}

export interface EndpointConfig {
  name: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | null;
  expect?: EndpointExpectation;
  timeoutMs?: number;
  tls?: EndpointTlsOptions;
  /** "system" (environment / editor setting), "none", or a proxy URL. */
  proxy?: string;
  intervalSec?: number;
  clockSkewToleranceSec?: number;
  certWarnDays?: number;
  /** Globs of the logs that record traffic to this endpoint (nginx, application); read by Diagnose Endpoint. */
  logs?: string[];
  /** Globs of the configs behind this endpoint (the nginx that proxies to it, the application's pool settings). */
  configs?: string[];
}

/** Defaults applied wherever a field is absent. */
export const ENDPOINT_DEFAULTS = {
  method: 'GET',
  timeoutMs: 10_000,
  proxy: 'system',
  intervalSec: 60,
  clockSkewToleranceSec: 300,
  certWarnDays: 30,
} as const;

export interface ConfigProblem {
  /** JSON-pointer-like path, e.g. `endpoints[2].url`. */
  path: string;
  message: string;
}

export interface ParsedEndpoints {
  endpoints: EndpointConfig[];
  problems: ConfigProblem[];
}

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * Validates a list of endpoint objects. Invalid entries are dropped and reported, so one typo
 * does not hide every other endpoint.
 */
export function validateEndpoints(raw: unknown, pathPrefix = 'endpoints'): ParsedEndpoints {
  const problems: ConfigProblem[] = [];
  const endpoints: EndpointConfig[] = [];
  if (!Array.isArray(raw)) {
    return { endpoints, problems: [{ path: pathPrefix, message: 'must be an array of endpoint objects' }] };
  }
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const at = `${pathPrefix}[${index}]`;
    const entryProblems = endpointProblems(entry, at);
    if (entryProblems.length === 0) {
      const endpoint = entry as EndpointConfig;
      if (seen.has(endpoint.name)) {
        problems.push({ path: `${at}.name`, message: `duplicate endpoint name "${endpoint.name}"` });
        return;
      }
      seen.add(endpoint.name);
      endpoints.push(endpoint);
    }
    problems.push(...entryProblems);
  });
  return { endpoints, problems };
}

/** Parses the text of an `invoice-doctor.json` file: `{ "endpoints": [ ... ] }`. */
export function parseEndpointsFile(text: string): ParsedEndpoints {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { endpoints: [], problems: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (!isObject(document)) {
    return { endpoints: [], problems: [{ path: '', message: 'must be an object with an "endpoints" array' }] };
  }
  return validateEndpoints(document.endpoints);
}

function endpointProblems(entry: unknown, at: string): ConfigProblem[] {
  if (!isObject(entry)) return [{ path: at, message: 'must be an object' }];
  const problems: ConfigProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ path: `${at}.${field}`, message });

  if (typeof entry.name !== 'string' || entry.name.trim() === '') problem('name', 'is required and must be a non-empty string');
  if (typeof entry.url !== 'string') {
    problem('url', 'is required and must be a string');
  } else {
    const url = safeUrl(entry.url);
    if (!url) problem('url', `"${entry.url}" is not a valid URL`);
    else if (url.protocol !== 'http:' && url.protocol !== 'https:') problem('url', `must be http or https, not ${url.protocol}`);
  }
  optional(entry.method, 'string', () => problem('method', 'must be a string'));
  if (entry.headers !== undefined && !(isObject(entry.headers) && Object.values(entry.headers).every((v) => typeof v === 'string'))) {
    problem('headers', 'must be an object of string values');
  }
  if (entry.body !== undefined && entry.body !== null && typeof entry.body !== 'string') problem('body', 'must be a string or null');
  for (const field of ['timeoutMs', 'intervalSec', 'clockSkewToleranceSec', 'certWarnDays'] as const) {
    const value = entry[field];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      problem(field, 'must be a non-negative number');
    }
  }
  for (const field of ['logs', 'configs'] as const) {
    const value = entry[field];
    if (value !== undefined && !(Array.isArray(value) && value.every((glob) => typeof glob === 'string' && glob.trim() !== ''))) {
      problem(field, 'must be an array of file paths or globs');
    }
  }
  if (entry.proxy !== undefined) {
    if (typeof entry.proxy !== 'string') problem('proxy', 'must be "system", "none" or a URL');
    else if (entry.proxy !== 'system' && entry.proxy !== 'none' && !safeUrl(entry.proxy)) problem('proxy', `"${entry.proxy}" is neither "system", "none" nor a URL`);
  }
  if (entry.expect !== undefined) {
    if (!isObject(entry.expect)) problem('expect', 'must be an object');
    else {
      const { status, bodyContains } = entry.expect;
      if (status !== undefined && !(Array.isArray(status) && status.every((s) => Number.isInteger(s) && s >= 100 && s <= 599))) {
        problem('expect.status', 'must be an array of HTTP status codes');
      }
      if (bodyContains !== undefined && bodyContains !== null && typeof bodyContains !== 'string') problem('expect.bodyContains', 'must be a string');
    }
  }
  if (entry.tls !== undefined) {
    if (!isObject(entry.tls)) problem('tls', 'must be an object');
    else {
      for (const field of ['ca', 'pfx', 'passphrase', 'cert', 'key', 'servername'] as const) {
        const value = entry.tls[field];
        if (value !== undefined && value !== null && typeof value !== 'string') problem(`tls.${field}`, 'must be a string or null');
      }
      const minVersion = entry.tls.minVersion;
      if (minVersion !== undefined && minVersion !== null && !TLS_VERSIONS.includes(minVersion as string)) {
        problem('tls.minVersion', `must be one of ${TLS_VERSIONS.join(', ')}`);
      }
      if ((entry.tls.cert && !entry.tls.key) || (!entry.tls.cert && entry.tls.key)) problem('tls', '"cert" and "key" go together');
      if (entry.tls.pfx && entry.tls.cert) problem('tls', 'give either "pfx" or "cert"/"key", not both');
    }
  }
  return problems;
}

function optional(value: unknown, type: string, onWrongType: () => void): void {
  if (value !== undefined && typeof value !== type) onWrongType();
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
