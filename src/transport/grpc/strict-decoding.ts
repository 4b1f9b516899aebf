import type { ServiceDefinition } from '@grpc/grpc-js';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { AppError } from '../../app/app-error.js';

/**
 * How deep JSON values (google.protobuf.Value / Struct fields) may nest: the protobuf runtime stops
 * decoding at 100 nested messages, and each JSON level is three (Struct, its entry, Value).
 */
export const MAX_JSON_DEPTH = 32;

const UNDECODABLE = Symbol('undecodable');

/** What a request that could not be decoded becomes, so its handler answers it instead of grpc-js. */
interface Undecodable {
  readonly [UNDECODABLE]: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a decoder failed, for the caller. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/recursion limit/i.test(message) || error instanceof RangeError) return `values nest deeper than ${MAX_JSON_DEPTH} levels`;
  if (error instanceof TypeError && /encoded data was not valid/i.test(message)) return 'a string field is not valid UTF-8';
  return message.slice(0, 200);
}

/**
 * The service definition with request decoding made strict and safe: strings must be valid UTF-8
 * (two different byte strings can no longer become one id through U+FFFD), and a request that does
 * not decode (bad bytes, nesting past the runtime's limit) reaches its handler as an Undecodable
 * instead of failing inside grpc-js as INTERNAL. The generated decoder is handed a BinaryReader,
 * which it accepts in place of bytes.
 */
export function strictDefinition(definition: ServiceDefinition): ServiceDefinition {
  const strict: Record<string, ServiceDefinition[string]> = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize as (bytes: Buffer) => unknown;
    strict[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer): unknown => {
        try {
          return decode(new BinaryReader(bytes, (raw) => strictUtf8.decode(raw)) as unknown as Buffer);
        } catch (error) {
          const undecodable: Undecodable = { [UNDECODABLE]: reasonOf(error) };
          return undecodable;
        }
      },
    };
  }
  return strict as ServiceDefinition;
}

/** The INVALID_ARGUMENT answer to a request that did not decode; null for a decoded request. */
export function undecodableError(request: unknown, method: string): AppError | null {
  if (typeof request !== 'object' || request === null || !(UNDECODABLE in request)) return null;
  const reason = (request as Undecodable)[UNDECODABLE];
  return new AppError({ reason: 'invalid_request', message: `the ${method} request cannot be decoded: ${reason}`, metadata: { cause: 'undecodable' } });
}
