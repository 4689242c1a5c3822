import { readFile } from 'node:fs/promises';
import { isDoctorError } from '../errors';
import type { Finding } from '../config/findings';
import { lintFiles } from '../config/lintFiles';
import { expandPathGlobs } from '../pathGlobs';
import { redact } from '../report/redact';
import type { ConfigEvidence, ConfigExcerpt } from './doctorReport';
import { textMentionsEndpoint, type EndpointIdentity } from './endpointIdentity';

/**
 * Lints the configs behind an endpoint. With `configs` globs, exactly those files; without,
 * the known config files under the endpoint's folder that point at it (the nginx that proxies
 * to it, the application properties holding its URL). Files that do not name the endpoint,
 * such as a database's own config, are only linted when listed.
 */
const CONTEXT_LINES = 2;
const MAX_EXCERPTS = 8;

export interface EndpointConfigOptions {
  globs: readonly string[] | undefined;
  baseDir: string;
  identity: EndpointIdentity;
  /** Secret values to scrub from the excerpts (config files hold passwords). */
  secrets: readonly string[];
}

export async function endpointConfigs(options: EndpointConfigOptions): Promise<ConfigEvidence> {
  const globs = options.globs ?? [];
  const evidence: ConfigEvidence = { globs: [...globs], files: [], findings: [], excerpts: [], problems: [] };
  const paths = globs.length > 0 ? await expandPathGlobs(globs, [options.baseDir]) : [options.baseDir];
  if (paths.length === 0) {
    evidence.problems.push(`no file matches ${globs.map((g) => `"${g}"`).join(', ')} (relative to ${options.baseDir})`);
    return evidence;
  }
  let run;
  try {
    run = await lintFiles(paths);
  } catch (error) {
    if (!isDoctorError(error)) throw error;
    evidence.problems.push(error.message);
    return evidence;
  }
  evidence.problems.push(...run.skipped.map((s) => `${s.path}: ${s.reason}`));
  const texts = new Map<string, string>();
  for (const file of run.files) texts.set(file.path, await readFile(file.path, 'utf8').catch(() => ''));
  const related = new Set(run.files
    .filter((file) => globs.length > 0 || textMentionsEndpoint(texts.get(file.path) ?? '', options.identity))
    .map((file) => file.path));
  evidence.files = [...related];
  evidence.findings = run.findings.filter((finding) => finding.path !== undefined && related.has(finding.path));
  evidence.excerpts = evidence.findings.slice(0, MAX_EXCERPTS).map((finding) => excerpt(finding, texts.get(finding.path!) ?? '', options.secrets));
  return evidence;
}

/** The finding's lines with a little context, secrets and password values removed. */
function excerpt(finding: Finding, text: string, secrets: readonly string[]): ConfigExcerpt {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, finding.range.start.line - CONTEXT_LINES);
  const last = Math.min(lines.length, finding.range.end.line + CONTEXT_LINES);
  return { file: finding.path!, firstLine: first, lines: lines.slice(first - 1, last).map((line) => redact(line, secrets)) };
}
