import { existsSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from '../../sdk/typescript/src/gen/prana/v1/diagnostics.js';
import {
  CompileWorkflowResponse,
  GetNodeTypeRequest,
  GetNodeTypeResponse,
  ListNodeTypesResponse,
} from '../../sdk/typescript/src/gen/prana/v1/workflow_service.js';
import type { CommandContext } from '../context.js';
import { EXIT, Exit } from '../failure.js';
import { readWorkflow } from '../workflow-file.js';

/** A diagnostic as a compiler prints one: `file: node "key" param.path: severity code: message`. */
export function diagnosticText(file: string, diagnostic: Diagnostic): string {
  const where = [
    file,
    diagnostic.nodeKey === '' ? '' : `node "${diagnostic.nodeKey}"`,
    diagnostic.paramPath,
    diagnostic.port === '' ? '' : `port "${diagnostic.port}"`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  const severity = diagnostic.severity === DiagnosticSeverity.DIAGNOSTIC_SEVERITY_ERROR ? 'error' : 'warning';
  return `${where}: ${severity} ${diagnostic.code}: ${diagnostic.message}`;
}

/** Compiles a workflow file: prints its diagnostics; the graph id, or exit 3 with errors. */
export async function compileFile(ctx: CommandContext, file: string, quiet = false): Promise<string> {
  const response = await ctx.client.compile(readWorkflow(file));
  if (ctx.json && !quiet) ctx.out(JSON.stringify(CompileWorkflowResponse.toJSON(response)));
  else for (const diagnostic of response.diagnostics) ctx.err(diagnosticText(file, diagnostic));
  if (response.graphId === '') {
    if (!ctx.json) ctx.err(`${file}: does not compile (${response.diagnostics.length} diagnostics)`);
    throw new Exit(EXIT.compileErrors);
  }
  if (!ctx.json && !quiet) ctx.out(response.graphId);
  return response.graphId;
}

/** A graph id, or the id of the graph a workflow file compiles to. */
export async function graphOf(ctx: CommandContext, fileOrGraphId: string): Promise<string> {
  return existsSync(fileOrGraphId) ? compileFile(ctx, fileOrGraphId, true) : fileOrGraphId;
}

/** `node-types [TYPE]`: the catalog, or one type with its ports and params. */
export async function nodeTypes(ctx: CommandContext, type: string | undefined): Promise<void> {
  if (type !== undefined) {
    const response = await ctx.client.call(ctx.client.workflows, ctx.client.workflows.getNodeType, GetNodeTypeRequest.fromPartial({ type }));
    if (ctx.json) return ctx.out(JSON.stringify(GetNodeTypeResponse.toJSON(response)));
    const node = response.nodeType;
    if (node === undefined) return;
    ctx.out(`${node.type}: ${node.description}`);
    ctx.out(`  inputs: ${node.inputPorts.join(', ') || '–'}   outputs: ${node.outputPorts.join(', ') || (node.dynamicPorts ? 'any' : '–')}`);
    return;
  }
  const response = await ctx.client.listNodeTypes();
  if (ctx.json) return ctx.out(JSON.stringify(ListNodeTypesResponse.toJSON(response)));
  const width = Math.max(...response.nodeTypes.map((node) => node.type.length));
  for (const node of response.nodeTypes) ctx.out(`${node.type.padEnd(width)}  ${node.description}`);
}
