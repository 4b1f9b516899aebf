from google.protobuf import struct_pb2 as _struct_pb2
from prana.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LoopRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOOP_ROLE_UNSPECIFIED: _ClassVar[LoopRole]
    LOOP_ROLE_NOT_IN_LOOP: _ClassVar[LoopRole]
    LOOP_ROLE_START_LOOP: _ClassVar[LoopRole]
    LOOP_ROLE_IN_LOOP: _ClassVar[LoopRole]
    LOOP_ROLE_END_LOOP: _ClassVar[LoopRole]
LOOP_ROLE_UNSPECIFIED: LoopRole
LOOP_ROLE_NOT_IN_LOOP: LoopRole
LOOP_ROLE_START_LOOP: LoopRole
LOOP_ROLE_IN_LOOP: LoopRole
LOOP_ROLE_END_LOOP: LoopRole

class ExecutionGraph(_message.Message):
    __slots__ = ("id", "workflow_id", "workflow_version", "workflow_name", "trigger_key", "variables", "max_loop_iterations", "nodes", "connections", "compiler_version")
    ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_VERSION_FIELD_NUMBER: _ClassVar[int]
    WORKFLOW_NAME_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_KEY_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    MAX_LOOP_ITERATIONS_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    COMPILER_VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    workflow_id: str
    workflow_version: int
    workflow_name: str
    trigger_key: str
    variables: _struct_pb2.Struct
    max_loop_iterations: int
    nodes: _containers.RepeatedCompositeFieldContainer[GraphNode]
    connections: _containers.RepeatedCompositeFieldContainer[_workflow_pb2.Connection]
    compiler_version: str
    def __init__(self, id: _Optional[str] = ..., workflow_id: _Optional[str] = ..., workflow_version: _Optional[int] = ..., workflow_name: _Optional[str] = ..., trigger_key: _Optional[str] = ..., variables: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., max_loop_iterations: _Optional[int] = ..., nodes: _Optional[_Iterable[_Union[GraphNode, _Mapping]]] = ..., connections: _Optional[_Iterable[_Union[_workflow_pb2.Connection, _Mapping]]] = ..., compiler_version: _Optional[str] = ...) -> None: ...

class GraphNode(_message.Message):
    __slots__ = ("key", "name", "type", "params", "settings", "input_ports", "output_ports", "dynamic_output_ports", "default_port", "loop")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    INPUT_PORTS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PORTS_FIELD_NUMBER: _ClassVar[int]
    DYNAMIC_OUTPUT_PORTS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PORT_FIELD_NUMBER: _ClassVar[int]
    LOOP_FIELD_NUMBER: _ClassVar[int]
    key: str
    name: str
    type: str
    params: _struct_pb2.Struct
    settings: _workflow_pb2.NodeSettings
    input_ports: _containers.RepeatedScalarFieldContainer[str]
    output_ports: _containers.RepeatedScalarFieldContainer[str]
    dynamic_output_ports: bool
    default_port: str
    loop: LoopInfo
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., params: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., settings: _Optional[_Union[_workflow_pb2.NodeSettings, _Mapping]] = ..., input_ports: _Optional[_Iterable[str]] = ..., output_ports: _Optional[_Iterable[str]] = ..., dynamic_output_ports: _Optional[bool] = ..., default_port: _Optional[str] = ..., loop: _Optional[_Union[LoopInfo, _Mapping]] = ...) -> None: ...

class LoopInfo(_message.Message):
    __slots__ = ("level", "role", "loop_ids")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LOOP_IDS_FIELD_NUMBER: _ClassVar[int]
    level: int
    role: LoopRole
    loop_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, level: _Optional[int] = ..., role: _Optional[_Union[LoopRole, str]] = ..., loop_ids: _Optional[_Iterable[str]] = ...) -> None: ...
