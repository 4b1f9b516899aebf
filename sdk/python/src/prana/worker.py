"""A task-worker loop: poll, keep the lease while working, complete or fail."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from prana.client import Client, reconnectable
from prana.errors import PranaError
from prana.v1 import errors_pb2, task_pb2, task_service_pb2
from prana.values import Json, from_value, struct, value


@dataclass
class TaskResult:
    """Completes a task with ``output`` on ``port`` (empty: ``main``)."""

    output: Json = None
    port: str = ""


@dataclass
class TaskFailure(Exception):
    """Raised by a handler to fail its task with a node error the workflow sees."""

    code: str
    message: str
    details: dict[str, Json] = field(default_factory=dict)


Handler = Callable[[task_pb2.Task, Json], "TaskResult | Json"]


class Worker:
    """Serves ``task_types`` with ``handler(task, input)``.

    The handler returns a :class:`TaskResult` (or any JSON value, completed on ``main``) or raises
    :class:`TaskFailure`; any other exception fails the task with code ``worker_error``. While it
    works, the lease is extended every third of ``lease_seconds``; when the lease is lost (another
    worker took the task over, or it ended) the outcome is dropped.
    """

    def __init__(self, client: Client, worker_id: str, task_types: Sequence[str], handler: Handler, *, lease_seconds: float = 60.0) -> None:
        self.client = client
        self.worker_id = worker_id
        self.task_types = list(task_types)
        self.handler = handler
        self.lease_ms = int(lease_seconds * 1000)
        self._stopped = threading.Event()

    def stop(self) -> None:
        """Ends :meth:`run` after the task in hand (at most one long poll later)."""
        self._stopped.set()

    def run(self, max_tasks: int | None = None) -> int:
        """Serves tasks until :meth:`stop` (or until ``max_tasks`` were handled); returns how many were."""
        handled = 0
        backoff = 0.1
        while not self._stopped.is_set() and (max_tasks is None or handled < max_tasks):
            request = task_service_pb2.PollTasksRequest(
                worker_id=self.worker_id, task_types=self.task_types, max_tasks=1, lease_duration_ms=self.lease_ms, wait_ms=5_000
            )
            try:
                polled = self.client.call(self.client.tasks.PollTasks, request, timeout=30)
            except PranaError as error:
                if not reconnectable(error):
                    raise
                time.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            backoff = 0.1
            for task in polled.tasks:
                self.work(task)
                handled += 1
        return handled

    def work(self, task: task_pb2.Task) -> None:
        """Runs the handler on one task under a lease kept alive, then reports the outcome."""
        lost = threading.Event()
        done = threading.Event()
        keeper = threading.Thread(target=self._keep_lease, args=(task.task_id, done, lost), daemon=True)
        keeper.start()
        try:
            outcome: TaskResult | TaskFailure
            try:
                result = self.handler(task, from_value(task.input) if task.HasField("input") else None)
                outcome = result if isinstance(result, TaskResult) else TaskResult(output=result)
            except TaskFailure as failure:
                outcome = failure
            except Exception as error:  # noqa: BLE001 - any handler failure fails the task
                outcome = TaskFailure("worker_error", f"{type(error).__name__}: {error}")
        finally:
            done.set()
            keeper.join()
        if not lost.is_set():
            self._report(task, outcome)

    def _keep_lease(self, task_id: str, done: threading.Event, lost: threading.Event) -> None:
        interval = self.lease_ms / 3000
        while not done.wait(interval):
            request = task_service_pb2.ExtendTaskLeaseRequest(task_id=task_id, worker_id=self.worker_id, lease_duration_ms=self.lease_ms)
            try:
                self.client.call(self.client.tasks.ExtendTaskLease, request)
            except PranaError as error:
                if error.reason in ("lease_not_held", "task_closed", "not_found"):
                    lost.set()
                    return

    def _report(self, task: task_pb2.Task, outcome: "TaskResult | TaskFailure") -> None:
        for attempt in range(20):
            try:
                if isinstance(outcome, TaskFailure):
                    error = errors_pb2.NodeError(code=outcome.code, message=outcome.message, details=struct(outcome.details))
                    self.client.call(self.client.tasks.FailTask, task_service_pb2.FailTaskRequest(task_id=task.task_id, worker_id=self.worker_id, error=error))
                else:
                    request = task_service_pb2.CompleteTaskRequest(task_id=task.task_id, worker_id=self.worker_id, output=value(outcome.output), port=outcome.port)
                    self.client.call(self.client.tasks.CompleteTask, request)
                return
            except PranaError as error:
                if not reconnectable(error):
                    raise
                time.sleep(min(0.2 * (attempt + 1), 5.0))
