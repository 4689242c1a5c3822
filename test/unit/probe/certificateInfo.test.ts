import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describeCertificate, isWeakKey, isWeakSignature } from '../../../src/core/certs/certificateInfo';
import { createAuthority, daysFromNow, issue } from '../../../src/demo/pki';

describe('describeCertificate', () => {
  const authority = createAuthority('Info');

  it('describes a server certificate completely', () => {
    const leaf = issue(authority.intermediate, { commonName: 'gw.example.com', altNames: ['gw.example.com', '192.0.2.7'], organization: 'Example', notAfter: daysFromNow(40.5) });
    const info = describeCertificate(new X509Certificate(leaf.certPem));
    assert.equal(info.subject, 'CN=gw.example.com, O=Example');
    assert.equal(info.issuer, 'CN=Info Intermediate CA');
    assert.deepEqual(info.subjectAltNames, ['DNS:gw.example.com', 'IP:192.0.2.7']);
    assert.equal(info.daysLeft, 40);
    assert.equal(info.keyType, 'RSA');
    assert.equal(info.keyBits, 2048);
    assert.equal(info.signatureAlgorithm, 'sha256WithRSAEncryption');
    assert.match(info.sha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(info.isCA, false);
    assert.equal(info.selfSigned, false);
    assert.equal(info.serialNumber, forge.pki.certificateFromPem(leaf.certPem).serialNumber.toUpperCase());
    assert.equal(isWeakKey(info), false);
    assert.equal(isWeakSignature(info), false);
  });

  it('recognises a self-signed root, and weak keys and SHA-1 signatures', () => {
    const root = describeCertificate(new X509Certificate(authority.root.certPem));
    assert.equal(root.selfSigned, true);
    assert.equal(root.isCA, true);
    const weak = describeCertificate(new X509Certificate(issue(authority.intermediate, { commonName: 'old', keyBits: 1024, digest: 'sha1' }).certPem));
    assert.equal(weak.signatureAlgorithm, 'sha1WithRSAEncryption');
    assert.equal(isWeakKey(weak), true);
    assert.equal(isWeakSignature(weak), true);
  });

  it('reads OCSP and CRL addresses', () => {
    const cert = forge.pki.certificateFromPem(issue(authority.intermediate, { commonName: 'with-urls' }).certPem);
    cert.setExtensions([
      ...cert.extensions,
      // authorityInfoAccess and cRLDistributionPoints, written as raw DER since forge has no builders for them.
      { id: '1.3.6.1.5.5.7.1.1', value: der(accessDescription('1.3.6.1.5.5.7.48.1', 'http://ocsp.example.com')) },
      { id: '2.5.29.31', value: der(distributionPoint('http://crl.example.com/ca.crl')) },
    ]);
    cert.sign(authority.intermediate.key, forge.md.sha256.create());
    const info = describeCertificate(new X509Certificate(forge.pki.certificateToPem(cert)));
    assert.deepEqual(info.ocsp, ['http://ocsp.example.com']);
    assert.deepEqual(info.crl, ['http://crl.example.com/ca.crl']);
  });
});

const { asn1 } = forge;

function uri(text: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, text);
}

function accessDescription(method: string, location: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(method).getBytes()),
      uri(location),
    ]),
  ]);
}

function distributionPoint(location: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [uri(location)]),
      ]),
    ]),
  ]);
}

function der(node: forge.asn1.Asn1): string {
  return asn1.toDer(node).getBytes();
}
