/**
 * Makes `__proto__` an ordinary key in this process, as Node's `--disable-proto=delete` does: the
 * legacy accessor on Object.prototype is removed, so `object["__proto__"] = value` (in generated
 * protobuf code, in decoders, anywhere) defines an own property instead of swapping the object's
 * prototype. A `"__proto__"` key in input, params, expressions, code results and stored documents
 * then round-trips as data, and no request can reach an object's prototype through it.
 * Object.getPrototypeOf / setPrototypeOf are unaffected. Idempotent.
 */
export function makeProtoKeysPlain(): void {
  if (Object.getOwnPropertyDescriptor(Object.prototype, '__proto__') !== undefined) {
    delete (Object.prototype as { __proto__?: unknown }).__proto__;
  }
}
