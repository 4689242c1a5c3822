import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { loadTrustStore } from '../probe/trustStore';
import { findPemBlocks } from './pemBlocks';

/**
 * The roots a chain is checked against: the same sources the probe trusts (Node's roots, the
 * system store, NODE_EXTRA_CA_CERTS, a CA file the user names), as parsed certificates indexed
 * by subject, because path building looks issuers up by name.
 */
export interface TrustAnchors {
  bySubject: Map<string, X509Certificate[]>;
  fingerprints: Set<string>;
  sources: string[];
}

export async function loadTrustAnchors(caFile: string | undefined, env: NodeJS.ProcessEnv, baseDir?: string): Promise<TrustAnchors> {
  const store = await loadTrustStore(caFile, baseDir, env);
  const anchors: TrustAnchors = { bySubject: new Map(), fingerprints: new Set(), sources: store.sources };
  for (const pem of [...rootCertificates, ...store.additional]) {
    for (const block of findPemBlocks(pem)) {
      if (block.label !== 'CERTIFICATE' || block.damaged) continue;
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(block.der);
      } catch {
        continue; // One damaged entry in a system bundle must not hide the others.
      }
      if (anchors.fingerprints.has(cert.fingerprint256)) continue;
      anchors.fingerprints.add(cert.fingerprint256);
      anchors.bySubject.set(cert.subject, [...(anchors.bySubject.get(cert.subject) ?? []), cert]);
    }
  }
  return anchors;
}
