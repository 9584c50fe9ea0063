// A throwaway certificate authority: the server certificate (SAN IP:127.0.0.1, DNS:localhost) and
// client certificates (CN = user, O = groups), and the check of a presented client certificate.
// Keys come from node:crypto (fast); node-forge builds and signs the X.509 certificates.

import { X509Certificate, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

// RSA-2048 generation costs ~150 ms; one key per role is kept for the life of the process (the
// certificates, and the CA, are still new for every stand-in).
const keyCache = new Map<string, KeyPair>();
function keyPair(role: string): KeyPair {
  let k = keyCache.get(role);
  if (!k) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    k = { privateKeyPem: privateKey, publicKeyPem: publicKey };
    keyCache.set(role, k);
  }
  return k;
}

/** A positive serial number (Go rejects negative ones). */
function serial(): string {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f;
  if (b[0] === 0) b[0] = 1;
  return b.toString('hex');
}

export interface IssuedCert {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority {
  readonly caPem: string;
  readonly server: IssuedCert;
  issueClient(user: string, groups?: string[], opts?: { notAfter?: Date; notBefore?: Date }): IssuedCert;
  /** The identity in a presented client certificate, if it was issued by this CA and is valid now. */
  verifyClient(der: Buffer | undefined, now?: Date): { user: string; groups: string[] } | { error: string } | undefined;
}

export function createCertificateAuthority(commonName = 'kube-standin-ca'): CertificateAuthority {
  const caKeys = keyPair('ca');
  const caKey = forge.pki.privateKeyFromPem(caKeys.privateKeyPem);
  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.publicKeyFromPem(caKeys.publicKeyPem);
  ca.serialNumber = serial();
  const now = Date.now();
  ca.validity.notBefore = new Date(now - 60 * 60 * 1000);
  ca.validity.notAfter = new Date(now + 10 * 365 * 24 * 3600 * 1000);
  // A unique CA name per stand-in, so that certificates of another run never verify here.
  const caName = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: `kube-standin-${randomBytes(4).toString('hex')}` },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKey, forge.md.sha256.create());
  const caPem = forge.pki.certificateToPem(ca);

  function issue(
    role: string,
    subject: forge.pki.CertificateField[],
    extensions: object[],
    validity: { notBefore?: Date; notAfter?: Date } = {},
  ): IssuedCert {
    const keys = keyPair(role);
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
    cert.serialNumber = serial();
    cert.validity.notBefore = validity.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
    cert.validity.notAfter = validity.notAfter ?? new Date(Date.now() + 365 * 24 * 3600 * 1000);
    cert.setSubject(subject);
    cert.setIssuer(ca.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
      ...extensions,
    ]);
    cert.sign(caKey, forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
  }

  const server = issue(
    'server',
    [{ name: 'commonName', value: 'kube-apiserver' }],
    [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes.default.svc' },
        ],
      },
    ],
  );

  const caX509 = new X509Certificate(caPem);
  const caPublicKey = createPublicKey(caKeys.publicKeyPem);

  return {
    caPem,
    server,
    issueClient(user, groups = [], validity) {
      const subject: forge.pki.CertificateField[] = groups.map((g) => ({ name: 'organizationName', value: g }));
      subject.push({ name: 'commonName', value: user });
      return issue(
        'client',
        subject,
        [
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', clientAuth: true },
        ],
        validity,
      );
    },
    verifyClient(der, at = new Date()) {
      if (!der || der.length === 0) return undefined;
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(der);
      } catch {
        return { error: 'unparseable client certificate' };
      }
      if (!cert.checkIssued(caX509) || !cert.verify(caPublicKey)) {
        return { error: 'x509: certificate signed by unknown authority' };
      }
      if (at < new Date(cert.validFrom) || at > new Date(cert.validTo)) {
        return { error: 'x509: certificate has expired or is not yet valid' };
      }
      const eku = cert.keyUsage;
      if (eku && eku.length > 0 && !eku.includes('1.3.6.1.5.5.7.3.2')) {
        return { error: 'x509: certificate specifies an incompatible key usage' };
      }
      return parseSubject(cert);
    },
  };
}

/** CN = user, every O = a group (the x509 authenticator's mapping). */
function parseSubject(cert: X509Certificate): { user: string; groups: string[] } {
  let user = '';
  const groups: string[] = [];
  // X509Certificate.subject is "CN=alice\nO=a\nO=b"; forge reads the raw attributes for us to avoid escaping issues.
  const f = forge.pki.certificateFromPem(cert.toString());
  for (const a of f.subject.attributes) {
    if (a.shortName === 'CN' || a.name === 'commonName') user = String(a.value);
    if (a.shortName === 'O' || a.name === 'organizationName') groups.push(String(a.value));
  }
  return { user, groups };
}
