"""A connection to the service: TLS, a bearer token and a namespace on every call."""

from __future__ import annotations

import time
from typing import Any, Callable, Iterator, Mapping, Sequence

import grpc
from google.protobuf import json_format

from prana.errors import PranaError, error_of
from prana.v1 import (
    events_pb2,
    execution_service_pb2,
    execution_service_pb2_grpc,
    schedule_service_pb2_grpc,
    task_service_pb2_grpc,
    workflow_pb2,
    workflow_service_pb2,
    workflow_service_pb2_grpc,
)
from prana.values import Json, value

_TERMINAL = {"execution_completed", "execution_failed", "execution_cancelled"}


class _Headers(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds the authorization and namespace metadata to every call."""

    def __init__(self, headers: Sequence[tuple[str, str]]) -> None:
        self._headers = list(headers)

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        metadata = list(details.metadata or []) + self._headers
        return _CallDetails(details.method, details.timeout, metadata, details.credentials, details.wait_for_ready, details.compression)

    def intercept_unary_unary(self, continuation, client_call_details, request):  # type: ignore[no-untyped-def]
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):  # type: ignore[no-untyped-def]
        return continuation(self._details(client_call_details), request)


class _CallDetails(grpc.ClientCallDetails):
    def __init__(self, method, timeout, metadata, credentials, wait_for_ready, compression):  # type: ignore[no-untyped-def]
        self.method = method
        self.timeout = timeout
        self.metadata = metadata
        self.credentials = credentials
        self.wait_for_ready = wait_for_ready
        self.compression = compression


class Client:
    """A connection to the service at ``target`` (``host:port``).

    ``credentials`` (e.g. ``grpc.ssl_channel_credentials(root_certificates=..., private_key=...,
    certificate_chain=...)`` for mutual TLS) makes it a TLS connection; ``token`` is sent as
    ``authorization: Bearer <token>``; ``namespace`` as ``prana-namespace``. The generated stubs are
    ``workflows``, ``executions``, ``tasks`` and ``schedules``; the methods below wrap the common calls, take and
    return JSON, and raise :class:`PranaError` for a refused call.
    """

    def __init__(
        self,
        target: str,
        *,
        token: str | None = None,
        namespace: str | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        timeout: float = 30.0,
    ) -> None:
        channel = grpc.secure_channel(target, credentials) if credentials is not None else grpc.insecure_channel(target)
        headers: list[tuple[str, str]] = []
        if token is not None:
            headers.append(("authorization", f"Bearer {token}"))
        if namespace is not None:
            headers.append(("prana-namespace", namespace))
        self._channel = channel
        intercepted = grpc.intercept_channel(channel, _Headers(headers))
        self.timeout = timeout
        self.workflows = workflow_service_pb2_grpc.WorkflowServiceStub(intercepted)
        self.executions = execution_service_pb2_grpc.ExecutionServiceStub(intercepted)
        self.tasks = task_service_pb2_grpc.TaskServiceStub(intercepted)
        self.schedules = schedule_service_pb2_grpc.ScheduleServiceStub(intercepted)

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def call(self, method: Callable[..., Any], request: Any, timeout: float | None = None) -> Any:
        """Calls a unary method of a stub; a refused call raises :class:`PranaError`."""
        try:
            return method(request, timeout=self.timeout if timeout is None else timeout)
        except grpc.RpcError as error:
            raise error_of(error) from None

    def compile(self, workflow: Mapping[str, Json]) -> workflow_service_pb2.CompileWorkflowResponse:
        """Compiles a workflow given as JSON (the contract's ``Workflow`` in its JSON form)."""
        message = json_format.ParseDict(dict(workflow), workflow_pb2.Workflow())
        return self.call(self.workflows.CompileWorkflow, workflow_service_pb2.CompileWorkflowRequest(workflow=message))

    def start(
        self,
        graph_id: str,
        input: Json = None,
        *,
        labels: Mapping[str, str] | None = None,
        execution_id: str = "",
        request_id: str = "",
        wait: int = execution_service_pb2.EXECUTION_WAIT_NONE,
    ) -> execution_service_pb2.StartExecutionResponse:
        """Starts an execution of a compiled graph with a JSON input."""
        request = execution_service_pb2.StartExecutionRequest(
            graph_id=graph_id, input=value(input), labels=dict(labels or {}), execution_id=execution_id, request_id=request_id, wait=wait
        )
        return self.call(self.executions.StartExecution, request)

    def get(self, execution_id: str) -> execution_service_pb2.GetExecutionResponse:
        return self.call(self.executions.GetExecution, execution_service_pb2.GetExecutionRequest(execution_id=execution_id))

    def resume(self, token: str, data: Json = None, *, request_id: str = "") -> execution_service_pb2.ResumeResponse:
        """Resumes a suspension by its resume token, with JSON data."""
        request = execution_service_pb2.ResumeRequest(resume_token=token, data=value(data), request_id=request_id)
        return self.call(self.executions.Resume, request)

    def cancel(self, execution_id: str, reason: str = "") -> execution_service_pb2.CancelExecutionResponse:
        return self.call(self.executions.CancelExecution, execution_service_pb2.CancelExecutionRequest(execution_id=execution_id, reason=reason))

    def watch(self, execution_id: str, after_seq: int = 0) -> Iterator[events_pb2.ExecutionEvent]:
        """Yields the execution's events after ``after_seq`` until the terminal one.

        When the stream breaks (a replica stops, the network drops, or the stream fell too far behind
        and was cut off with ``subscriber_too_slow``) it reconnects after the last seq it yielded, so
        every event comes once. A refusal (NOT_FOUND, PERMISSION_DENIED, …) raises :class:`PranaError`.
        """
        last = after_seq
        backoff = 0.1
        while True:
            stream = self.executions.WatchExecution(execution_service_pb2.WatchExecutionRequest(execution_id=execution_id, after_seq=last))
            try:
                for message in stream:
                    event = message.event
                    if event.seq <= last:
                        continue
                    last = event.seq
                    backoff = 0.1
                    yield event
                    if event.WhichOneof("event") in _TERMINAL:
                        return
                return
            except grpc.RpcError as error:
                failure = error_of(error)
                if not reconnectable(failure):
                    raise failure from None
            finally:
                stream.cancel()
            time.sleep(backoff)
            backoff = min(backoff * 2, 5.0)


def reconnectable(error: PranaError) -> bool:
    """True for failures that pass: the call (or stream) continues when made again."""
    if error.code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.ABORTED):
        return True
    if error.code == grpc.StatusCode.INTERNAL:
        return error.reason == ""  # a transport failure, not a service bug
    return error.code == grpc.StatusCode.RESOURCE_EXHAUSTED and error.reason == "subscriber_too_slow"


__all__ = ["Client", "reconnectable"]
