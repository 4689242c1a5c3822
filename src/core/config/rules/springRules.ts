import * as l10n from '@vscode/l10n';
import type { FindingDraft } from '../findings';
import { RULES } from '../ruleCatalog';
import type { SpringConfig, SpringSetting } from '../springConfig';
import { DATABASE_DEFAULTS } from '../databaseLimits';
import { databasesFor, otherPools, tightestByConnections } from '../databaseMatching';
import { DEFAULT_DATABASE_CORES, HIKARI_DEFAULTS, HIKARI_KEYS, poolUsage, recommendedPoolSize } from '../poolSizing';
import type { CheckInput } from './checker';

/** Hikari's own floors (HikariConfig): below these it refuses or resets the value. */
const MIN_CONNECTION_TIMEOUT_MS = 250;
const MIN_MAX_LIFETIME_MS = 30_000;
const OUTAGE_HIDING_TIMEOUT_MS = 30_000;
/** How much earlier than a server/network idle limit a pooled connection should retire. */
export const LIFETIME_MARGIN_SEC = 30;

const last = (config: SpringConfig, key: string) => config.settings.filter((s) => s.key === key).pop();
const integerOf = (s: SpringSetting | undefined) => (s && /^\d+$/.test(s.value) ? Number(s.value) : undefined);
const setValue = (s: SpringSetting, value: string) => ({ start: s.valueStart + (s.quote ? 1 : 0), end: s.valueEnd - (s.quote ? 1 : 0), newText: value });

export function lifetimeFor(limitSec: number): number {
  return Math.max(MIN_MAX_LIFETIME_MS, (limitSec - LIFETIME_MARGIN_SEC) * 1000);
}

export function hikariPoolSize(config: SpringConfig, input: CheckInput): FindingDraft[] {
  const setting = last(config, HIKARI_KEYS.maximumPoolSize);
  const size = integerOf(setting);
  const usage = poolUsage(config, input.settings.instances ?? 1, input.path);
  if (!setting || size === undefined || !usage) return [];
  const cores = config.hint('database-cores') ?? input.settings.databaseCores ?? DEFAULT_DATABASE_CORES;
  const others = otherPools(input.context, usage.engine, input.path);
  const database = tightestByConnections(databasesFor(input.context, usage.engine));
  const totalInstances = usage.instances + others.reduce((sum, p) => sum + p.instances, 0);
  const available = database ? database.maxConnections - database.reservedConnections - others.reduce((sum, p) => sum + p.maximumPoolSize * p.instances, 0) : undefined;
  const recommended = recommendedPoolSize({ databaseCores: cores, sharingInstances: totalInstances, ownInstances: usage.instances, availableConnections: available });
  if (size <= recommended) return [];
  const basis = l10n.t('HikariCP\'s pool-sizing guidance, ({0} database cores x 2) + 1 = {1} connections shared by {2} instance(s)', cores, cores * 2 + 1, totalInstances)
    + (database ? l10n.t(' and max_connections {0} of {1}', database.maxConnections, database.path ?? l10n.t('the database')) : '');
  return [{
    rule: RULES.springHikariPoolSize.id, start: setting.valueStart, end: setting.valueEnd,
    message: l10n.t('maximum-pool-size {0} is above {1}, which suggests {2}. Extra connections only queue inside the database, so every invoice transaction gets slower under load and the database may refuse sessions (db.too_many_connections). Set "invoice-doctor.database-cores=N" or the databaseCores setting if the server has other than {3} cores.', size, basis, recommended, cores),
    fixes: [{ title: l10n.t('Set maximum-pool-size to {0}', recommended), isPreferred: true, safe: false, edits: [setValue(setting, String(recommended))] }],
  }];
}

export function hikariConnectionTimeout(config: SpringConfig): FindingDraft[] {
  const setting = last(config, HIKARI_KEYS.connectionTimeout);
  const value = integerOf(setting);
  if (!setting || value === undefined) return [];
  const draft = (message: string, safe: boolean, severity?: 'error'): FindingDraft[] => [{
    rule: RULES.springHikariConnectionTimeout.id, start: setting.valueStart, end: setting.valueEnd, message, severity,
    fixes: [{ title: l10n.t('Set connection-timeout to {0}', HIKARI_DEFAULTS.connectionTimeoutMs), isPreferred: true, safe, edits: [setValue(setting, String(HIKARI_DEFAULTS.connectionTimeoutMs))] }],
  }];
  if (value === 0) return draft('connection-timeout 0 means "wait forever" in HikariCP: when the pool is exhausted or the database is down, invoice requests hang instead of failing with a clear pool.exhausted error.', false);
  if (value < MIN_CONNECTION_TIMEOUT_MS) return draft(l10n.t('connection-timeout {0} ms is below HikariCP\'s minimum of {1} ms: Hikari rejects it (or silently falls back to 30000 ms), so the timeout you meant is not the one in force.', value, MIN_CONNECTION_TIMEOUT_MS), true, 'error');
  if (value > OUTAGE_HIDING_TIMEOUT_MS) return draft(l10n.t('connection-timeout {0} ms lets a request wait over {1} s for a pooled connection: callers and gateways time out first, so an exhausted pool (pool.exhausted) shows up as vague upstream timeouts instead.', value, OUTAGE_HIDING_TIMEOUT_MS / 1000), false);
  return [];
}

