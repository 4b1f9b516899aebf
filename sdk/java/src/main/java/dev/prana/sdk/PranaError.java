package dev.prana.sdk;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A call the service refused or failed: the gRPC code, the ErrorInfo reason ({@code not_found},
 * {@code invalid_request}, {@code token_expired}, …; the table is in the contract's errors.proto)
 * with its metadata, the BadRequest field violations and the ResourceInfo of a NOT_FOUND.
 */
public final class PranaError extends RuntimeException {
  /** A request field at fault. */
  public record FieldViolation(String field, String description) {}

  private final Status.Code code;
  private final String reason;
  private final Map<String, String> metadata;
  private final List<FieldViolation> fields;
  private final String resourceType;
  private final String resourceName;

  private PranaError(
      Status.Code code,
      String message,
      String reason,
      Map<String, String> metadata,
      List<FieldViolation> fields,
      String resourceType,
      String resourceName,
      Throwable cause) {
    super(code + (reason.isEmpty() ? "" : " (" + reason + ")") + ": " + message, cause);
    this.code = code;
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
    this.fields = List.copyOf(fields);
    this.resourceType = resourceType;
    this.resourceName = resourceName;
  }

  /** Decodes a failed call (a StatusRuntimeException from any stub) with its rich details. */
  public static PranaError of(Throwable failure) {
    if (failure instanceof PranaError error) {
      return error;
    }
    Status status = Status.fromThrowable(failure);
    com.google.rpc.Status rich = StatusProto.fromThrowable(failure);
    String message = status.getDescription() == null ? "" : status.getDescription();
    String reason = "";
    Map<String, String> metadata = Map.of();
    List<FieldViolation> fields = new ArrayList<>();
    String resourceType = "";
    String resourceName = "";
    if (rich != null) {
      for (Any detail : rich.getDetailsList()) {
        try {
          if (detail.is(ErrorInfo.class)) {
            ErrorInfo info = detail.unpack(ErrorInfo.class);
            reason = info.getReason();
            metadata = info.getMetadataMap();
          } else if (detail.is(BadRequest.class)) {
            for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
              fields.add(new FieldViolation(v.getField(), v.getDescription()));
            }
          } else if (detail.is(ResourceInfo.class)) {
            ResourceInfo resource = detail.unpack(ResourceInfo.class);
            resourceType = resource.getResourceType();
            resourceName = resource.getResourceName();
          }
        } catch (InvalidProtocolBufferException ignored) {
          // A detail that does not decode is left out; the code and message still say what happened.
        }
      }
    }
    return new PranaError(status.getCode(), message, reason, metadata, fields, resourceType, resourceName, failure);
  }

  public Status.Code code() {
    return code;
  }

  /** The ErrorInfo reason, or "" when the failure has none (a transport failure). */
  public String reason() {
    return reason;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  public List<FieldViolation> fields() {
    return fields;
  }

  public String resourceType() {
    return resourceType;
  }

  public String resourceName() {
    return resourceName;
  }
}
