import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './tls';

describe('certificate authority', () => {
  const ca = createCertificateAuthority();

  it('issues a server certificate for 127.0.0.1 and localhost, signed by the CA', () => {
    const server = new X509Certificate(ca.server.certPem);
    const caCert = new X509Certificate(ca.caPem);
    expect(server.checkIssued(caCert)).toBe(true);
    expect(server.verify(caCert.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('DNS:localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(caCert.ca).toBe(true);
    expect(server.ca).toBe(false);
    // Go rejects negative serial numbers: the top bit must be clear.
    expect(parseInt(server.serialNumber.slice(0, 2), 16) & 0x80).toBe(0);
  });

  it('client certificates carry CN = user and O = groups, and verify', () => {
    const c = ca.issueClient('carol', ['ml-engineers', 'viewers']);
    const der = new X509Certificate(c.certPem).raw;
    expect(ca.verifyClient(der)).toEqual({ user: 'carol', groups: ['ml-engineers', 'viewers'] });
    expect(new X509Certificate(c.certPem).keyUsage).toContain('1.3.6.1.5.5.7.3.2');
  });

  it('rejects certificates of another CA, expired ones, and garbage', () => {
    const other = createCertificateAuthority();
    const foreign = new X509Certificate(other.issueClient('mallory').certPem).raw;
    expect(ca.verifyClient(foreign)).toEqual({ error: 'x509: certificate signed by unknown authority' });
    const old = ca.issueClient('old', [], { notBefore: new Date(Date.now() - 3 * 86400e3), notAfter: new Date(Date.now() - 86400e3) });
    expect(ca.verifyClient(new X509Certificate(old.certPem).raw)).toEqual({ error: 'x509: certificate has expired or is not yet valid' });
    expect(ca.verifyClient(Buffer.from('nope'))).toEqual({ error: 'unparseable client certificate' });
    expect(ca.verifyClient(undefined)).toBeUndefined();
  });

  it('every CA is new', () => {
    expect(createCertificateAuthority().caPem).not.toBe(ca.caPem);
  });
});