/** max-lifetime on its own: invalid values, and the limits known without the database's config. */
export function hikariMaxLifetime(config: SpringConfig, input: CheckInput): FindingDraft[] {
  const setting = last(config, HIKARI_KEYS.maxLifetime);
  const value = integerOf(setting);
  const usage = poolUsage(config, 1, input.path);
  const drafts: FindingDraft[] = [];
  const push = (s: SpringSetting, message: string, newValue: number, safe: boolean) => drafts.push({
    rule: RULES.springHikariMaxLifetime.id, start: s.valueStart, end: s.valueEnd, message,
    fixes: [{ title: l10n.t('Set max-lifetime to {0}', newValue), isPreferred: true, safe, edits: [setValue(s, String(newValue))] }],
  });
  if (!setting || value === undefined || !usage) return drafts;
  const network = input.settings.networkIdleTimeoutSec;
  const knownDatabase = databasesFor(input.context, usage.engine).length > 0;
  const mysqlDefault = usage.engine === 'mysql' && !knownDatabase ? DATABASE_DEFAULTS.mysql.idleTimeoutSec : undefined;
  const limits = [network, mysqlDefault].filter((l): l is number => l !== undefined && l > 0);
  const limit = limits.length ? Math.min(...limits) : undefined;
  if (value === 0) {
    push(setting, 'max-lifetime 0 never retires connections: firewalls, NAT and the database drop long-lived idle connections silently, and the next invoice transaction fails with "Communications link failure" / "connection reset" (tcp.reset).', limit ? lifetimeFor(limit) : HIKARI_DEFAULTS.maxLifetimeMs, true);
  } else if (value < MIN_MAX_LIFETIME_MS) {
    push(setting, l10n.t('max-lifetime {0} ms is below HikariCP\'s minimum of {1} ms, so Hikari ignores it and uses 30 minutes.', value, MIN_MAX_LIFETIME_MS), MIN_MAX_LIFETIME_MS, true);
  } else if (limit !== undefined && value >= limit * 1000) {
    const source = limit === network ? l10n.t('the network idle timeout of {0} s (networkIdleTimeoutSec)', network) : l10n.t('MySQL\'s default wait_timeout of {0} s', limit);
    push(setting, l10n.t('max-lifetime {0} ms is not shorter than {1}: connections are cut by the other side first, and the invoice transaction that picks one up fails (tcp.reset). HikariCP advises retiring them a few seconds earlier.', value, source), lifetimeFor(limit), true);
  }
  return drafts;
}

export function tlsProtocolsLegacy(config: SpringConfig, isLegacy: (p: string) => boolean): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const setting of config.settings) {
    const listKey = /^(server\.ssl\.enabledprotocols|spring\.ssl\.bundle\..+\.options\.enabledprotocols)(\[\d+\])?$/.exec(setting.key);
    const singleKey = setting.key === 'server.ssl.protocol';
    if (!listKey && !singleKey) continue;
    const values = setting.items ? setting.items.map((i) => i.value) : setting.value.split(/\s*,\s*/);
    const legacy = values.filter(isLegacy);
    if (!legacy.length) continue;
    const fix = singleKey ? setValue(setting, 'TLS') : listKey?.[2] ? setValue(setting, 'TLSv1.2') : protocolListEdit(config.text, setting);
    drafts.push({
      rule: RULES.springTlsProtocolsLegacy.id, start: setting.valueStart, end: setting.valueEnd,
      message: l10n.t('{0} allows {1}: gateways and ERP clients that require TLS 1.2+ fail the handshake (tls.protocol), and scans flag the endpoint. Enable TLSv1.2 and TLSv1.3 only.', singleKey ? 'server.ssl.protocol' : 'enabled-protocols', legacy.join(', ')),
      fixes: [{ title: singleKey ? l10n.t('Use protocol TLS (negotiates the best version)') : l10n.t('Enable TLSv1.2 and TLSv1.3 only'), isPreferred: true, safe: true, edits: [fix] }],
    });
  }
  return drafts;
}

function protocolListEdit(text: string, setting: SpringSetting) {
  const items = setting.items;
  if (!items?.length) return setValue(setting, 'TLSv1.2,TLSv1.3');
  if (!setting.blockSeq) return { start: setting.valueStart, end: setting.valueEnd, newText: '[TLSv1.2, TLSv1.3]' };
  const first = items[0];
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const eol = text[lineStart - 2] === '\r' ? '\r\n' : '\n';
  return { start: first.start, end: items[items.length - 1].end, newText: `TLSv1.2${eol}${text.slice(lineStart, first.start)}TLSv1.3` };
}

