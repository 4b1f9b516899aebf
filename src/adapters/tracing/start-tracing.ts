import { NodeSDK } from '@opentelemetry/sdk-node';

/** A started OpenTelemetry SDK. */
export interface TracingHandle {
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK for traces, configured by the standard `OTEL_*` variables
 * (exporter, endpoint, headers, sampler, `OTEL_SERVICE_NAME`, default `prana`). Metrics stay with the
 * Prometheus endpoint and logs with stdout, so the SDK's own metric and log exporters are off unless
 * their variables name one.
 */
export function startTracing(env: NodeJS.ProcessEnv): TracingHandle {
  // The SDK reads its settings from the environment: these defaults apply only where nothing is set.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= 'prana';
  const sdk = new NodeSDK({ instrumentations: [] });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
