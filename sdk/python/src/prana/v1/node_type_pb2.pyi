from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NodeType(_message.Message):
    __slots__ = ("type", "description", "trigger", "input_ports", "output_ports", "dynamic_ports", "default_port", "side_effects", "params_schema", "settings_schema")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    INPUT_PORTS_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_PORTS_FIELD_NUMBER: _ClassVar[int]
    DYNAMIC_PORTS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_PORT_FIELD_NUMBER: _ClassVar[int]
    SIDE_EFFECTS_FIELD_NUMBER: _ClassVar[int]
    PARAMS_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    SETTINGS_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    type: str
    description: str
    trigger: bool
    input_ports: _containers.RepeatedScalarFieldContainer[str]
    output_ports: _containers.RepeatedScalarFieldContainer[str]
    dynamic_ports: bool
    default_port: str
    side_effects: bool
    params_schema: _struct_pb2.Struct
    settings_schema: _struct_pb2.Struct
    def __init__(self, type: _Optional[str] = ..., description: _Optional[str] = ..., trigger: _Optional[bool] = ..., input_ports: _Optional[_Iterable[str]] = ..., output_ports: _Optional[_Iterable[str]] = ..., dynamic_ports: _Optional[bool] = ..., default_port: _Optional[str] = ..., side_effects: _Optional[bool] = ..., params_schema: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., settings_schema: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
