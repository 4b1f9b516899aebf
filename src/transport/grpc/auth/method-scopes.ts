import type { Scope } from '../../../config/config-schema.js';
import type { ExecutionServiceServer } from '../../../gen/prana/v1/execution_service.js';
import type { ScheduleServiceServer } from '../../../gen/prana/v1/schedule_service.js';
import type { TaskServiceServer } from '../../../gen/prana/v1/task_service.js';
import type { WorkflowServiceServer } from '../../../gen/prana/v1/workflow_service.js';

/** The RPC names of a generated server interface, without the index signature grpc-js adds to it. */
type Rpcs<Server> = keyof { [K in keyof Server as string extends K ? never : number extends K ? never : K]: Server[K] };

// The scope each RPC needs. Keyed by the generated handler names, so an RPC added to a service
// without its scope does not compile.
const WORKFLOW: Readonly<Record<Rpcs<WorkflowServiceServer>, Scope>> = {
  compileWorkflow: 'write',
  getWorkflowGraph: 'read',
  listNodeTypes: 'read',
  getNodeType: 'read',
};
const EXECUTION: Readonly<Record<Rpcs<ExecutionServiceServer>, Scope>> = {
  startExecution: 'write',
  runExecution: 'write',
  watchExecution: 'read',
  getExecution: 'read',
  listExecutions: 'read',
  resume: 'resume',
  cancelExecution: 'write',
};
const TASK: Readonly<Record<Rpcs<TaskServiceServer>, Scope>> = {
  pollTasks: 'worker',
  completeTask: 'worker',
  failTask: 'worker',
  extendTaskLease: 'worker',
};

const SCHEDULE: Readonly<Record<Rpcs<ScheduleServiceServer>, Scope>> = {
  createSchedule: 'write',
  getSchedule: 'read',
  listSchedules: 'read',
  updateSchedule: 'write',
  pauseSchedule: 'write',
  unpauseSchedule: 'write',
  deleteSchedule: 'write',
  triggerSchedule: 'write',
  backfillSchedule: 'write',
};

/** Method paths (`/prana.v1.ExecutionService/GetExecution`) and the scope each needs. */
export const METHOD_SCOPES: ReadonlyMap<string, Scope> = new Map([
  ...paths('prana.v1.WorkflowService', WORKFLOW),
  ...paths('prana.v1.ExecutionService', EXECUTION),
  ...paths('prana.v1.TaskService', TASK),
  ...paths('prana.v1.ScheduleService', SCHEDULE),
]);

/** Services whose every method answers without a token when health is public: health and reflection. */
export const PUBLIC_SERVICES: readonly string[] = ['grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];

function paths(service: string, scopes: Readonly<Record<string, Scope>>): [string, Scope][] {
  return Object.entries(scopes).map(([handler, scope]) => [`/${service}/${handler.charAt(0).toUpperCase()}${handler.slice(1)}`, scope]);
}
