package dev.prana.sdk;

import dev.prana.v1.ExecutionServiceGrpc;
import dev.prana.v1.ScheduleServiceGrpc;
import dev.prana.v1.TaskServiceGrpc;
import dev.prana.v1.WorkflowServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the service: one channel, every call carrying the bearer token and the namespace,
 * and the generated blocking stubs of the four services.
 */
public final class PranaClient implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> NAMESPACE = Metadata.Key.of("prana-namespace", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  public final WorkflowServiceGrpc.WorkflowServiceBlockingStub workflows;
  public final ExecutionServiceGrpc.ExecutionServiceBlockingStub executions;
  public final TaskServiceGrpc.TaskServiceBlockingStub tasks;
  public final ScheduleServiceGrpc.ScheduleServiceBlockingStub schedules;

  /** Connects in plaintext. */
  public static PranaClient connect(String target, String token, String namespace) {
    return connect(target, InsecureChannelCredentials.create(), token, namespace);
  }

  /**
   * Connects with these credentials (e.g. {@code TlsChannelCredentials.newBuilder()...build()} for
   * TLS or mutual TLS); a null token or namespace sends none.
   */
  public static PranaClient connect(String target, ChannelCredentials credentials, String token, String namespace) {
    return new PranaClient(Grpc.newChannelBuilder(target, credentials).build(), token, namespace);
  }

  /** Wraps a channel of the caller's own (in-process, custom settings). */
  public PranaClient(ManagedChannel channel, String token, String namespace) {
    this.channel = channel;
    ClientInterceptor headers = new Headers(token, namespace);
    this.workflows = WorkflowServiceGrpc.newBlockingStub(channel).withInterceptors(headers);
    this.executions = ExecutionServiceGrpc.newBlockingStub(channel).withInterceptors(headers);
    this.tasks = TaskServiceGrpc.newBlockingStub(channel).withInterceptors(headers);
    this.schedules = ScheduleServiceGrpc.newBlockingStub(channel).withInterceptors(headers);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Adds the authorization and namespace metadata to every call. */
  private record Headers(String token, String namespace) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata metadata) {
          if (token != null) {
            metadata.put(AUTHORIZATION, "Bearer " + token);
          }
          if (namespace != null) {
            metadata.put(NAMESPACE, namespace);
          }
          super.start(listener, metadata);
        }
      };
    }
  }
}
