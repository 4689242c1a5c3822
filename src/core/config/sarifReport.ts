import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from './findings';
import { RULE_CATALOG } from './ruleCatalog';

/** Where rule pages are published; helpUri must be absolute in SARIF. */
export const PROJECT_URL = 'https://github.com/invoice-doctor/invoice-doctor';
/** Rule pages (`RuleInfo.docsPath`) on the repository's web view: SARIF's helpUri, the editor's diagnostic links. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/`;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Findings as a SARIF 2.1.0 log, the format GitHub code scanning and most CI dashboards read.
 * Paths inside `baseDir` become relative URIs (so results map onto the repository), others
 * absolute file URLs.
 */
export function toSarif(findings: readonly Finding[], baseDir: string, version = '0.0.0'): object {
  const ruleIndex = new Map(RULE_CATALOG.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'invoice-doctor',
          version,
          informationUri: PROJECT_URL,
          rules: RULE_CATALOG.map((r) => ({
            id: r.id,
            name: r.id.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
            shortDescription: { text: r.title },
            helpUri: `${DOCS_BASE_URL}${r.docsPath}`,
            defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
          })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.rule,
        ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: artifactUri(f.path ?? '', baseDir) },
            region: { startLine: f.range.start.line, startColumn: f.range.start.column, endLine: f.range.end.line, endColumn: f.range.end.column },
          },
        }],
      })),
      columnKind: 'utf16CodeUnits',
    }],
  };
}

function artifactUri(path: string, baseDir: string): string {
  const fromBase = relative(baseDir, path);
  if (!fromBase.startsWith('..') && !isAbsolute(fromBase)) return fromBase.split(sep).map(encodeURIComponent).join('/');
  return pathToFileURL(path).href;
}
