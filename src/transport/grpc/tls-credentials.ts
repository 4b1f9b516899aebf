import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { experimental, ServerCredentials } from '@grpc/grpc-js';
import type { TlsConfig } from '../../config/config.js';

/** The server's credentials, and how to stop watching their files. */
export interface LoadedCredentials {
  readonly credentials: ServerCredentials;
  /** Stops reading the files again (the server has stopped). */
  close(): void;
}

/** Where certificate reloads are reported. */
export interface TlsLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * The server's credentials: plaintext without TLS settings; otherwise TLS from the certificate and key
 * files, and mutual TLS when a client CA is given (a caller must then present a certificate that CA
 * signed). The files are checked now, so a missing file or a key that does not match its certificate
 * fails startup with the file named; then they are watched: read again every `reloadMs`, and new
 * connections use renewed certificates without a restart. Resolves once the first read has landed,
 * so no connection is turned away for want of a certificate.
 */
export async function loadServerCredentials(tls: TlsConfig | undefined, log: TlsLog): Promise<LoadedCredentials> {
  if (tls === undefined) return { credentials: ServerCredentials.createInsecure(), close: () => undefined };
  checkFiles(tls);
  const identity = new experimental.FileWatcherCertificateProvider({
    certificateFile: tls.certFile,
    privateKeyFile: tls.keyFile,
    refreshIntervalMs: tls.reloadMs,
  });
  const clientCa =
    tls.clientCaFile === undefined
      ? null
      : new experimental.FileWatcherCertificateProvider({ caCertificateFile: tls.clientCaFile, refreshIntervalMs: tls.reloadMs });
  let last: Buffer | undefined;
  let resolveFirst: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (resolveFirst = resolve));
  const onIdentity = (update: experimental.IdentityCertificateUpdate | null): void => {
    if (update === null) {
      log.warn({ certFile: tls.certFile, keyFile: tls.keyFile }, 'the TLS certificate or key cannot be read: new connections are refused until it can');
      return;
    }
    if (last !== undefined && !last.equals(update.certificate)) log.info({ certFile: tls.certFile }, 'TLS certificate reloaded');
    last = update.certificate;
    resolveFirst();
  };
  let resolveCa: () => void = () => undefined;
  const caLoaded = clientCa === null ? Promise.resolve() : new Promise<void>((resolve) => (resolveCa = resolve));
  const onCa = (update: experimental.CaCertificateUpdate | null): void => {
    if (update === null) log.warn({ clientCaFile: tls.clientCaFile }, 'the client CA cannot be read: new connections are refused until it can');
    else resolveCa();
  };
  identity.addIdentityCertificateListener(onIdentity);
  clientCa?.addCaCertificateListener(onCa);
  // Both the certificate and the client CA must be in before the server accepts a connection.
  await Promise.all([first, caLoaded]);
  // grpc-js passes its first argument on as the identity (certificate and key) provider.
  const credentials = experimental.createCertificateProviderServerCredentials(identity, clientCa, clientCa !== null);
  return {
    credentials,
    close: () => {
      identity.removeIdentityCertificateListener(onIdentity);
      clientCa?.removeCaCertificateListener(onCa);
    },
  };
}

/** Reads every file and builds a TLS context from them once: what is wrong is named before the server starts. */
function checkFiles(tls: TlsConfig): void {
  const read = (variable: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${variable} ${file}: ${(error as Error).message}`, { cause: error });
    }
  };
  const cert = read('PRANA_TLS_CERT_FILE', tls.certFile);
  const key = read('PRANA_TLS_KEY_FILE', tls.keyFile);
  const ca = tls.clientCaFile === undefined ? undefined : read('PRANA_TLS_CLIENT_CA_FILE', tls.clientCaFile);
  try {
    createSecureContext({ cert, key, ...(ca === undefined ? {} : { ca }) });
  } catch (error) {
    throw new Error(`PRANA_TLS_CERT_FILE / PRANA_TLS_KEY_FILE: ${(error as Error).message}`, { cause: error });
  }
}
