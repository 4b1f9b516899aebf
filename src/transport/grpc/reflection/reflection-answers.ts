import { readFileSync } from 'node:fs';
import { createFileRegistry, fromBinary, toBinary, type DescFile, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { status } from '@grpc/grpc-js';
import type { ServerReflectionRequest, ServerReflectionResponse } from '../../../gen/grpc/reflection/v1/reflection.js';

/**
 * Answers server reflection requests from the contract's descriptor set (`proto/prana.binpb`, built by
 * buf with every import): the services the server serves, and for a file name or a symbol the file
 * that defines it with all it depends on, so a client such as grpcurl can call any RPC without the
 * .proto files.
 */
export class ReflectionAnswers {
  private constructor(
    private readonly registry: FileRegistry,
    private readonly services: readonly string[],
  ) {}

  /** Reads the descriptor set; `services` are the full names the server serves. */
  static fromFile(descriptorSetPath: string, services: readonly string[]): ReflectionAnswers {
    const set = fromBinary(FileDescriptorSetSchema, readFileSync(descriptorSetPath));
    return new ReflectionAnswers(createFileRegistry(set), services);
  }

  answer(request: ServerReflectionRequest): ServerReflectionResponse {
    const respond = (messageResponse: ServerReflectionResponse['messageResponse']): ServerReflectionResponse => ({
      validHost: request.host,
      originalRequest: request,
      messageResponse,
    });
    const notFound = (what: string): ServerReflectionResponse =>
      respond({ $case: 'errorResponse', value: { errorCode: status.NOT_FOUND, errorMessage: `${what} not found` } });
    const files = (file: DescFile | undefined, what: string): ServerReflectionResponse =>
      file === undefined ? notFound(what) : respond({ $case: 'fileDescriptorResponse', value: { fileDescriptorProto: withDependencies(file) } });

    const asked = request.messageRequest;
    switch (asked?.$case) {
      case 'listServices':
        return respond({ $case: 'listServicesResponse', value: { service: this.services.map((name) => ({ name })) } });
      case 'fileByFilename':
        return files(this.registry.getFile(asked.value), `file ${asked.value}`);
      case 'fileContainingSymbol':
        return files(this.fileOfSymbol(asked.value), `symbol ${asked.value}`);
      case 'fileContainingExtension':
      case 'allExtensionNumbersOfType':
        // The contract declares no extensions.
        return notFound('extension');
      case undefined:
        return respond({ $case: 'errorResponse', value: { errorCode: status.INVALID_ARGUMENT, errorMessage: 'empty reflection request' } });
    }
  }

  /** The file defining a message, enum, service, or a service's method (`pkg.Service.Method`). */
  private fileOfSymbol(symbol: string): DescFile | undefined {
    const found = this.registry.get(symbol);
    if (found !== undefined) return found.file;
    const dot = symbol.lastIndexOf('.');
    const service = dot < 0 ? undefined : this.registry.getService(symbol.slice(0, dot));
    return service?.methods.some((method) => method.name === symbol.slice(dot + 1)) === true ? service.file : undefined;
  }
}

/** The file and, after it, every file it imports, directly or not, each once. */
function withDependencies(file: DescFile): Buffer[] {
  const seen = new Set<string>();
  const out: Buffer[] = [];
  const visit = (current: DescFile): void => {
    if (seen.has(current.name)) return;
    seen.add(current.name);
    out.push(Buffer.from(toBinary(FileDescriptorProtoSchema, current.proto)));
    for (const dependency of current.dependencies) visit(dependency);
  };
  visit(file);
  return out;
}
