import { DoctorError } from '../errors';
import type { EndpointConfig } from './endpointConfig';

/**
 * Resolves `${secret:NAME}` and `${env:NAME}` placeholders (CONTRACT.md §2).
 * The extension looks secrets up in SecretStorage; the CLI in `INVOICE_DOCTOR_SECRET_<NAME>`.
 */
export interface SecretSource {
  getSecret(name: string): Promise<string | undefined>;
}

const PLACEHOLDER = /\$\{(secret|env):([A-Za-z0-9_.-]+)\}/g;

/** Reads secrets from the environment as the CLI does: `${secret:gwToken}` -> INVOICE_DOCTOR_SECRET_GWTOKEN. */
export function environmentSecretSource(env: NodeJS.ProcessEnv = process.env): SecretSource {
  return {
    getSecret: async (name) => env[`INVOICE_DOCTOR_SECRET_${name}`] ?? env[`INVOICE_DOCTOR_SECRET_${name.toUpperCase()}`],
  };
}

export interface ResolvedEndpoint {
  endpoint: EndpointConfig;
  /** Every secret value substituted, so reports and logs can scrub them. */
  secrets: string[];
}

/** Returns a copy of the endpoint with every placeholder replaced; throws `secret.missing` for unknown names. */
export async function resolveEndpointSecrets(
  endpoint: EndpointConfig,
  source: SecretSource,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedEndpoint> {
  const secrets: string[] = [];
  const resolveText = async (text: string): Promise<string> => {
    let result = '';
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      const [whole, kind, name] = match;
      const value = kind === 'env' ? env[name] : await source.getSecret(name);
      if (value === undefined) {
        throw new DoctorError('secret.missing', kind === 'env'
          ? `Endpoint "${endpoint.name}": environment variable ${name} is not set.`
          : `Endpoint "${endpoint.name}": secret "${name}" is not set (extension: "Invoice Doctor: Set Secret"; CLI: INVOICE_DOCTOR_SECRET_${name}).`);
      }
      if (kind === 'secret' && value !== '') secrets.push(value);
      result += text.slice(last, match.index) + value;
      last = (match.index ?? 0) + whole.length;
    }
    return result + text.slice(last);
  };
  const resolveDeep = async (value: unknown): Promise<unknown> => {
    if (typeof value === 'string') return resolveText(value);
    if (Array.isArray(value)) return Promise.all(value.map(resolveDeep));
    if (value && typeof value === 'object') {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(v)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };
  const resolved = (await resolveDeep(endpoint)) as EndpointConfig;
  return { endpoint: resolved, secrets };
}
