// The small slice of n8n's API the peer benchmark uses, typed locally (n8n is never a project
// dependency), and the loader that requires the installed CommonJS packages from bench/.peers/n8n/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** An n8n item (`INodeExecutionData`): the JSON payload and the input item it came from. */
export interface N8nItem {
  readonly json: Record<string, unknown>;
  readonly pairedItem?: { readonly item: number };
}

/** The part of `IExecuteFunctions` the bench nodes call. */
export interface N8nExecuteFunctions {
  getInputData(): N8nItem[];
  getNodeParameter(name: string, itemIndex: number): unknown;
}

/** A parameter declaration of a node type (`INodeProperties`). */
export interface N8nNodeProperty {
  readonly displayName: string;
  readonly name: string;
  readonly type: 'string' | 'number';
  readonly default: string | number;
}

/** A programmatic node type (`INodeType` with `execute`). */
export interface N8nNodeType {
  readonly description: {
    readonly displayName: string;
    readonly name: string;
    readonly group: string[];
    readonly version: number;
    readonly description: string;
    readonly defaults: { readonly name: string };
    readonly inputs: string[];
    readonly outputs: string[];
    readonly properties: N8nNodeProperty[];
  };
  execute(this: N8nExecuteFunctions): Promise<N8nItem[][]>;
}

/** The node-type registry a `Workflow` asks for types (`INodeTypes`). */
export interface N8nNodeTypes {
  getByName(type: string): N8nNodeType | undefined;
  getByNameAndVersion(type: string, version?: number): N8nNodeType | undefined;
  getKnownTypes(): Record<string, never>;
}

/** A node of a workflow definition (`INode`). */
export interface N8nNode {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly typeVersion: number;
  readonly position: [number, number];
  parameters: Record<string, unknown>;
}

/** Connections by source node (`IConnections`), main outputs only. */
export type N8nConnections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

/** A workflow definition as n8n stores it (`IWorkflowBase`, the fields the hooks read). */
export interface N8nWorkflowData {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly nodes: N8nNode[];
  readonly connections: N8nConnections;
  readonly settings: Record<string, unknown>;
}

/** The `Workflow` object the engine executes. */
export interface N8nWorkflow {
  getNode(name: string): N8nNode | null;
}

/** Execution modes used here (`WorkflowExecuteMode`). */
export type N8nExecuteMode = 'trigger' | 'manual' | 'integrated';

/** `IRunExecutionData`: what n8n stores of an execution; its JSON size is the "run data" figure. */
export interface N8nRunExecutionData {
  readonly resultData: {
    readonly error?: { readonly message: string };
    readonly runData: Record<string, Array<{ readonly data?: { readonly main: Array<N8nItem[] | null> } }>>;
  };
}

/** `IRun`: the result of `WorkflowExecute.run`. */
export interface N8nRun {
  readonly status: string;
  readonly data: N8nRunExecutionData;
}

/** The fields of `IWorkflowExecuteAdditionalData` the engine reads for these shapes. */
export interface N8nAdditionalData {
  readonly hooks: unknown;
  readonly executionId: string;
  currentNodeExecutionIndex: number;
  readonly restApiUrl: string;
  readonly instanceBaseUrl: string;
  readonly formBaseUrl: string;
  readonly formWaitingBaseUrl: string;
  readonly formTestBaseUrl: string;
  readonly webhookBaseUrl: string;
  readonly webhookWaitingBaseUrl: string;
  readonly webhookTestBaseUrl: string;
  readonly mcpBaseUrl: string;
  readonly mcpTestBaseUrl: string;
  readonly variables: Record<string, unknown>;
}

/** The `n8n-workflow` module surface used. */
export interface N8nWorkflowModule {
  readonly Workflow: new (parameters: {
    id: string;
    name: string;
    nodes: N8nNode[];
    connections: N8nConnections;
    active: boolean;
    nodeTypes: N8nNodeTypes;
    settings: Record<string, unknown>;
  }) => N8nWorkflow;
}

/** The `n8n-core` module surface used. */
export interface N8nCoreModule {
  readonly WorkflowExecute: new (
    additionalData: N8nAdditionalData,
    mode: N8nExecuteMode,
  ) => {
    run(options: { workflow: N8nWorkflow; startNode: N8nNode }): Promise<N8nRun>;
  };
  readonly ExecutionLifecycleHooks: new (mode: N8nExecuteMode, executionId: string, workflowData: N8nWorkflowData) => unknown;
}

/** The loaded n8n engine and the version of n8n-core. */
export interface N8nEngine {
  readonly core: N8nCoreModule;
  readonly workflow: N8nWorkflowModule;
  readonly version: string;
}

/**
 * Loads n8n-core and n8n-workflow from an install folder. Sets N8N_USER_FOLDER (default: a folder
 * inside the install) and N8N_LOG_LEVEL=error unless the caller set them, so n8n writes its settings
 * there and prints nothing but errors.
 */
export function loadN8n(dir: string): N8nEngine {
  if (process.env.N8N_USER_FOLDER === undefined) {
    const userFolder = join(dir, 'user-folder');
    mkdirSync(userFolder, { recursive: true });
    process.env.N8N_USER_FOLDER = userFolder;
  }
  process.env.N8N_LOG_LEVEL ??= 'error';
  const require = createRequire(join(dir, 'package.json'));
  const workflowPath = require.resolve('n8n-workflow');
  const corePath = require.resolve('n8n-core');
  if (createRequire(corePath).resolve('n8n-workflow') !== workflowPath) {
    throw new Error('n8n peer: n8n-core resolves a different n8n-workflow than the installed one; reinstall bench/.peers/n8n');
  }
  const workflow = require(workflowPath) as Partial<N8nWorkflowModule>;
  const core = require(corePath) as Partial<N8nCoreModule>;
  if (typeof workflow.Workflow !== 'function' || typeof core.WorkflowExecute !== 'function' || typeof core.ExecutionLifecycleHooks !== 'function') {
    throw new Error('n8n peer: the installed n8n packages lack Workflow, WorkflowExecute or ExecutionLifecycleHooks');
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n-core', 'package.json'), 'utf8')) as { version: string };
  return { core: core as N8nCoreModule, workflow: workflow as N8nWorkflowModule, version: manifest.version };
}
