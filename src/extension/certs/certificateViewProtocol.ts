/**
 * Messages from the certificate view's page to the extension. The page is plain HTML with a
 * few buttons; everything it shows is rendered by the extension.
 */
export type CertificateViewMessage =
  /** Copy one certificate's PEM: from the chain as read, or from the issuers downloaded for it. */
  | { type: 'copyPem'; list: 'chain' | 'fetched'; index: number }
  | { type: 'exportChain' };

export function isCertificateViewMessage(raw: unknown): raw is CertificateViewMessage {
  const message = raw as Partial<Record<string, unknown>> | null;
  if (message?.type === 'exportChain') return true;
  return message?.type === 'copyPem' && (message.list === 'chain' || message.list === 'fetched') && Number.isInteger(message.index);
}
