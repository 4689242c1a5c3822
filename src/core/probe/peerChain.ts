import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';

/**
 * The chain as Node reports it after a handshake, leaf first: the certificates the server sent
 * on the issuer path, completed from the connection's CA list where possible. Node links a
 * self-signed root to itself, hence the loop guard.
 */
export function peerChain(peer: DetailedPeerCertificate | undefined): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let current = peer; current?.raw && !seen.has(current.fingerprint256); current = current.issuerCertificate) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
  }
  return chain;
}
