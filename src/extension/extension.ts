import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { registerCertificates, type CertificatesApi } from './certs/registerCertificates';
import { registerCommand } from './commandBoundary';
import { Commands } from './commandIds';
import { addEndpoint } from './commands/addEndpoint';
import { copyDiagnosis } from './commands/copyDiagnosis';
import { editEndpoints } from './commands/editEndpoints';
import { probeAll, probeEndpoint } from './commands/probeCommands';
import { setSecret } from './commands/setSecret';
import { showCertificateChain } from './commands/showCertificateChain';
import { registerConfigDiagnostics } from './config/registerConfigDiagnostics';
import { registerDiagnosis } from './diagnose/registerDiagnosis';
import { BackgroundProber } from './endpoints/backgroundProber';
import { EndpointHealthModel } from './endpoints/endpointHealthModel';
import { EndpointStore } from './endpoints/endpointStore';
import type { EndpointTreeNode } from './endpoints/endpointTreeNodes';
import { EndpointsTreeProvider } from './endpoints/endpointsTreeProvider';
import { HealthStatusBar } from './endpoints/healthStatusBar';
import type { ProbeHistoryReader } from './endpoints/probeHistoryStore';
import { registerProbeHistory } from './endpoints/registerProbeHistory';
import type { FindingsTreeNode } from './logs/findingsTreeNodes';
import { registerLogAnalysis } from './logs/registerLogAnalysis';
import { VerdictNotifier } from './endpoints/verdictNotifier';
import { SecretStorageSource } from './secretStorageSource';
import { ENDPOINTS_VIEW_ID } from './viewIds';

/** Set by the bundle's first and last lines (esbuild.mjs banner and footer), to time loading the code. */
declare const __invoiceDoctorLoadStart: number | undefined;
declare const __invoiceDoctorLoadEnd: number | undefined;

/**
 * Builds the extension's objects and registers them. No I/O and no probing happens here:
 * endpoints load when the view or the status bar first needs them.
 */
export function activate(context: vscode.ExtensionContext): InvoiceDoctorApi {
  const activateStart = performance.now();
  // The core's messages (probe layers, log fixes, config rules) come from @vscode/l10n: give it VS Code's catalog.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Invoice Doctor', { log: true });
  const secrets = new SecretStorageSource(context.secrets);
  const store = new EndpointStore(log);
  const model = new EndpointHealthModel(store, secrets, log);
  const history = registerProbeHistory(context, { log, model });
  const treeProvider = new EndpointsTreeProvider(model, history);
  const treeView = vscode.window.createTreeView(ENDPOINTS_VIEW_ID, { treeDataProvider: treeProvider, showCollapseAll: true });
  const statusBar = new HealthStatusBar(model);
  const prober = new BackgroundProber(model);
  const updateProbing = () => prober.setActive(treeView.visible || statusBar.isShown);

  context.subscriptions.push(
    log, store, model, treeProvider, treeView, statusBar, prober, new VerdictNotifier(model),
    treeView.onDidChangeVisibility(updateProbing),
    statusBar.onDidChangeVisibility(updateProbing),
    ...registerCommands({ log, store, model, secrets }),
  );
  const { findingsTree } = registerLogAnalysis(context, log);
  registerConfigDiagnostics(context, log);
  const certificates = registerCertificates(context, { log, model, secrets, statusBar });
  context.subscriptions.push(...registerDiagnosis(context, { log, model, secrets, history }));
  updateProbing();
  // Load after activation returns, so the status bar appears without the view being opened.
  const initialLoad = setTimeout(() => void store.ready().catch((error) => log.error(error)), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(initialLoad) });
  logActivationTime(log, activateStart);
  const probeHistory = { entries: (name: string) => history.entries(name), summary: (name: string) => history.summary(name) };
  return { endpointsTree: treeProvider, endpointsReady: () => store.ready(), findingsTree, probeHistory, ...certificates };
}

/**
 * What `extension.exports` offers: read-only access to the Endpoints tree, so tests (and other
 * extensions) assert on exactly what the user sees, through the provider's own public methods.
 */
export interface InvoiceDoctorApi extends CertificatesApi {
  endpointsTree: vscode.TreeDataProvider<EndpointTreeNode>;
  endpointsReady(): Promise<void>;
  /** The Findings view of the latest log analysis. */
  findingsTree: vscode.TreeDataProvider<FindingsTreeNode>;
  /** Each endpoint's recorded probes and their summary, by endpoint name. */
  probeHistory: Pick<ProbeHistoryReader, 'entries' | 'summary'>;
}

/**
 * One line per start, read by `npm run bench` (target: under 20 ms). Loading is our bundle's own
 * evaluation; VS Code then prepares the extension context before it calls activate().
 */
function logActivationTime(log: vscode.LogOutputChannel, activateStart: number): void {
  const now = performance.now();
  const loadStart = typeof __invoiceDoctorLoadStart === 'number' ? __invoiceDoctorLoadStart : activateStart;
  const loadEnd = typeof __invoiceDoctorLoadEnd === 'number' ? __invoiceDoctorLoadEnd : activateStart;
  const own = (loadEnd - loadStart) + (now - activateStart);
  log.info(`Activated in ${own.toFixed(1)} ms (loading ${(loadEnd - loadStart).toFixed(1)} ms, activate() ${(now - activateStart).toFixed(1)} ms; VS Code's context set-up in between ${(activateStart - loadEnd).toFixed(1)} ms)`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

interface Services {
  log: vscode.LogOutputChannel;
  store: EndpointStore;
  model: EndpointHealthModel;
  secrets: SecretStorageSource;
}

function registerCommands({ log, store, model, secrets }: Services): vscode.Disposable[] {
  const register = <A extends unknown[]>(id: string, handler: (...args: A) => Promise<unknown> | unknown) => registerCommand(log, id, handler);

  return [
    register(Commands.probeAll, () => probeAll(model)),
    register(Commands.probeEndpoint, (node?: EndpointTreeNode | string) => probeEndpoint(model, node)),
    register(Commands.addEndpoint, async () => {
      const name = await addEndpoint(store, secrets);
      if (name) await probeEndpoint(model, name);
      return name;
    }),
    register(Commands.editEndpoints, () => editEndpoints(store)),
    register(Commands.copyDiagnosis, (node?: EndpointTreeNode | string) => copyDiagnosis(model, node)),
    register(Commands.showCertificateChain, (node?: EndpointTreeNode | string) => showCertificateChain(model, node)),
    register(Commands.setSecret, async (name?: string) => {
      if (!(await setSecret(store, secrets, name))) return;
      // Endpoints that could not be probed for want of a secret get another chance at once.
      await Promise.all(model.all.filter((h) => h.setupProblem).map((h) => model.probe(h.endpoint.config.name)));
    }),
    register(Commands.showLog, () => log.show()),
  ];
}
