import * as vscode from 'vscode';
import type { EndpointTreeNode } from '../endpoints/endpointTreeNodes';

/** What to inspect: a file, a server given as host:port or https URL, or a configured endpoint. */
export type CertificateTarget =
  | { kind: 'file'; uri: vscode.Uri; passphrase?: string }
  | { kind: 'server'; target: string }
  | { kind: 'endpoint'; name: string };

/**
 * The argument object callers outside the menus pass (tests, other commands, notifications):
 * `{ file, passphrase }` inspects a file without asking for its passphrase.
 */
export interface InspectCertificateArguments {
  file?: vscode.Uri | string;
  /** host, host:port, [v6]:port or an https URL. */
  target?: string;
  /** A configured endpoint's name. */
  endpoint?: string;
  passphrase?: string;
}

/**
 * The inspect command is invoked from the explorer (a Uri, then the selection), from an
 * Endpoints row (the node), from a CodeLens (the document's Uri), from code (a string or
 * InspectCertificateArguments) or from the palette (nothing: the user picks).
 */
export function certificateTargetOf(argument: unknown): CertificateTarget | undefined {
  if (argument instanceof vscode.Uri) return { kind: 'file', uri: argument };
  if (typeof argument === 'string') return argument.trim() ? { kind: 'server', target: argument.trim() } : undefined;
  if (!argument || typeof argument !== 'object') return undefined;
  if ('health' in argument) return { kind: 'endpoint', name: (argument as Extract<EndpointTreeNode, { health: unknown }>).health.endpoint.config.name };
  const request = argument as InspectCertificateArguments;
  if (request.file) return { kind: 'file', uri: typeof request.file === 'string' ? vscode.Uri.file(request.file) : request.file, passphrase: request.passphrase };
  if (request.endpoint) return { kind: 'endpoint', name: request.endpoint };
  if (request.target) return { kind: 'server', target: request.target };
  return undefined;
}
