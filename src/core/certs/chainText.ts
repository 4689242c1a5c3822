import type { CertificateInfo } from './certificateInfo';

/** A readable rendering of a certificate chain, leaf first, as Markdown. */
export function formatCertificateChain(title: string, chain: readonly CertificateInfo[]): string {
  const lines = [`# ${title}`, ''];
  if (chain.length === 0) {
    lines.push('The server presented no certificate.');
    return `${lines.join('\n')}\n`;
  }
  chain.forEach((cert, index) => {
    const role = index === 0 ? 'Leaf' : cert.selfSigned ? 'Root' : 'Intermediate';
    const validity = cert.daysLeft < 0 ? `**expired ${-cert.daysLeft} days ago**` : `${cert.daysLeft} days left`;
    lines.push(
      `## ${index}. ${role}: ${cert.subject}`,
      '',
      `| | |`,
      `|---|---|`,
      `| Issuer | ${cert.issuer} |`,
      `| Valid | ${cert.notBefore} → ${cert.notAfter} (${validity}) |`,
      `| Subject alternative names | ${cert.subjectAltNames.join(', ') || '(none)'} |`,
      `| Key | ${cert.keyType}${cert.keyBits ? ` ${cert.keyBits} bits` : ''} |`,
      `| Signature | ${cert.signatureAlgorithm} |`,
      `| Serial | ${cert.serialNumber} |`,
      `| SHA-256 | ${cert.sha256} |`,
      `| CA | ${cert.isCA ? 'yes' : 'no'}${cert.selfSigned ? ', self-signed' : ''} |`,
      ...(cert.ocsp.length ? [`| OCSP | ${cert.ocsp.join(', ')} |`] : []),
      ...(cert.crl.length ? [`| CRL | ${cert.crl.join(', ')} |`] : []),
      '',
    );
  });
  return `${lines.join('\n')}\n`;
}
