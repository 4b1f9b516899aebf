from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExecutionErrorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_ERROR_KIND_UNSPECIFIED: _ClassVar[ExecutionErrorKind]
    EXECUTION_ERROR_KIND_NODE: _ClassVar[ExecutionErrorKind]
    EXECUTION_ERROR_KIND_ENGINE: _ClassVar[ExecutionErrorKind]
EXECUTION_ERROR_KIND_UNSPECIFIED: ExecutionErrorKind
EXECUTION_ERROR_KIND_NODE: ExecutionErrorKind
EXECUTION_ERROR_KIND_ENGINE: ExecutionErrorKind

class NodeError(_message.Message):
    __slots__ = ("code", "message", "details")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    details: _struct_pb2.Struct
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ExecutionError(_message.Message):
    __slots__ = ("kind", "code", "message", "details", "node_key")
    KIND_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    NODE_KEY_FIELD_NUMBER: _ClassVar[int]
    kind: ExecutionErrorKind
    code: str
    message: str
    details: _struct_pb2.Struct
    node_key: str
    def __init__(self, kind: _Optional[_Union[ExecutionErrorKind, str]] = ..., code: _Optional[str] = ..., message: _Optional[str] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., node_key: _Optional[str] = ...) -> None: ...
