// Certificates made in the test with the openssl command: a CA, and server and client certificates it signs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, as files and as PEM text. */
export interface Issued {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** A certificate authority in a temporary folder. */
export interface TestCa extends Issued {
  /** Signs a certificate for `name`: a server's (localhost and 127.0.0.1) or a client's. */
  issue(name: string, use: 'server' | 'client'): Issued;
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** `openssl req` options for a new EC P-256 key, unencrypted, written to `keyFile`. */
function newKey(keyFile: string): string[] {
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile];
}

/** Makes a CA with an EC P-256 key, valid for a day. */
export function makeTestCa(name = 'prana-test-ca'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'prana-ca-'));
  const keyFile = join(dir, 'ca.key');
  const certFile = join(dir, 'ca.pem');
  openssl(['req', '-x509', ...newKey(keyFile), '-out', certFile, '-days', '1', '-subj', `/CN=${name}`]);
  let serial = 1;
  return {
    certFile,
    keyFile,
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    issue(subject, use) {
      const base = join(dir, `${subject}-${serial}`);
      const extensions = `${base}.ext`;
      writeFileSync(
        extensions,
        use === 'server'
          ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
          : `subjectAltName=DNS:${subject}\nextendedKeyUsage=clientAuth\n`,
      );
      openssl(['req', ...newKey(`${base}.key`), '-out', `${base}.csr`, '-subj', `/CN=${subject}`]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        certFile,
        '-CAkey',
        keyFile,
        '-set_serial',
        String(serial++),
        '-out',
        `${base}.pem`,
        '-days',
        '1',
        '-extfile',
        extensions,
      ]);
      return { certFile: `${base}.pem`, keyFile: `${base}.key`, cert: readFileSync(`${base}.pem`), key: readFileSync(`${base}.key`) };
    },
  };
}
