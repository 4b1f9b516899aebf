import { experimental, ServerCredentials } from '@grpc/grpc-js';
import type { TlsConfig } from '../../config/config.js';

/**
 * The server's credentials: plaintext without TLS settings; otherwise TLS from the certificate and key
 * files, and mutual TLS when a client CA is given (a caller must then present a certificate that CA
 * signed). The files are watched: grpc-js reads them again every `reloadMs`, and new connections use
 * the renewed certificates without a restart.
 */
export function serverCredentials(tls: TlsConfig | undefined): ServerCredentials {
  if (tls === undefined) return ServerCredentials.createInsecure();
  const identity = new experimental.FileWatcherCertificateProvider({
    certificateFile: tls.certFile,
    privateKeyFile: tls.keyFile,
    refreshIntervalMs: tls.reloadMs,
  });
  const clientCa =
    tls.clientCaFile === undefined
      ? null
      : new experimental.FileWatcherCertificateProvider({ caCertificateFile: tls.clientCaFile, refreshIntervalMs: tls.reloadMs });
  // grpc-js passes its first argument on as the identity (certificate and key) provider.
  return experimental.createCertificateProviderServerCredentials(identity, clientCa, clientCa !== null);
}
