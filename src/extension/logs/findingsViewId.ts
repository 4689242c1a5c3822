/** The Findings view, as contributed in package.json (in the `invoiceDoctor` container). */
export const FINDINGS_VIEW_ID = 'invoiceDoctor.findings';
