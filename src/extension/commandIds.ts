/**
 * Every command the extension registers. package.json contributes exactly these; a test
 * fails when the two lists drift apart.
 */
export const Commands = {
  probeAll: 'invoiceDoctor.endpoints.probeAll',
  probeEndpoint: 'invoiceDoctor.endpoints.probe',
  addEndpoint: 'invoiceDoctor.endpoints.add',
  editEndpoints: 'invoiceDoctor.endpoints.edit',
  copyDiagnosis: 'invoiceDoctor.endpoints.copyDiagnosis',
  showCertificateChain: 'invoiceDoctor.endpoints.showCertificateChain',
  diagnoseEndpoint: 'invoiceDoctor.endpoints.diagnose',
  copyForSupportTicket: 'invoiceDoctor.diagnosis.copyForSupportTicket',
  exportDiagnosisMarkdown: 'invoiceDoctor.diagnosis.exportMarkdown',
  exportDiagnosisHtml: 'invoiceDoctor.diagnosis.exportHtml',
  setSecret: 'invoiceDoctor.secrets.set',
  clearProbeHistory: 'invoiceDoctor.history.clear',
  showLog: 'invoiceDoctor.showLog',
  lintWorkspaceConfigs: 'invoiceDoctor.config.lintWorkspace',
  analyzeLogs: 'invoiceDoctor.logs.analyze',
  showLogReport: 'invoiceDoctor.logs.showReport',
  exportLogReportMarkdown: 'invoiceDoctor.logs.exportMarkdown',
  exportLogReportHtml: 'invoiceDoctor.logs.exportHtml',
  inspectCertificate: 'invoiceDoctor.certs.inspect',
  exportCertificateChain: 'invoiceDoctor.certs.exportChain',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
