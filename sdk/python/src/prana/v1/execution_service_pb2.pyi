import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from prana.v1 import events_pb2 as _events_pb2
from prana.v1 import execution_pb2 as _execution_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExecutionWait(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_WAIT_UNSPECIFIED: _ClassVar[ExecutionWait]
    EXECUTION_WAIT_NONE: _ClassVar[ExecutionWait]
    EXECUTION_WAIT_SETTLED: _ClassVar[ExecutionWait]
    EXECUTION_WAIT_TERMINAL: _ClassVar[ExecutionWait]

class ExecutionView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_VIEW_UNSPECIFIED: _ClassVar[ExecutionView]
    EXECUTION_VIEW_BASIC: _ClassVar[ExecutionView]
    EXECUTION_VIEW_FULL: _ClassVar[ExecutionView]
EXECUTION_WAIT_UNSPECIFIED: ExecutionWait
EXECUTION_WAIT_NONE: ExecutionWait
EXECUTION_WAIT_SETTLED: ExecutionWait
EXECUTION_WAIT_TERMINAL: ExecutionWait
EXECUTION_VIEW_UNSPECIFIED: ExecutionView
EXECUTION_VIEW_BASIC: ExecutionView
EXECUTION_VIEW_FULL: ExecutionView

class StartExecutionRequest(_message.Message):
    __slots__ = ("graph_id", "input", "variables", "labels", "execution_id", "request_id", "wait", "view")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    input: _struct_pb2.Value
    variables: _struct_pb2.Struct
    labels: _containers.ScalarMap[str, str]
    execution_id: str
    request_id: str
    wait: ExecutionWait
    view: ExecutionView
    def __init__(self, graph_id: _Optional[str] = ..., input: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., variables: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., execution_id: _Optional[str] = ..., request_id: _Optional[str] = ..., wait: _Optional[_Union[ExecutionWait, str]] = ..., view: _Optional[_Union[ExecutionView, str]] = ...) -> None: ...

class StartExecutionResponse(_message.Message):
    __slots__ = ("execution", "created")
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    execution: _execution_pb2.Execution
    created: bool
    def __init__(self, execution: _Optional[_Union[_execution_pb2.Execution, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class RunExecutionRequest(_message.Message):
    __slots__ = ("graph_id", "input", "variables", "labels", "execution_id", "request_id")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    input: _struct_pb2.Value
    variables: _struct_pb2.Struct
    labels: _containers.ScalarMap[str, str]
    execution_id: str
    request_id: str
    def __init__(self, graph_id: _Optional[str] = ..., input: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., variables: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., execution_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RunExecutionResponse(_message.Message):
    __slots__ = ("event", "created")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    event: _events_pb2.ExecutionEvent
    created: bool
    def __init__(self, event: _Optional[_Union[_events_pb2.ExecutionEvent, _Mapping]] = ..., created: _Optional[bool] = ...) -> None: ...

class WatchExecutionRequest(_message.Message):
    __slots__ = ("execution_id", "after_seq")
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    execution_id: str
    after_seq: int
    def __init__(self, execution_id: _Optional[str] = ..., after_seq: _Optional[int] = ...) -> None: ...

class WatchExecutionResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: _events_pb2.ExecutionEvent
    def __init__(self, event: _Optional[_Union[_events_pb2.ExecutionEvent, _Mapping]] = ...) -> None: ...

class GetExecutionRequest(_message.Message):
    __slots__ = ("execution_id", "view")
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    execution_id: str
    view: ExecutionView
    def __init__(self, execution_id: _Optional[str] = ..., view: _Optional[_Union[ExecutionView, str]] = ...) -> None: ...

class GetExecutionResponse(_message.Message):
    __slots__ = ("execution",)
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    execution: _execution_pb2.Execution
    def __init__(self, execution: _Optional[_Union[_execution_pb2.Execution, _Mapping]] = ...) -> None: ...

class ListExecutionsRequest(_message.Message):
    __slots__ = ("statuses", "graph_id", "labels", "created_after", "created_before", "page_size", "page_token", "view")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[_execution_pb2.ExecutionStatus]
    graph_id: str
    labels: _containers.ScalarMap[str, str]
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    view: ExecutionView
    def __init__(self, statuses: _Optional[_Iterable[_Union[_execution_pb2.ExecutionStatus, str]]] = ..., graph_id: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., view: _Optional[_Union[ExecutionView, str]] = ...) -> None: ...

class ListExecutionsResponse(_message.Message):
    __slots__ = ("executions", "next_page_token")
    EXECUTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    executions: _containers.RepeatedCompositeFieldContainer[_execution_pb2.Execution]
    next_page_token: str
    def __init__(self, executions: _Optional[_Iterable[_Union[_execution_pb2.Execution, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SuspendedNode(_message.Message):
    __slots__ = ("execution_id", "node_key")
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    execution_id: str
    node_key: str
    def __init__(self, execution_id: _Optional[str] = ..., node_key: _Optional[str] = ...) -> None: ...

class ResumeRequest(_message.Message):
    __slots__ = ("node", "resume_token", "data", "request_id", "wait", "view")
    NODE_FIELD_NUMBER: _ClassVar[int]
    RESUME_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    WAIT_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    node: SuspendedNode
    resume_token: str
    data: _struct_pb2.Value
    request_id: str
    wait: ExecutionWait
    view: ExecutionView
    def __init__(self, node: _Optional[_Union[SuspendedNode, _Mapping]] = ..., resume_token: _Optional[str] = ..., data: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., request_id: _Optional[str] = ..., wait: _Optional[_Union[ExecutionWait, str]] = ..., view: _Optional[_Union[ExecutionView, str]] = ...) -> None: ...

class ResumeResponse(_message.Message):
    __slots__ = ("execution", "already_resumed")
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    ALREADY_RESUMED_FIELD_NUMBER: _ClassVar[int]
    execution: _execution_pb2.Execution
    already_resumed: bool
    def __init__(self, execution: _Optional[_Union[_execution_pb2.Execution, _Mapping]] = ..., already_resumed: _Optional[bool] = ...) -> None: ...

class CancelExecutionRequest(_message.Message):
    __slots__ = ("execution_id", "reason")
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    execution_id: str
    reason: str
    def __init__(self, execution_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelExecutionResponse(_message.Message):
    __slots__ = ("execution",)
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    execution: _execution_pb2.Execution
    def __init__(self, execution: _Optional[_Union[_execution_pb2.Execution, _Mapping]] = ...) -> None: ...
