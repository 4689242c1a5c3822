import type { ConfigKind, LintSettings } from './findings';
import { detectKind } from './detectKind';
import { databaseLimits, type DatabaseLimits } from './databaseLimits';
import { DIALECTS, parseKeyValue } from './parsers/keyValueParser';
import { parseSpringConfig, isSpringKind } from './springConfig';
import { poolUsage, type PoolUsage } from './poolSizing';

export interface SourceFile {
  path: string;
  text: string;
  kind?: ConfigKind;
}

/**
 * What the cross-file rules know about the rest of the workspace or lint run: the other files
 * (so nginx includes resolve in the editor too), each database's limits and each pool's demand.
 * Plain data: the extension builds it from workspace files and passes it to lintText.
 */
export interface WorkspaceConfigContext {
  sources: SourceFile[];
  databases: DatabaseLimits[];
  pools: PoolUsage[];
}

export function emptyContext(): WorkspaceConfigContext {
  return { sources: [], databases: [], pools: [] };
}

export function buildWorkspaceContext(files: readonly SourceFile[], settings: LintSettings = {}): WorkspaceConfigContext {
  const context = emptyContext();
  for (const file of files) {
    const kind = file.kind ?? detectKind(file.path, file.text);
    if (!kind) continue;
    context.sources.push({ ...file, kind });
    if (kind === 'mysql' || kind === 'postgres') {
      const parsed = parseKeyValue(file.text, DIALECTS[kind]);
      if (parsed.ok) context.databases.push(databaseLimits(kind, parsed.value, file.path));
    } else if (isSpringKind(kind)) {
      const parsed = parseSpringConfig(kind, file.text);
      const usage = parsed.ok ? poolUsage(parsed.value, settings.instances ?? 1, file.path) : undefined;
      if (usage) context.pools.push(usage);
    }
  }
  return context;
}
