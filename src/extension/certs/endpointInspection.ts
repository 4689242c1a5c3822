import * as vscode from 'vscode';
import type { InspectRemoteOptions } from '../../core/certs/inspectRemote';
import { resolveConfigPath } from '../../core/certs/clientCredentials';
import { ENDPOINT_DEFAULTS } from '../../core/endpoint/endpointConfig';
import { resolveEndpointSecrets, type SecretSource } from '../../core/endpoint/secretResolver';
import type { ConfiguredEndpoint } from '../endpoints/endpointStore';
import { isUntrustedWorkspaceFile } from './restrictedMode';

export interface EndpointInspection {
  url: string;
  options: InspectRemoteOptions;
  notices: string[];
}

/**
 * How an endpoint is inspected: its URL with its own TLS settings (SNI name, extra CA, client
 * certificate with its secrets resolved) and warning days, so the inspector sees the server
 * exactly as the endpoint's probe does.
 */
export async function endpointInspection(configured: ConfiguredEndpoint, secrets: SecretSource): Promise<EndpointInspection> {
  const { endpoint } = await resolveEndpointSecrets(configured.config, secrets);
  const tls = endpoint.tls ?? {};
  const path = (value: string | null | undefined) => (value ? resolveConfigPath(value, configured.baseDir) : undefined);
  const notices: string[] = [];
  let clientCert: InspectRemoteOptions['clientCert'];
  const keyFiles = [path(tls.pfx), path(tls.key)].filter((file): file is string => file !== undefined);
  if (keyFiles.some((file) => isUntrustedWorkspaceFile(vscode.Uri.file(file)))) {
    notices.push(vscode.l10n.t('Restricted Mode: the client certificate in this workspace was not read, so the server saw none. Trust the workspace to include it.'));
  } else if (tls.pfx || tls.cert) {
    clientCert = { pfx: path(tls.pfx), cert: path(tls.cert), key: path(tls.key), passphrase: tls.passphrase ?? undefined };
  }
  if (endpoint.proxy && endpoint.proxy !== 'system' && endpoint.proxy !== 'none') {
    notices.push(vscode.l10n.t('The inspector connects to the server directly, not through the proxy this endpoint uses.'));
  }
  return {
    url: endpoint.url,
    options: {
      servername: tls.servername ?? undefined,
      caFile: path(tls.ca),
      clientCert,
      warnDays: endpoint.certWarnDays ?? ENDPOINT_DEFAULTS.certWarnDays,
      timeoutMs: endpoint.timeoutMs,
    },
    notices,
  };
}
