import type { KeyValueDocument, KeyValueEntry } from './parsers/keyValueParser';

export type DatabaseEngine = 'mysql' | 'postgres';

/** What a database's own config says about the sessions it accepts and how long idle ones live. */
export interface DatabaseLimits {
  path?: string;
  engine: DatabaseEngine;
  maxConnections: number;
  /** The entry that sets it, when the file does. */
  maxConnectionsEntry?: KeyValueEntry;
  /** Sessions application pools may not use (PostgreSQL superuser_reserved_connections + reserved_connections). */
  reservedConnections: number;
  /** MySQL wait_timeout, PostgreSQL idle_session_timeout (0 = none); seconds. */
  idleTimeoutSec: number;
  idleTimeoutSetting: string;
}

/** Server defaults: MySQL 151 connections and 8 h wait_timeout; PostgreSQL 100 with 3 reserved. */
export const DATABASE_DEFAULTS: Record<DatabaseEngine, { maxConnections: number; reserved: number; idleTimeoutSec: number }> = {
  mysql: { maxConnections: 151, reserved: 0, idleTimeoutSec: 28_800 },
  postgres: { maxConnections: 100, reserved: 3, idleTimeoutSec: 0 },
};

/** MySQL reads options for the server from these groups of my.cnf. */
const MYSQL_SERVER_SECTIONS = ['mysqld', 'server', 'mariadb', 'mariadbd', 'mysqld_safe'];

export function serverEntries(engine: DatabaseEngine, document: KeyValueDocument): KeyValueEntry[] {
  return engine === 'mysql' ? document.entries.filter((e) => MYSQL_SERVER_SECTIONS.includes(e.section)) : document.entries;
}

/** The last assignment wins in both servers; MySQL treats `-` and `_` in names alike. */
export function lastSetting(entries: KeyValueEntry[], name: string): KeyValueEntry | undefined {
  const wanted = name.replace(/-/g, '_').toLowerCase();
  return entries.filter((e) => e.key.replace(/-/g, '_').toLowerCase() === wanted).pop();
}

export function databaseLimits(engine: DatabaseEngine, document: KeyValueDocument, path?: string): DatabaseLimits {
  const entries = serverEntries(engine, document);
  const defaults = DATABASE_DEFAULTS[engine];
  const maxEntry = lastSetting(entries, 'max_connections');
  const max = integer(maxEntry?.value);
  const reserved = engine === 'postgres'
    ? (integer(lastSetting(entries, 'superuser_reserved_connections')?.value) ?? defaults.reserved) + (integer(lastSetting(entries, 'reserved_connections')?.value) ?? 0)
    : 0;
  const idleName = engine === 'mysql' ? 'wait_timeout' : 'idle_session_timeout';
  const idleRaw = lastSetting(entries, idleName)?.value;
  const idle = engine === 'mysql' ? integer(idleRaw) : postgresSeconds(idleRaw);
  return {
    path, engine, maxConnections: max ?? defaults.maxConnections, maxConnectionsEntry: max === undefined ? undefined : maxEntry,
    reservedConnections: reserved, idleTimeoutSec: idle ?? defaults.idleTimeoutSec, idleTimeoutSetting: idleName,
  };
}

export function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** postgresql.conf times: a bare number is milliseconds for idle_session_timeout; units ms, s, min, h, d. */
function postgresSeconds(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*(\d+)\s*(ms|s|min|h|d)?\s*$/.exec(value);
  if (!match) return undefined;
  const factor = { ms: 0.001, s: 1, min: 60, h: 3600, d: 86_400 }[match[2] ?? 'ms'] ?? 0.001;
  return Number(match[1]) * factor;
}
