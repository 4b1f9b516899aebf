package dev.prana.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.prana.v1.ExecutionServiceGrpc;
import dev.prana.v1.GetExecutionRequest;
import dev.prana.v1.GetExecutionResponse;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SdkTest {
  @Test
  void jsonRoundTrips() {
    String json = "{\"a\":[1,true,null],\"b\":{\"$x.y\":\"z\"}}";
    assertEquals("{\"a\":[1.0,true,null],\"b\":{\"$x.y\":\"z\"}}", Json.text(Json.value(json)));
  }

  @Test
  void refusalsAreDecodedAndHeadersSent() throws Exception {
    AtomicReference<String> namespace = new AtomicReference<>();
    ExecutionServiceGrpc.ExecutionServiceImplBase service = new ExecutionServiceGrpc.ExecutionServiceImplBase() {
      @Override
      public void getExecution(GetExecutionRequest request, StreamObserver<GetExecutionResponse> responses) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
            .setCode(io.grpc.Status.Code.INVALID_ARGUMENT.value())
            .setMessage("invalid execution_id")
            .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("invalid_request").setDomain("prana").build()))
            .addDetails(Any.pack(BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("execution_id").setDescription("is required"))
                .build()))
            .build();
        responses.onError(StatusProto.toStatusRuntimeException(status));
      }
    };
    ServerInterceptor capture = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        namespace.set(headers.get(Metadata.Key.of("prana-namespace", Metadata.ASCII_STRING_MARSHALLER)));
        return next.startCall(call, headers);
      }
    };
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(service, capture)).build().start();
    try (PranaClient client = new PranaClient(InProcessChannelBuilder.forName(name).build(), "key", "team-a")) {
      PranaError error = null;
      try {
        client.executions.getExecution(GetExecutionRequest.getDefaultInstance());
      } catch (RuntimeException failure) {
        error = PranaError.of(failure);
      }
      assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, error.code());
      assertEquals("invalid_request", error.reason());
      assertEquals("execution_id", error.fields().get(0).field());
      assertEquals("team-a", namespace.get());
    } finally {
      server.shutdownNow();
    }
  }
}
