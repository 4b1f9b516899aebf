// Workflow definitions the application-level tests share (the gRPC tests have their own, as protobuf
// messages, in test/integration/grpc/support/workflows.ts).
import type { WorkflowDefinition } from '../../src/domain/workflow.js';

/** start → wait (a webhook wait, 1 h) → after (its output is the resume data). */
export const approvalWorkflow: WorkflowDefinition = {
  id: 'approval',
  name: 'approval',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'wait', type: 'wait.wait', params: { mode: 'webhook', timeout_hours: 1 } },
    { key: 'after', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
  ],
  connections: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'after' },
  ],
};
