import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DoctorError } from '../core/errors';
import { parseEndpointsFile, validateEndpoints, type EndpointConfig } from '../core/endpoint/endpointConfig';

/**
 * Where the CLI's endpoints come from: URL arguments, a `--config` file, or
 * ./invoice-doctor.json by default, with command-line options laid over every endpoint.
 */
export const DEFAULT_CONFIG_FILE = 'invoice-doctor.json';

/** An endpoint plus the folder its relative `tls` paths are relative to. */
export interface ProbeTarget {
  endpoint: EndpointConfig;
  baseDir: string;
}

/** Command-line options that replace the same field of every endpoint. Paths are absolute. */
export interface EndpointOverrides {
  timeoutMs?: number;
  proxy?: string;
  ca?: string;
  cert?: string;
  key?: string;
  pfx?: string;
}

export interface EndpointRequest {
  urls: string[];
  configPath?: string;
  cwd: string;
  overrides: EndpointOverrides;
}

export async function loadProbeTargets(request: EndpointRequest): Promise<ProbeTarget[]> {
  const fromFile = await loadConfigTargets(request);
  const fromUrls = urlTargets(request.urls, request.cwd);
  const targets = [...fromFile, ...fromUrls.filter((t) => !fromFile.some((f) => f.endpoint.name === t.endpoint.name))];
  return targets.map((target) => ({ ...target, endpoint: applyOverrides(target.endpoint, request.overrides) }));
}

async function loadConfigTargets({ urls, configPath, cwd }: EndpointRequest): Promise<ProbeTarget[]> {
  const explicit = configPath !== undefined;
  if (!explicit && urls.length > 0) return [];
  const path = resolve(cwd, configPath ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') {
      throw new DoctorError('usage', `nothing to probe: give URLs or --config FILE, or create ${DEFAULT_CONFIG_FILE} here (see --help)`);
    }
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new DoctorError('config.unreadable', `cannot read config file ${path}: ${reason}`, { cause: error });
  }
  const { endpoints, problems } = parseEndpointsFile(text);
  if (problems.length > 0) {
    const list = problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('; ');
    throw new DoctorError('config.invalid', `${path} is not valid: ${list}`);
  }
  if (endpoints.length === 0) throw new DoctorError('config.invalid', `${path} defines no endpoints`);
  return endpoints.map((endpoint) => ({ endpoint, baseDir: dirname(path) }));
}

function urlTargets(urls: string[], cwd: string): ProbeTarget[] {
  return [...new Set(urls)].map((url) => {
    const { problems } = validateEndpoints([{ name: url, url }]);
    if (problems.length > 0) {
      throw new DoctorError('usage', `"${url}" is not a URL to probe: ${problems[0].message} (write it as https://host[:port]/path)`);
    }
    return { endpoint: { name: url, url }, baseDir: cwd };
  });
}

function applyOverrides(endpoint: EndpointConfig, overrides: EndpointOverrides): EndpointConfig {
  const result: EndpointConfig = { ...endpoint };
  if (overrides.timeoutMs !== undefined) result.timeoutMs = overrides.timeoutMs;
  if (overrides.proxy !== undefined) result.proxy = overrides.proxy;
  const tls = { ...endpoint.tls };
  if (overrides.ca !== undefined) tls.ca = overrides.ca;
  // A client credential given on the command line replaces the configured one as a whole,
  // so a file's pfx never ends up combined with a command-line cert/key.
  if (overrides.pfx !== undefined) Object.assign(tls, { pfx: overrides.pfx, cert: null, key: null });
  if (overrides.cert !== undefined) Object.assign(tls, { cert: overrides.cert, key: overrides.key ?? null, pfx: null });
  if (Object.keys(tls).length > 0) result.tls = tls;
  return result;
}
