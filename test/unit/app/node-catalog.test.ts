// The node catalog: every built-in type described, params and settings as JSON Schema that a standard
// validator accepts and that agrees with the service's own validation on sample params.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/app/app-error.js';
import { nodeCatalog, nodeTypeOf } from '../../../src/app/node-catalog.js';
import type { JsonObject } from '../../../src/domain/json.js';
import { builtinNodeTypes, builtinRegistry } from '../../../src/nodes/builtin/catalog.js';
import { validateParams } from '../../../src/nodes/kit/schema.js';

const registry = builtinRegistry();
const ajv = new Ajv2020({ strict: true, allErrors: true });

function validatorOf(type: string): (params: JsonObject) => boolean {
  const validate = ajv.compile(nodeTypeOf(registry, type).paramsSchema);
  return (params) => validate(params) as boolean;
}

describe('node catalog', () => {
  it('describes every built-in type, in the catalog order, with ports and a description', () => {
    const catalog = nodeCatalog(registry);
    expect(catalog.map((info) => info.type)).toEqual(builtinNodeTypes().map((t) => t.type));
    for (const info of catalog) {
      expect(info.description.length, info.type).toBeGreaterThan(20);
      expect(info.inputPorts.length === 0, info.type).toBe(info.trigger);
    }
    expect(nodeTypeOf(registry, 'logic.if_condition')).toMatchObject({ outputPorts: ['true', 'false'], inputPorts: ['main'], trigger: false });
    expect(nodeTypeOf(registry, 'task.external')).toMatchObject({ dynamicPorts: true, sideEffects: true });
  });

  it('gives params and settings as JSON Schema that a strict draft 2020-12 validator compiles', () => {
    for (const info of nodeCatalog(registry)) {
      expect(() => ajv.compile(info.paramsSchema), info.type).not.toThrow();
      expect(() => ajv.compile(info.settingsSchema), info.type).not.toThrow();
    }
  });

  it('agrees with the service on sample params: required fields, enums in any case, bounds, unknown fields', () => {
    const http = validatorOf('http.request');
    const samples: [JsonObject, boolean][] = [
      [{ url: 'https://example.com' }, true],
      [{ url: 'https://example.com', method: 'post', timeout: 1000 }, true],
      [{ method: 'GET' }, false],
      [{ url: 'https://example.com', method: 'FETCH' }, false],
      [{ url: 'https://example.com', timeout: 0 }, false],
      [{ url: 'https://example.com', timeout: 300_001 }, false],
    ];
    const httpType = registry.get('http.request')!;
    for (const [params, valid] of samples) {
      expect(http(params), JSON.stringify(params)).toBe(valid);
      expect(validateParams(httpType.schema, params).ok, JSON.stringify(params)).toBe(valid);
    }
    const settings = ajv.compile(nodeTypeOf(registry, 'core.log').settingsSchema);
    expect(settings({ on_error: 'continue', max_retries: 3, retry_backoff: 1.5 })).toBe(true);
    expect(settings({ max_retries: 11 })).toBe(false);
    expect(settings({ on_error: 'ignore' })).toBe(false);
    expect(settings({ unknown: 1 })).toBe(false);
  });

  it('refuses an unknown type as not_found, naming the closest one', () => {
    let refused: unknown;
    try {
      nodeTypeOf(registry, 'http.requests');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ reason: 'not_found', message: 'NodeType http.requests not found (did you mean "http.request"?)' });
    expect(() => nodeTypeOf(registry, '')).toThrow(/type/);
  });
});
