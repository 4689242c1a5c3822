import type { DatabaseEngine, DatabaseLimits } from './databaseLimits';
import type { PoolUsage } from './poolSizing';
import type { WorkspaceConfigContext } from './workspaceContext';

/**
 * Which database config of the run a pool talks to: the one of the JDBC URL's engine, or the
 * only engine present when the URL does not say. With several configs of one engine the
 * tightest is used, so a warning is never missed because a roomier server exists elsewhere.
 */
export function databasesFor(context: WorkspaceConfigContext, engine: DatabaseEngine | undefined): DatabaseLimits[] {
  const engines = new Set(context.databases.map((d) => d.engine));
  const wanted = engine ?? (engines.size === 1 ? [...engines][0] : undefined);
  return wanted ? context.databases.filter((d) => d.engine === wanted) : [];
}

export function tightestByConnections(databases: DatabaseLimits[]): DatabaseLimits | undefined {
  return [...databases].sort((a, b) => a.maxConnections - b.reservedConnections - (b.maxConnections - b.reservedConnections))[0];
}

/** Pools of other files of the run that share a database engine with `engine`. */
export function otherPools(context: WorkspaceConfigContext, engine: DatabaseEngine | undefined, path: string | undefined): PoolUsage[] {
  const engines = new Set(context.databases.map((d) => d.engine));
  const sameEngine = (p: PoolUsage) => (p.engine ?? (engines.size === 1 ? [...engines][0] : undefined)) === (engine ?? (engines.size === 1 ? [...engines][0] : undefined));
  return context.pools.filter((p) => p.path !== path && sameEngine(p));
}
