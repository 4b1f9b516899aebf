#!/usr/bin/env python3
"""End-to-end check of Prana with a real third-party client: Python grpcio.

Generates Python stubs from the repository's proto/ folder into a temporary directory (grpcio-tools'
protoc), then drives a running Prana server through a complete session: compile a workflow with a
webhook wait, start it (waiting until it is settled), watch its events from the last seq, resume it by
resume token, see the stream end with execution_completed, get the execution with its derived output,
and read the rich error model (google.rpc.ErrorInfo) of a refused call.

    python prana_e2e.py 127.0.0.1:50051        # or PRANA_ADDRESS=127.0.0.1:50051 python prana_e2e.py

Exit code 0 when every check holds, 1 otherwise.
"""

from __future__ import annotations

import importlib
import importlib.resources
import os
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import grpc
from grpc_tools import protoc

PROTO_ROOT = Path(__file__).resolve().parents[2] / "proto"
DEADLINE_S = 15.0


def generate_stubs(out_dir: Path) -> None:
    """Runs protoc (bundled with grpcio-tools) over proto/prana/v1 and the vendored google.rpc files."""
    well_known = importlib.resources.files("grpc_tools") / "_proto"
    sources = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / "prana" / "v1").glob("*.proto"))
    sources += ["google/rpc/status.proto", "google/rpc/error_details.proto"]
    args = ["protoc", f"-I{PROTO_ROOT}", f"-I{well_known}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}", *sources]
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed to generate the Python stubs")


def load(name: str) -> ModuleType:
    return importlib.import_module(name)


class Checks:
    """Counts checks and stops at the first one that fails."""

    def __init__(self) -> None:
        self.count = 0

    def that(self, condition: bool, what: str, detail: Any = None) -> None:
        self.count += 1
        if not condition:
            raise AssertionError(f"check failed: {what}" + ("" if detail is None else f" (got {detail!r})"))
        print(f"  ok  {what}")


def run(address: str) -> int:
    with tempfile.TemporaryDirectory(prefix="prana-py-stubs-") as out:
        generate_stubs(Path(out))
        sys.path.insert(0, out)
        return scenario(address)


