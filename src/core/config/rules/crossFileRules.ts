import * as l10n from '@vscode/l10n';
import type { FindingDraft, TextEdit } from '../findings';
import { RULES } from '../ruleCatalog';
import type { SpringConfig, SpringSetting } from '../springConfig';
import { databasesFor, otherPools, tightestByConnections } from '../databaseMatching';
import { HIKARI_DEFAULTS, HIKARI_KEYS, poolUsage } from '../poolSizing';
import type { CheckInput } from './checker';
import { lifetimeFor, LIFETIME_MARGIN_SEC } from './springRules';

const last = (config: SpringConfig, key: string) => config.settings.filter((s) => s.key === key).pop();
const setValue = (s: SpringSetting, value: string): TextEdit => ({ start: s.valueStart + (s.quote ? 1 : 0), end: s.valueEnd - (s.quote ? 1 : 0), newText: value });

/** Where to report a limit the file leaves at Hikari's default: its first datasource setting. */
function anchor(config: SpringConfig): SpringSetting | undefined {
  return config.settings.find((s) => s.key.startsWith('spring.datasource.'));
}

/** Set `key` where it is written, or add it next to the other Hikari settings. */
function setOrInsert(config: SpringConfig, key: string, kebabLeaf: string, value: number): TextEdit | undefined {
  const setting = last(config, key);
  return setting ? setValue(setting, String(value)) : config.insertKey(HIKARI_KEYS.prefix, kebabLeaf, String(value));
}

/** Pool size x instances, over every application of the run, against the database's max_connections. */
export function poolExceedsDbConnections(config: SpringConfig, input: CheckInput): FindingDraft[] {
  const usage = poolUsage(config, input.settings.instances ?? 1, input.path);
  if (!usage) return [];
  const database = tightestByConnections(databasesFor(input.context, usage.engine));
  if (!database) return [];
  const others = otherPools(input.context, usage.engine, input.path);
  const own = usage.maximumPoolSize * usage.instances;
  const demand = own + others.reduce((sum, p) => sum + p.maximumPoolSize * p.instances, 0);
  const available = database.maxConnections - database.reservedConnections;
  if (demand <= available) return [];
  const at = last(config, HIKARI_KEYS.maximumPoolSize) ?? anchor(config);
  if (!at) return [];
  // Scale every pool by the same factor, so fixing all applications of the run fits them together.
  const fitted = Math.max(1, Math.floor((usage.maximumPoolSize * available) / demand));
  const edit = setOrInsert(config, HIKARI_KEYS.maximumPoolSize, 'maximum-pool-size', fitted);
  const shared = others.length ? l10n.t(' together with {0} other application(s) ({1} in all)', others.length, demand) : '';
  return [{
    rule: RULES.crossPoolExceedsDbConnections.id, start: at.valueStart, end: at.valueEnd,
    message: l10n.t('Pool size {0} x {1} instance(s) = {2} connections{3} exceeds {4} max_connections {5}{6} in {7}: under load the database refuses new sessions ("Too many connections", db.too_many_connections) and invoice requests fail. Lower the pool or raise max_connections; instances come from "invoice-doctor.instances=N" or the instances setting.', usage.maximumPoolSize, usage.instances, own, shared, database.engine === 'mysql' ? 'MySQL' : 'PostgreSQL', database.maxConnections, database.reservedConnections ? l10n.t(' minus {0} reserved', database.reservedConnections) : '', database.path ?? l10n.t('the database config')),
    fixes: edit ? [{ title: l10n.t('Set maximum-pool-size to {0}', fitted), isPreferred: true, safe: false, edits: [edit] }] : [],
  }];
}

/** Hikari max-lifetime (default 30 min) must end before the database closes idle sessions. */
export function maxLifetimeExceedsWaitTimeout(config: SpringConfig, input: CheckInput): FindingDraft[] {
  const usage = poolUsage(config, 1, input.path);
  if (!usage) return [];
  const databases = databasesFor(input.context, usage.engine).filter((d) => d.idleTimeoutSec > 0);
  const database = databases.sort((a, b) => a.idleTimeoutSec - b.idleTimeoutSec)[0];
  if (!database) return [];
  const lifetime = usage.maxLifetimeMs === 0 ? Infinity : usage.maxLifetimeMs;
  if (lifetime < database.idleTimeoutSec * 1000) return [];
  const setting = last(config, HIKARI_KEYS.maxLifetime);
  const at = setting ?? anchor(config);
  if (!at) return [];
  const target = lifetimeFor(database.idleTimeoutSec);
  const edit = setOrInsert(config, HIKARI_KEYS.maxLifetime, 'max-lifetime', target);
  const written = setting ? l10n.t('max-lifetime {0} ms', setting.value) : l10n.t('max-lifetime (default {0} ms)', HIKARI_DEFAULTS.maxLifetimeMs);
  return [{
    rule: RULES.crossMaxLifetimeExceedsWaitTimeout.id, start: at.valueStart, end: at.valueEnd,
    message: l10n.t('{0} is not shorter than {1} {2} s in {3}: the database closes idle pooled connections first, and the next invoice transaction on one fails ("Communications link failure", tcp.reset). Retire them {4} s earlier.', written, database.idleTimeoutSetting, database.idleTimeoutSec, database.path ?? l10n.t('the database config'), LIFETIME_MARGIN_SEC),
    fixes: edit ? [{ title: l10n.t('Set max-lifetime to {0}', target), isPreferred: true, safe: true, edits: [edit] }] : [],
  }];
}
