import type { DatabaseEngine } from './databaseLimits';
import type { SpringConfig } from './springConfig';

/** HikariCP's defaults (HikariConfig): pool 10, connectionTimeout 30 s, maxLifetime 30 min. */
export const HIKARI_DEFAULTS = { maximumPoolSize: 10, connectionTimeoutMs: 30_000, maxLifetimeMs: 1_800_000 } as const;

export const HIKARI_KEYS = {
  prefix: 'spring.datasource.hikari',
  maximumPoolSize: 'spring.datasource.hikari.maximumpoolsize',
  maxLifetime: 'spring.datasource.hikari.maxlifetime',
  connectionTimeout: 'spring.datasource.hikari.connectiontimeout',
  url: ['spring.datasource.url', 'spring.datasource.hikari.jdbcurl'],
} as const;

export const DEFAULT_DATABASE_CORES = 8;

/** One application's demand on a database, as the cross-file rules see it. */
export interface PoolUsage {
  path?: string;
  engine?: DatabaseEngine;
  maximumPoolSize: number;
  instances: number;
  maxLifetimeMs: number;
}

/**
 * HikariCP's "About Pool Sizing": connections = (core_count * 2) + effective_spindle_count,
 * for the whole database, i.e. shared by every instance of every application using it (SSDs
 * count as one spindle). Also capped by what max_connections leaves for this application, and
 * never below 2, so a pool can serve a request while another connection is being replaced.
 */
export function recommendedPoolSize(options: { databaseCores: number; sharingInstances: number; ownInstances: number; availableConnections?: number }): number {
  const formula = Math.floor((options.databaseCores * 2 + 1) / options.sharingInstances);
  const cap = options.availableConnections === undefined ? Infinity : Math.floor(options.availableConnections / options.ownInstances);
  return Math.max(2, Math.min(formula, cap));
}

export function engineOfJdbcUrl(url: string | undefined): DatabaseEngine | undefined {
  if (!url) return undefined;
  if (/^jdbc:(mysql|mariadb)[:/]/i.test(url)) return 'mysql';
  if (/^jdbc:postgresql[:/]/i.test(url)) return 'postgres';
  return undefined;
}

export function poolUsage(config: SpringConfig, defaultInstances: number, path?: string): PoolUsage | undefined {
  const setting = (key: string) => config.settings.filter((s) => s.key === key).pop();
  const url = HIKARI_KEYS.url.map(setting).find(Boolean)?.value;
  const size = setting(HIKARI_KEYS.maximumPoolSize);
  if (!url && !config.settings.some((s) => s.key.startsWith('spring.datasource.'))) return undefined;
  const number = (value: string | undefined, fallback: number) => (value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback);
  return {
    path,
    engine: engineOfJdbcUrl(url),
    maximumPoolSize: number(size?.value, HIKARI_DEFAULTS.maximumPoolSize),
    instances: config.hint('instances') ?? defaultInstances,
    maxLifetimeMs: number(setting(HIKARI_KEYS.maxLifetime)?.value, HIKARI_DEFAULTS.maxLifetimeMs),
  };
}
