import * as l10n from '@vscode/l10n';
import { createSecureContext, rootCertificates, type ConnectionOptions, type SecureContext, type SecureContextOptions } from 'node:tls';
import { loadClientCredentials } from '../certs/clientCredentials';
import { isDoctorError } from '../errors';
import type { EndpointConfig } from '../endpoint/endpointConfig';
import type { ProbeTarget } from './probeTarget';
import type { Finding } from './tlsVerification';
import { loadTrustStore } from './trustStore';

/**
 * The TLS client settings of one endpoint, loaded once per probe and shared by the TLS layer
 * (which handshakes without enforcing verification, to capture the chain) and the HTTP layer
 * (which enforces it), so both talk to the server the same way.
 */
export interface TlsSettings {
  connection: ConnectionOptions;
  clientCertSent: boolean;
  clientCertSource: string | null;
  clientCertSubject: string | null;
  trustSources: string[];
  /** tls.minVersion allows TLS 1.0/1.1: the user opted into a legacy server. */
  legacyAllowed: boolean;
}

/**
 * Loads the trust store and client certificate. A configured file that is unreadable, malformed or
 * locked with the wrong passphrase comes back as a finding for the TLS layer, not as an exception:
 * it is the reason this endpoint cannot be reached, and the probe reports it like any other.
 */
export async function loadTlsSettings(endpoint: EndpointConfig, target: ProbeTarget, baseDir: string | undefined, env: NodeJS.ProcessEnv): Promise<TlsSettings | Finding> {
  const trust = await loadTrustStore(endpoint.tls?.ca, baseDir, env).catch((error: unknown) => asFinding(error, 'tls.cert_untrusted', 'ca_unreadable'));
  if ('code' in trust) return trust;
  const credentials = await loadClientCredentials(endpoint.tls, baseDir).catch((error: unknown) => asFinding(error, 'tls.client_cert', isDoctorError(error, 'credentials.bad_passphrase') ? 'bad_passphrase' : 'credentials_unreadable'));
  if (credentials && 'code' in credentials) return credentials;
  const minVersion = endpoint.tls?.minVersion ?? undefined;
  const legacyAllowed = minVersion === 'TLSv1' || minVersion === 'TLSv1.1';
  // One secure context per probe, built before the timed phases.
  let secureContext: SecureContext;
  try {
    secureContext = trustingContext({
      ...credentials?.tls,
      ...(minVersion ? { minVersion } : {}),
      // OpenSSL 3 refuses TLS 1.0/1.1 (SHA-1 handshakes) at its default security level 1.
      ...(legacyAllowed ? { ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
    }, trust.additional);
  } catch (error) {
    return credentials
      ? { code: 'tls.client_cert', reason: 'credentials_unreadable', message: l10n.t('the client certificate from {0} cannot be used: {1}', credentials.source, (error as Error).message) }
      : { code: 'tls.cert_untrusted', reason: 'ca_unreadable', message: l10n.t('the trusted certificates cannot be used: {0}', (error as Error).message) };
  }
  return {
    connection: { secureContext, servername: target.servername, ...(minVersion ? { minVersion } : {}) },
    clientCertSent: credentials !== undefined,
    clientCertSource: credentials?.source ?? null,
    clientCertSubject: credentials?.subject ?? null,
    trustSources: trust.sources,
    legacyAllowed,
  };
}

function asFinding(error: unknown, code: Finding['code'], reason: string): Finding {
  if (!isDoctorError(error)) throw error;
  return { code, reason, message: error.message };
}

type NativeContext = { addCACert?: (pem: string) => void };

/**
 * A secure context trusting Node's roots plus `additional`. Passing `ca` would make Node parse
 * all ~140 bundled roots again (about 40 ms of CPU per probe, which serialises concurrent probes),
 * so the extra certificates are added to a copy of Node's pre-parsed root store instead, as
 * NODE_EXTRA_CA_CERTS does. `context.addCACert` is long-standing but undocumented, hence the fallback.
 */
function trustingContext(options: SecureContextOptions, additional: string[]): SecureContext {
  const context = createSecureContext(options);
  const native = (context as unknown as { context?: NativeContext }).context;
  if (typeof native?.addCACert !== 'function') return createSecureContext({ ...options, ca: [...rootCertificates, ...additional] });
  for (const pem of additional) native.addCACert(pem);
  return context;
}
