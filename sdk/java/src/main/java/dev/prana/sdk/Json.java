package dev.prana.sdk;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;

/** JSON text in and out of google.protobuf.Value and Struct (inputs, variables, resume data, outputs). */
public final class Json {
  private Json() {}

  /** The Value of a JSON text. */
  public static Value value(String json) {
    Value.Builder builder = Value.newBuilder();
    merge(json, builder);
    return builder.build();
  }

  /** The Struct of a JSON object text. */
  public static Struct struct(String json) {
    Struct.Builder builder = Struct.newBuilder();
    merge(json, builder);
    return builder.build();
  }

  /** The compact JSON text of a Value or Struct. */
  public static String text(com.google.protobuf.MessageOrBuilder message) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not printable as JSON: " + e.getMessage(), e);
    }
  }

  private static void merge(String json, com.google.protobuf.Message.Builder builder) {
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
