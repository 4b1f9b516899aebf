"""Tests of the SDK's own code: JSON values, typed errors, the reconnecting watch and the worker loop.

The gRPC parts run against an in-process server implementing the generated servicers.
"""

from __future__ import annotations

import threading
import unittest
from concurrent import futures

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

import prana
from prana.v1 import events_pb2, execution_service_pb2, execution_service_pb2_grpc, task_pb2, task_service_pb2, task_service_pb2_grpc


class Values(unittest.TestCase):
    def test_round_trip(self) -> None:
        data = {"n": 1, "x": 2.5, "list": ["a", True, None], "nested": {"$key.x": {"deep": [1, 2]}}}
        self.assertEqual(prana.from_value(prana.value(data)), data)
        self.assertIsNone(prana.from_value(None))
        self.assertEqual(prana.from_value(prana.struct({"a": 1})), {"a": 1})


class _Refused(grpc.RpcError, grpc.Call):  # type: ignore[misc]
    """A failed call as grpcio raises it, with rich details in the trailers."""

    def __init__(self, code: grpc.StatusCode, message: str, details: list) -> None:
        status = status_pb2.Status(code=code.value[0], message=message)
        for detail in details:
            packed = any_pb2.Any()
            packed.Pack(detail)
            status.details.append(packed)
        self._code, self._message, self._trailers = code, message, (("grpc-status-details-bin", status.SerializeToString()),)

    def code(self):  # type: ignore[no-untyped-def]
        return self._code

    def details(self):  # type: ignore[no-untyped-def]
        return self._message

    def trailing_metadata(self):  # type: ignore[no-untyped-def]
        return self._trailers

    def initial_metadata(self):  # type: ignore[no-untyped-def]
        return ()

    def is_active(self):  # type: ignore[no-untyped-def]
        return False

    def time_remaining(self):  # type: ignore[no-untyped-def]
        return None

    def cancel(self):  # type: ignore[no-untyped-def]
        return False

    def add_callback(self, callback):  # type: ignore[no-untyped-def]
        return False


class Errors(unittest.TestCase):
    def test_decodes_error_info_bad_request_and_resource_info(self) -> None:
        error = prana.error_of(
            _Refused(
                grpc.StatusCode.NOT_FOUND,
                "Execution x not found",
                [
                    error_details_pb2.ErrorInfo(reason="not_found", domain="prana", metadata={"k": "v"}),
                    error_details_pb2.BadRequest(field_violations=[error_details_pb2.BadRequest.FieldViolation(field="execution_id", description="bad")]),
                    error_details_pb2.ResourceInfo(resource_type="prana.v1.Execution", resource_name="x"),
                ],
            )
        )
        self.assertEqual(error.code, grpc.StatusCode.NOT_FOUND)
        self.assertEqual(error.reason, "not_found")
        self.assertEqual(error.metadata, {"k": "v"})
        self.assertEqual(error.fields, [prana.FieldViolation("execution_id", "bad")])
        self.assertEqual((error.resource_type, error.resource_name), ("prana.v1.Execution", "x"))
        self.assertIn("NOT_FOUND (not_found)", str(error))


class _Executions(execution_service_pb2_grpc.ExecutionServiceServicer):
    """Five events; the first stream breaks after two of them."""

    def __init__(self) -> None:
        self.after_seqs: list[int] = []
        self.namespaces: list[str] = []

    def WatchExecution(self, request, context):  # type: ignore[no-untyped-def]
        self.after_seqs.append(request.after_seq)
        self.namespaces += [value for key, value in context.invocation_metadata() if key == "prana-namespace"]
        for seq in range(request.after_seq + 1, 6):
            if len(self.after_seqs) == 1 and seq == 3:
                context.abort(grpc.StatusCode.UNAVAILABLE, "replica stopping")
            event = events_pb2.ExecutionEvent(seq=seq, execution_id=request.execution_id)
            if seq == 5:
                event.execution_completed.SetInParent()
            yield execution_service_pb2.WatchExecutionResponse(event=event)


class _Tasks(task_service_pb2_grpc.TaskServiceServicer):
    """Hands out two tasks, then none; records what the worker reported."""

    def __init__(self) -> None:
        self.queue = [task_pb2.Task(task_id="t1", task_type="greet"), task_pb2.Task(task_id="t2", task_type="greet")]
        self.queue[0].input.CopyFrom(prana.value({"name": "ada"}))
        self.queue[1].input.CopyFrom(prana.value({}))
        self.completed: dict[str, object] = {}
        self.failed: dict[str, str] = {}
        self.lock = threading.Lock()

    def PollTasks(self, request, context):  # type: ignore[no-untyped-def]
        with self.lock:
            tasks = self.queue[:1]
            self.queue = self.queue[1:]
        return task_service_pb2.PollTasksResponse(tasks=tasks)

    def CompleteTask(self, request, context):  # type: ignore[no-untyped-def]
        self.completed[request.task_id] = prana.from_value(request.output)
        return task_service_pb2.CompleteTaskResponse()

    def FailTask(self, request, context):  # type: ignore[no-untyped-def]
        self.failed[request.task_id] = request.error.code
        return task_service_pb2.FailTaskResponse()

    def ExtendTaskLease(self, request, context):  # type: ignore[no-untyped-def]
        return task_service_pb2.ExtendTaskLeaseResponse()


class AgainstAServer(unittest.TestCase):
    def setUp(self) -> None:
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self.executions = _Executions()
        self.tasks = _Tasks()
        execution_service_pb2_grpc.add_ExecutionServiceServicer_to_server(self.executions, self.server)
        task_service_pb2_grpc.add_TaskServiceServicer_to_server(self.tasks, self.server)
        port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()
        self.client = prana.Client(f"127.0.0.1:{port}", namespace="team-a", timeout=10)

    def tearDown(self) -> None:
        self.client.close()
        self.server.stop(None)

    def test_watch_reconnects_after_the_last_seq_it_yielded(self) -> None:
        seqs = [event.seq for event in self.client.watch("e1")]
        self.assertEqual(seqs, [1, 2, 3, 4, 5])
        self.assertEqual(self.executions.after_seqs, [0, 2])
        self.assertEqual(self.executions.namespaces, ["team-a", "team-a"])

    def test_worker_completes_and_fails_tasks(self) -> None:
        def greet(task, data):  # type: ignore[no-untyped-def]
            if "name" not in data:
                raise prana.TaskFailure("missing_name", "no name")
            return {"greeting": f"hi {data['name']}"}

        handled = prana.Worker(self.client, "w", ["greet"], greet, lease_seconds=3).run(max_tasks=2)
        self.assertEqual(handled, 2)
        self.assertEqual(self.tasks.completed, {"t1": {"greeting": "hi ada"}})
        self.assertEqual(self.tasks.failed, {"t2": "missing_name"})


if __name__ == "__main__":
    unittest.main()
