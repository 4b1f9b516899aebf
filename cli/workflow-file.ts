import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createFileRegistry, fromBinary, fromJson, toBinary, type JsonValue } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { parse as parseYaml } from 'yaml';
import { Workflow } from '../sdk/typescript/src/gen/prana/v1/workflow.js';
import { UsageError } from './failure.js';

/** The contract's descriptor set: beside the sources, or two levels up from the built files. */
function descriptorSet(): Uint8Array {
  for (const candidate of ['../proto/prana.binpb', '../../proto/prana.binpb']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return readFileSync(url);
  }
  throw new Error('the contract (proto/prana.binpb) was not found beside the CLI');
}

/**
 * Reads a workflow file, JSON or YAML (by its extension; YAML for `.yaml` and `.yml`), in the
 * protobuf JSON form of `prana.v1.Workflow` (field names as in the .proto or in lowerCamelCase). A
 * field the contract does not know is refused, so a typo is not silently dropped.
 */
export function readWorkflow(path: string): Workflow {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid ${extname(path).toLowerCase().startsWith('.y') ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, descriptorSet()));
  const schema = registry.getMessage('prana.v1.Workflow');
  if (schema === undefined) throw new Error('prana.v1.Workflow is missing from the contract');
  try {
    return Workflow.decode(toBinary(schema, fromJson(schema, json as JsonValue)));
  } catch (error) {
    throw new UsageError(`${path} is not a workflow: ${(error as Error).message}`);
  }
}
