import * as vscode from 'vscode';
import { detectKind } from '../../core/config/detectKind';
import type { ConfigKind } from '../../core/config/findings';
import { globToRegExp } from '../../core/config/parsers/globPattern';

/**
 * Every name core's `isCandidateName` accepts, as one glob for `findFiles`: content decides
 * the rest (`detectKind`), as in the CLI's folder search.
 */
export const CANDIDATE_GLOB = '**/{*.conf,*.cnf,*.properties,*.yml,*.yaml,*.xml,*.nginx,.env,.env.*,*.env,*.js,*.jsx,*.mjs,*.cjs,*.ts,*.tsx,*.mts,*.cts}';

/**
 * The files cross-file rules read: nginx (includes), database servers (limits) and Spring
 * applications (pools). Kept small, since they are held in memory and watched.
 */
const CONTEXT_NAMES = ['*.conf', '*.cnf', '*.nginx', 'application*.properties', 'application*.yml', 'application*.yaml', 'bootstrap*.properties', 'bootstrap*.yml', 'bootstrap*.yaml'];
export const CONTEXT_GLOB = `**/{${CONTEXT_NAMES.join(',')}}`;
const CONTEXT_NAME_PATTERNS = CONTEXT_NAMES.map((name) => globToRegExp(name));

/** Whether a file name is one CONTEXT_GLOB matches. */
export function isContextName(name: string): boolean {
  return CONTEXT_NAME_PATTERNS.some((pattern) => pattern.test(name));
}

export const EXCLUDE_GLOB = '**/{node_modules,.git,.hg,.svn}/**';

const CONTEXT_KINDS: ReadonlySet<ConfigKind> = new Set(['nginx', 'mysql', 'postgres', 'spring-properties', 'spring-yaml']);

/** Larger files are not configs; reading them would only stall the extension host. */
export const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;

/** Config files live on disk (or a remote's disk); untitled buffers have no name to go by. */
export function isLintableDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file';
}

/** The linter for an open document: by name and content, or the `nginx` language a user picked. */
export function documentKind(document: vscode.TextDocument): ConfigKind | undefined {
  if (!isLintableDocument(document)) return undefined;
  return detectKind(document.uri.fsPath, document.getText()) ?? (document.languageId === 'nginx' ? 'nginx' : undefined);
}

export function isContextKind(kind: ConfigKind | undefined): boolean {
  return kind !== undefined && CONTEXT_KINDS.has(kind);
}

/** The document's live text when it is open (edits not yet saved count), else undefined. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}