def scenario(address: str) -> int:
    from google.protobuf import json_format, struct_pb2

    workflow_pb2 = load("prana.v1.workflow_pb2")
    workflow_service_pb2 = load("prana.v1.workflow_service_pb2")
    workflow_service_grpc = load("prana.v1.workflow_service_pb2_grpc")
    execution_pb2 = load("prana.v1.execution_pb2")
    execution_service_pb2 = load("prana.v1.execution_service_pb2")
    execution_service_grpc = load("prana.v1.execution_service_pb2_grpc")
    status_pb2 = load("google.rpc.status_pb2")
    error_details_pb2 = load("google.rpc.error_details_pb2")

    def struct(value: dict[str, Any]) -> struct_pb2.Struct:
        message = struct_pb2.Struct()
        message.update(value)
        return message

    def node(key: str, type_: str, params: dict[str, Any] | None = None) -> Any:
        return workflow_pb2.Node(key=key, name=key, type=type_, params=struct(params or {}))

    check = Checks()
    channel = grpc.insecure_channel(address)
    grpc.channel_ready_future(channel).result(timeout=30)
    workflows = workflow_service_grpc.WorkflowServiceStub(channel)
    executions = execution_service_grpc.ExecutionServiceStub(channel)
    print(f"prana python client: {address}")

    # 1. Compile a workflow whose `wait` node waits for a webhook (a caller's Resume).
    workflow = workflow_pb2.Workflow(
        id=f"py-approval-{uuid.uuid4().hex[:8]}",
        name="Approval from Python",
        variables=struct({"greeting": "hello from python"}),
        nodes=[
            node("start", "manual.trigger"),
            node("wait", "wait.wait", {"mode": "webhook", "timeout_hours": 1}),
            node("done", "data.set_data", {"mapping_map": {"approved": "{{ $input.main.approved }}", "greeting": "{{ $vars.greeting }}"}}),
        ],
        connections=[
            workflow_pb2.Connection(from_node="start", to_node="wait"),
            workflow_pb2.Connection(from_node="wait", to_node="done"),
        ],
    )
    compiled = workflows.CompileWorkflow(workflow_service_pb2.CompileWorkflowRequest(workflow=workflow), timeout=DEADLINE_S)
    check.that(len(compiled.graph_id) == 64 and not compiled.diagnostics, "CompileWorkflow returns a graph id and no diagnostic", compiled)

    # 2. Start it and wait until it is settled: suspended on the webhook wait.
    input_value = struct_pb2.Value()
    input_value.struct_value.update({"order": 42})
    started = executions.StartExecution(
        execution_service_pb2.StartExecutionRequest(
            graph_id=compiled.graph_id,
            input=input_value,
            labels={"client": "python"},
            request_id=f"py-{uuid.uuid4()}",
            wait=execution_service_pb2.EXECUTION_WAIT_SETTLED,
        ),
        timeout=DEADLINE_S,
    )
    execution = started.execution
    check.that(started.created, "StartExecution created the execution")
    check.that(execution.status == execution_pb2.EXECUTION_STATUS_SUSPENDED, "the execution is SUSPENDED", execution_pb2.ExecutionStatus.Name(execution.status))
    check.that(execution.suspension.WhichOneof("kind") == "webhook" and execution.suspension.node_key == "wait", "its suspension is the webhook wait", execution.suspension)
    token = execution.suspension.resume_token

    # 3. Watch from the last seq in the background; the stream stays open while it is suspended.
    events: list[Any] = []
    failures: list[BaseException] = []
    watch = executions.WatchExecution(execution_service_pb2.WatchExecutionRequest(execution_id=execution.id, after_seq=execution.last_seq), timeout=DEADLINE_S)

    def follow() -> None:
        try:
            for message in watch:
                events.append(message.event)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    watcher = threading.Thread(target=follow, daemon=True)
    watcher.start()

    # 4. Resume by token with data; the watch delivers the rest and ends after execution_completed.
    resumed = executions.Resume(
        execution_service_pb2.ResumeRequest(resume_token=token, data=json_format.ParseDict({"approved": True}, struct_pb2.Value()), request_id="py-resume-1"),
        timeout=DEADLINE_S,
    )
    check.that(not resumed.already_resumed, "Resume by token resumed the execution")
    watcher.join(DEADLINE_S)
    check.that(not watcher.is_alive() and not failures, "WatchExecution ended cleanly", failures)
    kinds = [event.WhichOneof("event") for event in events]
    check.that(
        kinds == ["execution_resumed", "node_completed", "node_starting", "node_completed", "execution_completed"],
        "WatchExecution streamed the resumption to execution_completed",
        kinds,
    )
    seqs = [event.seq for event in events]
    check.that(seqs == list(range(execution.last_seq + 1, execution.last_seq + 1 + len(events))), "seq numbers follow after_seq without a gap", seqs)

    # 5. Get the execution: COMPLETED with its derived output and audit trail.
    got = executions.GetExecution(execution_service_pb2.GetExecutionRequest(execution_id=execution.id), timeout=DEADLINE_S).execution
    check.that(got.status == execution_pb2.EXECUTION_STATUS_COMPLETED, "GetExecution shows COMPLETED", execution_pb2.ExecutionStatus.Name(got.status))
    output = json_format.MessageToDict(got.output)
    check.that(output == {"approved": True, "greeting": "hello from python"}, "the final output is derived from the last run", output)
    check.that([run.node_key for run in got.node_executions] == ["start", "wait", "done"], "the audit trail lists every run", [run.node_key for run in got.node_executions])

    # 6. A second Resume with the same token is answered, not re-run.
    again = executions.Resume(execution_service_pb2.ResumeRequest(resume_token=token), timeout=DEADLINE_S)
    check.that(again.already_resumed, "a repeated Resume is answered with already_resumed")

    # 7. A refused call carries google.rpc.Status with ErrorInfo and ResourceInfo in its trailers.
    try:
        executions.GetExecution(execution_service_pb2.GetExecutionRequest(execution_id="no-such-execution"), timeout=DEADLINE_S)
        check.that(False, "GetExecution of an unknown id fails")
    except grpc.RpcError as error:
        details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
        status = status_pb2.Status.FromString(details) if details else status_pb2.Status()
        info = error_details_pb2.ErrorInfo()
        resource = error_details_pb2.ResourceInfo()
        for any_detail in status.details:
            if any_detail.Is(info.DESCRIPTOR):
                any_detail.Unpack(info)
            if any_detail.Is(resource.DESCRIPTOR):
                any_detail.Unpack(resource)
        check.that(error.code() == grpc.StatusCode.NOT_FOUND, "an unknown execution is NOT_FOUND", error.code())
        check.that((info.domain, info.reason) == ("prana", "not_found"), "ErrorInfo says domain prana, reason not_found", info)
        check.that((resource.resource_type, resource.resource_name) == ("prana.v1.Execution", "no-such-execution"), "ResourceInfo names the execution", resource)

    channel.close()
    print(f"prana python client: all {check.count} checks hold")
    return 0


def main() -> int:
    address = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PRANA_ADDRESS", "127.0.0.1:50051")
    try:
        return run(address)
    except (AssertionError, grpc.RpcError, RuntimeError) as error:
        print(f"prana python client: FAILED: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
