from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OnError(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ON_ERROR_UNSPECIFIED: _ClassVar[OnError]
    ON_ERROR_STOP_WORKFLOW: _ClassVar[OnError]
    ON_ERROR_CONTINUE: _ClassVar[OnError]
    ON_ERROR_CONTINUE_ERROR_OUTPUT: _ClassVar[OnError]
ON_ERROR_UNSPECIFIED: OnError
ON_ERROR_STOP_WORKFLOW: OnError
ON_ERROR_CONTINUE: OnError
ON_ERROR_CONTINUE_ERROR_OUTPUT: OnError

class Workflow(_message.Message):
    __slots__ = ("id", "name", "version", "variables", "settings", "nodes", "connections", "trigger")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    version: int
    variables: _struct_pb2.Struct
    settings: WorkflowSettings
    nodes: _containers.RepeatedCompositeFieldContainer[Node]
    connections: _containers.RepeatedCompositeFieldContainer[Connection]
    trigger: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., version: _Optional[int] = ..., variables: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., settings: _Optional[_Union[WorkflowSettings, _Mapping]] = ..., nodes: _Optional[_Iterable[_Union[Node, _Mapping]]] = ..., connections: _Optional[_Iterable[_Union[Connection, _Mapping]]] = ..., trigger: _Optional[str] = ...) -> None: ...

class WorkflowSettings(_message.Message):
    __slots__ = ("max_loop_iterations",)
    MAX_LOOP_ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    max_loop_iterations: int
    def __init__(self, max_loop_iterations: _Optional[int] = ...) -> None: ...

class Node(_message.Message):
    __slots__ = ("key", "name", "type", "params", "settings")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    key: str
    name: str
    type: str
    params: _struct_pb2.Struct
    settings: NodeSettings
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., params: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., settings: _Optional[_Union[NodeSettings, _Mapping]] = ...) -> None: ...

class Connection(_message.Message):
    __slots__ = ("from_node", "from_port", "to_node", "to_port")
    FROM_NODE_FIELD_NUMBER: _ClassVar[int]
    FROM_PORT_FIELD_NUMBER: _ClassVar[int]
    TO_NODE_FIELD_NUMBER: _ClassVar[int]
    TO_PORT_FIELD_NUMBER: _ClassVar[int]
    from_node: str
    from_port: str
    to_node: str
    to_port: str
    def __init__(self, from_node: _Optional[str] = ..., from_port: _Optional[str] = ..., to_node: _Optional[str] = ..., to_port: _Optional[str] = ...) -> None: ...

class NodeSettings(_message.Message):
    __slots__ = ("on_error", "retry_on_failed", "max_retries", "retry_delay_ms", "retry_backoff", "retry_max_delay_ms")
    ON_ERROR_FIELD_NUMBER: _ClassVar[int]
    RETRY_ON_FAILED_FIELD_NUMBER: _ClassVar[int]
    MAX_RETRIES_FIELD_NUMBER: _ClassVar[int]
    RETRY_DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    RETRY_BACKOFF_FIELD_NUMBER: _ClassVar[int]
    RETRY_MAX_DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    on_error: OnError
    retry_on_failed: bool
    max_retries: int
    retry_delay_ms: int
    retry_backoff: float
    retry_max_delay_ms: int
    def __init__(self, on_error: _Optional[_Union[OnError, str]] = ..., retry_on_failed: _Optional[bool] = ..., max_retries: _Optional[int] = ..., retry_delay_ms: _Optional[int] = ..., retry_backoff: _Optional[float] = ..., retry_max_delay_ms: _Optional[int] = ...) -> None: ...
