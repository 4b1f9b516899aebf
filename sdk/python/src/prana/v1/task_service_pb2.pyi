import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from prana.v1 import errors_pb2 as _errors_pb2
from prana.v1 import task_pb2 as _task_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PollTasksRequest(_message.Message):
    __slots__ = ("worker_id", "task_types", "max_tasks", "lease_duration_ms", "wait_ms")
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPES_FIELD_NUMBER: _ClassVar[int]
    MAX_TASKS_FIELD_NUMBER: _ClassVar[int]
    LEASE_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    WAIT_MS_FIELD_NUMBER: _ClassVar[int]
    worker_id: str
    task_types: _containers.RepeatedScalarFieldContainer[str]
    max_tasks: int
    lease_duration_ms: int
    wait_ms: int
    def __init__(self, worker_id: _Optional[str] = ..., task_types: _Optional[_Iterable[str]] = ..., max_tasks: _Optional[int] = ..., lease_duration_ms: _Optional[int] = ..., wait_ms: _Optional[int] = ...) -> None: ...

class PollTasksResponse(_message.Message):
    __slots__ = ("tasks",)
    TASKS_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[_task_pb2.Task]
    def __init__(self, tasks: _Optional[_Iterable[_Union[_task_pb2.Task, _Mapping]]] = ...) -> None: ...

class CompleteTaskRequest(_message.Message):
    __slots__ = ("task_id", "worker_id", "output", "port")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    worker_id: str
    output: _struct_pb2.Value
    port: str
    def __init__(self, task_id: _Optional[str] = ..., worker_id: _Optional[str] = ..., output: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., port: _Optional[str] = ...) -> None: ...

class CompleteTaskResponse(_message.Message):
    __slots__ = ("already_completed",)
    ALREADY_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    already_completed: bool
    def __init__(self, already_completed: _Optional[bool] = ...) -> None: ...

class FailTaskRequest(_message.Message):
    __slots__ = ("task_id", "worker_id", "error")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    worker_id: str
    error: _errors_pb2.NodeError
    def __init__(self, task_id: _Optional[str] = ..., worker_id: _Optional[str] = ..., error: _Optional[_Union[_errors_pb2.NodeError, _Mapping]] = ...) -> None: ...

class FailTaskResponse(_message.Message):
    __slots__ = ("already_failed",)
    ALREADY_FAILED_FIELD_NUMBER: _ClassVar[int]
    already_failed: bool
    def __init__(self, already_failed: _Optional[bool] = ...) -> None: ...

class ExtendTaskLeaseRequest(_message.Message):
    __slots__ = ("task_id", "worker_id", "lease_duration_ms")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    WORKER_ID_FIELD_NUMBER: _ClassVar[int]
    LEASE_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    worker_id: str
    lease_duration_ms: int
    def __init__(self, task_id: _Optional[str] = ..., worker_id: _Optional[str] = ..., lease_duration_ms: _Optional[int] = ...) -> None: ...

class ExtendTaskLeaseResponse(_message.Message):
    __slots__ = ("lease_expires_at",)
    LEASE_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    lease_expires_at: _timestamp_pb2.Timestamp
    def __init__(self, lease_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
