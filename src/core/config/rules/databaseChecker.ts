import * as l10n from '@vscode/l10n';
import type { FindingDraft, TextEdit } from '../findings';
import { RULES } from '../ruleCatalog';
import { DIALECTS, parseKeyValue, type KeyValueDocument } from '../parsers/keyValueParser';
import { databaseLimits, DATABASE_DEFAULTS, type DatabaseEngine } from '../databaseLimits';
import { detectEol } from '../textLayout';
import type { CheckInput, KindChecker } from './checker';

const NAMES: Record<DatabaseEngine, { product: string; rule: string }> = {
  mysql: { product: 'MySQL', rule: RULES.mysqlMaxConnectionsLow.id },
  postgres: { product: 'PostgreSQL', rule: RULES.postgresMaxConnectionsLow.id },
};

/**
 * The database side of pool sizing: max_connections below its server default, or below what
 * the application pools of the run need (pool size x instances, plus reserved sessions).
 */
function maxConnectionsLow(engine: DatabaseEngine, document: KeyValueDocument, input: CheckInput): FindingDraft[] {
  const limits = databaseLimits(engine, document, input.path);
  const { product, rule } = NAMES[engine];
  const engines = new Set(input.context.databases.map((d) => d.engine).concat(engine));
  const pools = input.context.pools.filter((p) => (p.engine ?? (engines.size === 1 ? engine : undefined)) === engine);
  const demand = pools.reduce((sum, p) => sum + p.maximumPoolSize * p.instances, 0);
  const needed = Math.max(DATABASE_DEFAULTS[engine].maxConnections, demand + limits.reservedConnections);
  if (limits.maxConnections >= needed) return [];
  const entry = limits.maxConnectionsEntry;
  const reason = demand + limits.reservedConnections > DATABASE_DEFAULTS[engine].maxConnections
    ? l10n.t('the {0} application pool(s) of this run can open {1} connections{2}', pools.length, demand, limits.reservedConnections ? l10n.t(' (+{0} reserved)', limits.reservedConnections) : '')
    : l10n.t('it is below {0}\'s default of {1}', product, DATABASE_DEFAULTS[engine].maxConnections);
  const message = l10n.t('max_connections {0}{1} is too low: {2}. When the pools grow under an invoice burst, {3} refuses sessions ("too many connections", db.too_many_connections). Raise it, or lower the pools.', limits.maxConnections, entry ? '' : l10n.t(' (default)'), reason, product);
  const edit = entry ? { start: entry.valueStart, end: entry.valueEnd, newText: String(needed) } : insertSetting(engine, document, input.text, needed);
  if (!entry && !edit) return [];
  const range = entry ? { start: entry.keyStart, end: entry.valueEnd } : sectionRange(engine, document, input.text);
  return [{ rule, ...range, message, fixes: edit ? [{ title: l10n.t('Set max_connections to {0}', needed), isPreferred: true, safe: true, edits: [edit] }] : [] }];
}

function insertSetting(engine: DatabaseEngine, document: KeyValueDocument, text: string, value: number): TextEdit | undefined {
  const eol = detectEol(text);
  if (engine === 'postgres') {
    const at = text.length;
    const lead = text.length && !text.endsWith('\n') ? eol : '';
    return { start: at, end: at, newText: `${lead}max_connections = ${value}${eol}` };
  }
  const section = document.sections.find((s) => s.name === 'mysqld' || s.name === 'mariadb' || s.name === 'server');
  return section ? { start: section.headerEnd, end: section.headerEnd, newText: `${eol}max_connections = ${value}` } : undefined;
}

function sectionRange(engine: DatabaseEngine, document: KeyValueDocument, text: string): { start: number; end: number } {
  const section = engine === 'mysql' ? document.sections.find((s) => s.name === 'mysqld' || s.name === 'mariadb' || s.name === 'server') : undefined;
  if (section) return { start: text.lastIndexOf('[', section.headerEnd), end: section.headerEnd };
  return { start: 0, end: Math.max(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')) };
}

function databaseChecker(engine: DatabaseEngine): KindChecker {
  return (input) => {
    const parsed = parseKeyValue(input.text, DIALECTS[engine]);
    if (!parsed.ok) return parsed;
    return { ok: true, drafts: maxConnectionsLow(engine, parsed.value, input) };
  };
}

export const checkMysql = databaseChecker('mysql');
export const checkPostgres = databaseChecker('postgres');
