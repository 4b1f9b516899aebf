import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from prana.v1 import errors_pb2 as _errors_pb2
from prana.v1 import execution_mode_pb2 as _execution_mode_pb2
from prana.v1 import suspension_pb2 as _suspension_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExecutionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_STATUS_UNSPECIFIED: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_PENDING: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_RUNNING: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_SUSPENDED: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_COMPLETED: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_FAILED: _ClassVar[ExecutionStatus]
    EXECUTION_STATUS_CANCELLED: _ClassVar[ExecutionStatus]

class NodeExecutionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NODE_EXECUTION_STATUS_UNSPECIFIED: _ClassVar[NodeExecutionStatus]
    NODE_EXECUTION_STATUS_RUNNING: _ClassVar[NodeExecutionStatus]
    NODE_EXECUTION_STATUS_COMPLETED: _ClassVar[NodeExecutionStatus]
    NODE_EXECUTION_STATUS_FAILED: _ClassVar[NodeExecutionStatus]
    NODE_EXECUTION_STATUS_SUSPENDED: _ClassVar[NodeExecutionStatus]
    NODE_EXECUTION_STATUS_CANCELLED: _ClassVar[NodeExecutionStatus]
EXECUTION_STATUS_UNSPECIFIED: ExecutionStatus
EXECUTION_STATUS_PENDING: ExecutionStatus
EXECUTION_STATUS_RUNNING: ExecutionStatus
EXECUTION_STATUS_SUSPENDED: ExecutionStatus
EXECUTION_STATUS_COMPLETED: ExecutionStatus
EXECUTION_STATUS_FAILED: ExecutionStatus
EXECUTION_STATUS_CANCELLED: ExecutionStatus
NODE_EXECUTION_STATUS_UNSPECIFIED: NodeExecutionStatus
NODE_EXECUTION_STATUS_RUNNING: NodeExecutionStatus
NODE_EXECUTION_STATUS_COMPLETED: NodeExecutionStatus
NODE_EXECUTION_STATUS_FAILED: NodeExecutionStatus
NODE_EXECUTION_STATUS_SUSPENDED: NodeExecutionStatus
NODE_EXECUTION_STATUS_CANCELLED: NodeExecutionStatus

class ParentLink(_message.Message):
    __slots__ = ("parent_execution_id", "parent_node_key", "parent_run_index", "root_execution_id")
    PARENT_EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    PARENT_RUN_INDEX_FIELD_NUMBER: _ClassVar[int]
    ROOT_EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    parent_execution_id: str
    parent_node_key: str
    parent_run_index: int
    root_execution_id: str
    def __init__(self, parent_execution_id: _Optional[str] = ..., parent_node_key: _Optional[str] = ..., parent_run_index: _Optional[int] = ..., root_execution_id: _Optional[str] = ...) -> None: ...

class Execution(_message.Message):
    __slots__ = ("id", "graph_id", "workflow_id", "workflow_version", "status", "mode", "input", "vars", "labels", "parent", "state", "node_executions", "output", "output_ref", "error", "suspension", "last_seq", "iteration_count", "max_loop_iterations", "created_at", "started_at", "updated_at", "finished_at", "cancel_reason", "namespace")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    VARS_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    NODE_EXECUTIONS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_REF_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SUSPENSION_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    ITERATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_LOOP_ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REASON_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    id: str
    graph_id: str
    workflow_id: str
    workflow_version: int
    status: ExecutionStatus
    mode: _execution_mode_pb2.ExecutionMode
    input: _struct_pb2.Value
    vars: _struct_pb2.Struct
    labels: _containers.ScalarMap[str, str]
    parent: ParentLink
    state: _struct_pb2.Struct
    node_executions: _containers.RepeatedCompositeFieldContainer[NodeExecution]
    output: _struct_pb2.Value
    output_ref: str
    error: _errors_pb2.ExecutionError
    suspension: _suspension_pb2.Suspension
    last_seq: int
    iteration_count: int
    max_loop_iterations: int
    created_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    cancel_reason: str
    namespace: str
    def __init__(self, id: _Optional[str] = ..., graph_id: _Optional[str] = ..., workflow_id: _Optional[str] = ..., workflow_version: _Optional[int] = ..., status: _Optional[_Union[ExecutionStatus, str]] = ..., mode: _Optional[_Union[_execution_mode_pb2.ExecutionMode, str]] = ..., input: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., vars: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., parent: _Optional[_Union[ParentLink, _Mapping]] = ..., state: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., node_executions: _Optional[_Iterable[_Union[NodeExecution, _Mapping]]] = ..., output: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., output_ref: _Optional[str] = ..., error: _Optional[_Union[_errors_pb2.ExecutionError, _Mapping]] = ..., suspension: _Optional[_Union[_suspension_pb2.Suspension, _Mapping]] = ..., last_seq: _Optional[int] = ..., iteration_count: _Optional[int] = ..., max_loop_iterations: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_reason: _Optional[str] = ..., namespace: _Optional[str] = ...) -> None: ...

class NodeExecution(_message.Message):
    __slots__ = ("node_key", "node_type", "status", "execution_index", "run_index", "attempt", "loopback", "params", "output", "output_ref", "output_port", "error", "suspension", "started_at", "completed_at", "duration_ms")
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    NODE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_INDEX_FIELD_NUMBER: _ClassVar[int]
    RUN_INDEX_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    LOOPBACK_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_REF_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PORT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SUSPENSION_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    node_key: str
    node_type: str
    status: NodeExecutionStatus
    execution_index: int
    run_index: int
    attempt: int
    loopback: bool
    params: _struct_pb2.Struct
    output: _struct_pb2.Value
    output_ref: str
    output_port: str
    error: _errors_pb2.NodeError
    suspension: _suspension_pb2.Suspension
    started_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    duration_ms: int
    def __init__(self, node_key: _Optional[str] = ..., node_type: _Optional[str] = ..., status: _Optional[_Union[NodeExecutionStatus, str]] = ..., execution_index: _Optional[int] = ..., run_index: _Optional[int] = ..., attempt: _Optional[int] = ..., loopback: _Optional[bool] = ..., params: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., output: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., output_ref: _Optional[str] = ..., output_port: _Optional[str] = ..., error: _Optional[_Union[_errors_pb2.NodeError, _Mapping]] = ..., suspension: _Optional[_Union[_suspension_pb2.Suspension, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_ms: _Optional[int] = ...) -> None: ...
