import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from prana.v1 import errors_pb2 as _errors_pb2
from prana.v1 import execution_mode_pb2 as _execution_mode_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SuspensionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUSPENSION_KIND_UNSPECIFIED: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_INTERVAL: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_SCHEDULE: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_WEBHOOK: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_RETRY: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_SUB_WORKFLOW: _ClassVar[SuspensionKind]
    SUSPENSION_KIND_TASK: _ClassVar[SuspensionKind]

class BatchMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BATCH_MODE_UNSPECIFIED: _ClassVar[BatchMode]
    BATCH_MODE_ALL: _ClassVar[BatchMode]
    BATCH_MODE_SINGLE: _ClassVar[BatchMode]

class FailureStrategy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FAILURE_STRATEGY_UNSPECIFIED: _ClassVar[FailureStrategy]
    FAILURE_STRATEGY_FAIL_PARENT: _ClassVar[FailureStrategy]
    FAILURE_STRATEGY_CONTINUE: _ClassVar[FailureStrategy]
SUSPENSION_KIND_UNSPECIFIED: SuspensionKind
SUSPENSION_KIND_INTERVAL: SuspensionKind
SUSPENSION_KIND_SCHEDULE: SuspensionKind
SUSPENSION_KIND_WEBHOOK: SuspensionKind
SUSPENSION_KIND_RETRY: SuspensionKind
SUSPENSION_KIND_SUB_WORKFLOW: SuspensionKind
SUSPENSION_KIND_TASK: SuspensionKind
BATCH_MODE_UNSPECIFIED: BatchMode
BATCH_MODE_ALL: BatchMode
BATCH_MODE_SINGLE: BatchMode
FAILURE_STRATEGY_UNSPECIFIED: FailureStrategy
FAILURE_STRATEGY_FAIL_PARENT: FailureStrategy
FAILURE_STRATEGY_CONTINUE: FailureStrategy

class Suspension(_message.Message):
    __slots__ = ("node_key", "run_index", "execution_index", "attempt", "suspended_at", "resume_token", "interval", "schedule", "webhook", "retry", "sub_workflow", "task")
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    RUN_INDEX_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_INDEX_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    SUSPENDED_AT_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_FIELD_NUMBER: _ClassVar[int]
    RETRY_FIELD_NUMBER: _ClassVar[int]
    SUB_WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    node_key: str
    run_index: int
    execution_index: int
    attempt: int
    suspended_at: _timestamp_pb2.Timestamp
    resume_token: str
    interval: IntervalSuspension
    schedule: ScheduleSuspension
    webhook: WebhookSuspension
    retry: RetrySuspension
    sub_workflow: SubWorkflowSuspension
    task: TaskSuspension
    def __init__(self, node_key: _Optional[str] = ..., run_index: _Optional[int] = ..., execution_index: _Optional[int] = ..., attempt: _Optional[int] = ..., suspended_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resume_token: _Optional[str] = ..., interval: _Optional[_Union[IntervalSuspension, _Mapping]] = ..., schedule: _Optional[_Union[ScheduleSuspension, _Mapping]] = ..., webhook: _Optional[_Union[WebhookSuspension, _Mapping]] = ..., retry: _Optional[_Union[RetrySuspension, _Mapping]] = ..., sub_workflow: _Optional[_Union[SubWorkflowSuspension, _Mapping]] = ..., task: _Optional[_Union[TaskSuspension, _Mapping]] = ...) -> None: ...

class IntervalSuspension(_message.Message):
    __slots__ = ("wait_till",)
    WAIT_TILL_FIELD_NUMBER: _ClassVar[int]
    wait_till: _timestamp_pb2.Timestamp
    def __init__(self, wait_till: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScheduleSuspension(_message.Message):
    __slots__ = ("wait_till", "timezone")
    WAIT_TILL_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    wait_till: _timestamp_pb2.Timestamp
    timezone: str
    def __init__(self, wait_till: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., timezone: _Optional[str] = ...) -> None: ...

class WebhookSuspension(_message.Message):
    __slots__ = ("expires_at",)
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RetrySuspension(_message.Message):
    __slots__ = ("wait_till", "attempt", "max_retries", "error")
    WAIT_TILL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    MAX_RETRIES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    wait_till: _timestamp_pb2.Timestamp
    attempt: int
    max_retries: int
    error: _errors_pb2.NodeError
    def __init__(self, wait_till: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempt: _Optional[int] = ..., max_retries: _Optional[int] = ..., error: _Optional[_Union[_errors_pb2.NodeError, _Mapping]] = ...) -> None: ...

class SubWorkflowSuspension(_message.Message):
    __slots__ = ("workflow_id", "mode", "batch_mode", "failure_strategy", "child_execution_ids", "timeout_at")
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    BATCH_MODE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_STRATEGY_FIELD_NUMBER: _ClassVar[int]
    CHILD_EXECUTION_IDS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_AT_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    mode: _execution_mode_pb2.ExecutionMode
    batch_mode: BatchMode
    failure_strategy: FailureStrategy
    child_execution_ids: _containers.RepeatedScalarFieldContainer[str]
    timeout_at: _timestamp_pb2.Timestamp
    def __init__(self, workflow_id: _Optional[str] = ..., mode: _Optional[_Union[_execution_mode_pb2.ExecutionMode, str]] = ..., batch_mode: _Optional[_Union[BatchMode, str]] = ..., failure_strategy: _Optional[_Union[FailureStrategy, str]] = ..., child_execution_ids: _Optional[_Iterable[str]] = ..., timeout_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TaskSuspension(_message.Message):
    __slots__ = ("task_id", "task_type", "timeout_at")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_AT_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    task_type: str
    timeout_at: _timestamp_pb2.Timestamp
    def __init__(self, task_id: _Optional[str] = ..., task_type: _Optional[str] = ..., timeout_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
