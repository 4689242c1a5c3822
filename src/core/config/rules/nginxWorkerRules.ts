import * as l10n from '@vscode/l10n';
import { RULES } from '../ruleCatalog';
import { childrenNamed } from '../parsers/nginxTree';
import { insertBefore, insertInBlock, replaceArgs } from '../nginxEdits';
import { fix, headRange, nginxDraft, type NginxDraft, type NginxRule } from './nginxRule';

const MIN_CONNECTIONS = 1024;
const NGINX_DEFAULT_CONNECTIONS = 512;

/**
 * Each proxied request holds two connections (client and upstream), and every connection is a
 * file descriptor, so worker_connections needs headroom and worker_rlimit_nofile at least
 * twice that. Only a main config (one with `events`) is checked.
 */
export const workerConnectionsLow: NginxRule = (roots) => {
  const events = childrenNamed(undefined, 'events', roots).find((d) => d.block);
  if (!events) return [];
  const drafts: NginxDraft[] = [];
  const connections = childrenNamed(events, 'worker_connections', roots)[0];
  const value = connections ? Number(connections.args[0]?.value) : NGINX_DEFAULT_CONNECTIONS;
  if (!connections) {
    drafts.push(nginxDraft(RULES.nginxWorkerConnectionsLow.id, events,
      l10n.t('events{} sets no worker_connections, so each worker handles at most {0} connections (half that when proxying): a burst of invoice submissions ends in "worker_connections are not enough" (server.worker_connections).', NGINX_DEFAULT_CONNECTIONS),
      fix(l10n.t('Add "worker_connections {0};"', MIN_CONNECTIONS), [insertInBlock(events, [`worker_connections ${MIN_CONNECTIONS};`])], { safe: true }), headRange(events)));
  } else if (Number.isInteger(value) && value < MIN_CONNECTIONS) {
    drafts.push(nginxDraft(RULES.nginxWorkerConnectionsLow.id, connections,
      l10n.t('worker_connections {0} is below {1}: proxying uses two connections per request, so a burst of invoice submissions ends in "worker_connections are not enough" (server.worker_connections).', value, MIN_CONNECTIONS),
      fix(l10n.t('Raise worker_connections to {0}', MIN_CONNECTIONS), [replaceArgs(connections, String(MIN_CONNECTIONS))], { safe: true })));
  }
  const needed = 2 * Math.max(Number.isInteger(value) ? value : 0, MIN_CONNECTIONS);
  const rlimit = childrenNamed(undefined, 'worker_rlimit_nofile', roots)[0];
  const limit = rlimit ? Number(rlimit.args[0]?.value) : undefined;
  if (!rlimit) {
    drafts.push(nginxDraft(RULES.nginxWorkerConnectionsLow.id, events,
      l10n.t('No worker_rlimit_nofile: workers keep the service\'s open-file limit (often 1024), below the {0} descriptors their connections can need, so bursts fail with "Too many open files" (server.fd_exhausted).', needed),
      fix(l10n.t('Add "worker_rlimit_nofile {0};"', needed), [insertBefore(events, [`worker_rlimit_nofile ${needed};`])], { safe: true }), headRange(events)));
  } else if (limit !== undefined && Number.isInteger(limit) && limit < needed) {
    drafts.push(nginxDraft(RULES.nginxWorkerConnectionsLow.id, rlimit,
      l10n.t('worker_rlimit_nofile {0} is below twice the worker connections ({1}): a busy worker runs out of file descriptors, "Too many open files" (server.fd_exhausted).', limit, needed),
      fix(l10n.t('Raise worker_rlimit_nofile to {0}', needed), [replaceArgs(rlimit, String(needed))], { safe: true })));
  }
  return drafts;
};
