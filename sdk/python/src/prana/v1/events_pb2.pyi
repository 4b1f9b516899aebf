import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from prana.v1 import errors_pb2 as _errors_pb2
from prana.v1 import execution_pb2 as _execution_pb2
from prana.v1 import execution_mode_pb2 as _execution_mode_pb2
from prana.v1 import suspension_pb2 as _suspension_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResumeReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESUME_REASON_UNSPECIFIED: _ClassVar[ResumeReason]
    RESUME_REASON_RESUME: _ClassVar[ResumeReason]
    RESUME_REASON_TIMER: _ClassVar[ResumeReason]
    RESUME_REASON_DEADLINE: _ClassVar[ResumeReason]
    RESUME_REASON_RETRY: _ClassVar[ResumeReason]
    RESUME_REASON_SUB_WORKFLOW: _ClassVar[ResumeReason]
    RESUME_REASON_TASK: _ClassVar[ResumeReason]
RESUME_REASON_UNSPECIFIED: ResumeReason
RESUME_REASON_RESUME: ResumeReason
RESUME_REASON_TIMER: ResumeReason
RESUME_REASON_DEADLINE: ResumeReason
RESUME_REASON_RETRY: ResumeReason
RESUME_REASON_SUB_WORKFLOW: ResumeReason
RESUME_REASON_TASK: ResumeReason

class ExecutionEvent(_message.Message):
    __slots__ = ("seq", "time", "execution_id", "execution_started", "node_starting", "node_completed", "node_failed", "node_suspended", "node_retry_scheduled", "execution_suspended", "execution_resumed", "execution_completed", "execution_failed", "execution_cancelled")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_STARTED_FIELD_NUMBER: _ClassVar[int]
    NODE_STARTING_FIELD_NUMBER: _ClassVar[int]
    NODE_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    NODE_FAILED_FIELD_NUMBER: _ClassVar[int]
    NODE_SUSPENDED_FIELD_NUMBER: _ClassVar[int]
    NODE_RETRY_SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_SUSPENDED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_RESUMED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_FAILED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    seq: int
    time: _timestamp_pb2.Timestamp
    execution_id: str
    execution_started: ExecutionStartedEvent
    node_starting: NodeStartingEvent
    node_completed: NodeCompletedEvent
    node_failed: NodeFailedEvent
    node_suspended: NodeSuspendedEvent
    node_retry_scheduled: NodeRetryScheduledEvent
    execution_suspended: ExecutionSuspendedEvent
    execution_resumed: ExecutionResumedEvent
    execution_completed: ExecutionCompletedEvent
    execution_failed: ExecutionFailedEvent
    execution_cancelled: ExecutionCancelledEvent
    def __init__(self, seq: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., execution_id: _Optional[str] = ..., execution_started: _Optional[_Union[ExecutionStartedEvent, _Mapping]] = ..., node_starting: _Optional[_Union[NodeStartingEvent, _Mapping]] = ..., node_completed: _Optional[_Union[NodeCompletedEvent, _Mapping]] = ..., node_failed: _Optional[_Union[NodeFailedEvent, _Mapping]] = ..., node_suspended: _Optional[_Union[NodeSuspendedEvent, _Mapping]] = ..., node_retry_scheduled: _Optional[_Union[NodeRetryScheduledEvent, _Mapping]] = ..., execution_suspended: _Optional[_Union[ExecutionSuspendedEvent, _Mapping]] = ..., execution_resumed: _Optional[_Union[ExecutionResumedEvent, _Mapping]] = ..., execution_completed: _Optional[_Union[ExecutionCompletedEvent, _Mapping]] = ..., execution_failed: _Optional[_Union[ExecutionFailedEvent, _Mapping]] = ..., execution_cancelled: _Optional[_Union[ExecutionCancelledEvent, _Mapping]] = ...) -> None: ...

class NodeRun(_message.Message):
    __slots__ = ("node_key", "node_type", "run_index", "execution_index", "attempt")
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    NODE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RUN_INDEX_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_INDEX_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    node_key: str
    node_type: str
    run_index: int
    execution_index: int
    attempt: int
    def __init__(self, node_key: _Optional[str] = ..., node_type: _Optional[str] = ..., run_index: _Optional[int] = ..., execution_index: _Optional[int] = ..., attempt: _Optional[int] = ...) -> None: ...

