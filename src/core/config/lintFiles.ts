import { readFile } from 'node:fs/promises';
import { DoctorError } from '../errors';
import type { ConfigKind, Finding, LintSettings } from './findings';
import { detectKind } from './detectKind';
import { findConfigFiles } from './configFileSearch';
import { diskIncludeLoader } from './includeLoaders';
import { lintWorkspace } from './lint';
import { fixAll, type AppliedFix } from './fixAll';
import { writeFileAtomic } from './atomicWrite';
import type { SourceFile } from './workspaceContext';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Fixes that overlap another wait for the next pass; a few passes settle every real file. */
const MAX_FIX_PASSES = 5;

export interface LintRun {
  findings: Finding[];
  files: { path: string; kind: ConfigKind }[];
  skipped: { path: string; reason: string }[];
}

/** Lints files and folders from disk as one run (cross-file rules see all of them). */
export async function lintFiles(paths: readonly string[], options: { settings?: LintSettings } = {}): Promise<LintRun> {
  const run: LintRun = { findings: [], files: [], skipped: [] };
  const sources: SourceFile[] = [];
  for (const { path, explicit } of await findConfigFiles(paths)) {
    const text = await readText(path, explicit);
    if (text === undefined) {
      run.skipped.push({ path, reason: 'unreadable or larger than 10 MB' });
      continue;
    }
    const kind = detectKind(path, text);
    if (!kind) {
      if (explicit) run.skipped.push({ path, reason: 'not a config file this linter knows' });
      continue;
    }
    sources.push({ path, text, kind });
    run.files.push({ path, kind });
  }
  run.findings = lintWorkspace(sources, { settings: options.settings, includeLoader: diskIncludeLoader() });
  return run;
}

export interface FixRun {
  changes: { path: string; applied: AppliedFix[] }[];
  /** What is left after fixing. */
  run: LintRun;
}

/** Applies every safe fix, writing each changed file atomically, until nothing changes. */
export async function fixFiles(paths: readonly string[], options: { settings?: LintSettings } = {}): Promise<FixRun> {
  const changes = new Map<string, AppliedFix[]>();
  let run = await lintFiles(paths, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    for (const [path, findings] of groupByPath(run.findings)) {
      const text = await readText(path, true);
      if (text === undefined) continue;
      const result = fixAll(text, findings);
      if (result.text === text) continue;
      await writeFileAtomic(path, result.text);
      changes.set(path, [...(changes.get(path) ?? []), ...result.applied]);
      changed = true;
    }
    if (!changed) break;
    run = await lintFiles(paths, options);
  }
  return { changes: [...changes].map(([path, applied]) => ({ path, applied })), run };
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.path) groups.set(finding.path, [...(groups.get(finding.path) ?? []), finding]);
  return groups;
}

async function readText(path: string, explicit: boolean): Promise<string | undefined> {
  try {
    const buffer = await readFile(path);
    if (buffer.length > MAX_FILE_BYTES) return undefined;
    return buffer.toString('utf8');
  } catch (error) {
    if (explicit) throw new DoctorError('input.unreadable', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
    return undefined;
  }
}