class ExecutionStartedEvent(_message.Message):
    __slots__ = ("graph_id", "workflow_id", "workflow_version", "mode", "parent", "input", "input_ref")
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    INPUT_REF_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    workflow_id: str
    workflow_version: int
    mode: _execution_mode_pb2.ExecutionMode
    parent: _execution_pb2.ParentLink
    input: _struct_pb2.Value
    input_ref: str
    def __init__(self, graph_id: _Optional[str] = ..., workflow_id: _Optional[str] = ..., workflow_version: _Optional[int] = ..., mode: _Optional[_Union[_execution_mode_pb2.ExecutionMode, str]] = ..., parent: _Optional[_Union[_execution_pb2.ParentLink, _Mapping]] = ..., input: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., input_ref: _Optional[str] = ...) -> None: ...

class NodeStartingEvent(_message.Message):
    __slots__ = ("run", "loopback")
    RUN_FIELD_NUMBER: _ClassVar[int]
    LOOPBACK_FIELD_NUMBER: _ClassVar[int]
    run: NodeRun
    loopback: bool
    def __init__(self, run: _Optional[_Union[NodeRun, _Mapping]] = ..., loopback: _Optional[bool] = ...) -> None: ...

class NodeCompletedEvent(_message.Message):
    __slots__ = ("run", "port", "output", "output_ref", "duration_ms", "resumed")
    RUN_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_REF_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    RESUMED_FIELD_NUMBER: _ClassVar[int]
    run: NodeRun
    port: str
    output: _struct_pb2.Value
    output_ref: str
    duration_ms: int
    resumed: bool
    def __init__(self, run: _Optional[_Union[NodeRun, _Mapping]] = ..., port: _Optional[str] = ..., output: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., output_ref: _Optional[str] = ..., duration_ms: _Optional[int] = ..., resumed: _Optional[bool] = ...) -> None: ...

class NodeFailedEvent(_message.Message):
    __slots__ = ("run", "error")
    RUN_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    run: NodeRun
    error: _errors_pb2.NodeError
    def __init__(self, run: _Optional[_Union[NodeRun, _Mapping]] = ..., error: _Optional[_Union[_errors_pb2.NodeError, _Mapping]] = ...) -> None: ...

class NodeSuspendedEvent(_message.Message):
    __slots__ = ("run", "suspension")
    RUN_FIELD_NUMBER: _ClassVar[int]
    SUSPENSION_FIELD_NUMBER: _ClassVar[int]
    run: NodeRun
    suspension: _suspension_pb2.Suspension
    def __init__(self, run: _Optional[_Union[NodeRun, _Mapping]] = ..., suspension: _Optional[_Union[_suspension_pb2.Suspension, _Mapping]] = ...) -> None: ...

class NodeRetryScheduledEvent(_message.Message):
    __slots__ = ("run", "next_attempt", "wait_till", "error")
    RUN_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    WAIT_TILL_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    run: NodeRun
    next_attempt: int
    wait_till: _timestamp_pb2.Timestamp
    error: _errors_pb2.NodeError
    def __init__(self, run: _Optional[_Union[NodeRun, _Mapping]] = ..., next_attempt: _Optional[int] = ..., wait_till: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[_Union[_errors_pb2.NodeError, _Mapping]] = ...) -> None: ...

class ExecutionSuspendedEvent(_message.Message):
    __slots__ = ("node_key", "kind", "wait_till", "expires_at", "timeout_at")
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    WAIT_TILL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_AT_FIELD_NUMBER: _ClassVar[int]
    node_key: str
    kind: _suspension_pb2.SuspensionKind
    wait_till: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    timeout_at: _timestamp_pb2.Timestamp
    def __init__(self, node_key: _Optional[str] = ..., kind: _Optional[_Union[_suspension_pb2.SuspensionKind, str]] = ..., wait_till: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., timeout_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExecutionResumedEvent(_message.Message):
    __slots__ = ("node_key", "reason", "request_id")
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    node_key: str
    reason: ResumeReason
    request_id: str
    def __init__(self, node_key: _Optional[str] = ..., reason: _Optional[_Union[ResumeReason, str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class ExecutionCompletedEvent(_message.Message):
    __slots__ = ("output", "output_ref")
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_REF_FIELD_NUMBER: _ClassVar[int]
    output: _struct_pb2.Value
    output_ref: str
    def __init__(self, output: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., output_ref: _Optional[str] = ...) -> None: ...

class ExecutionFailedEvent(_message.Message):
    __slots__ = ("error",)
    ERROR_FIELD_NUMBER: _ClassVar[int]
    error: _errors_pb2.ExecutionError
    def __init__(self, error: _Optional[_Union[_errors_pb2.ExecutionError, _Mapping]] = ...) -> None: ...

class ExecutionCancelledEvent(_message.Message):
    __slots__ = ("reason", "node_key")
    REASON_FIELD_NUMBER: _ClassVar[int]
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    reason: str
    node_key: str
    def __init__(self, reason: _Optional[str] = ..., node_key: _Optional[str] = ...) -> None: ...
