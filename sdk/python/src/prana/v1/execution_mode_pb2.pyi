from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class ExecutionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXECUTION_MODE_UNSPECIFIED: _ClassVar[ExecutionMode]
    EXECUTION_MODE_SYNC: _ClassVar[ExecutionMode]
    EXECUTION_MODE_ASYNC: _ClassVar[ExecutionMode]
    EXECUTION_MODE_FIRE_AND_FORGET: _ClassVar[ExecutionMode]
EXECUTION_MODE_UNSPECIFIED: ExecutionMode
EXECUTION_MODE_SYNC: ExecutionMode
EXECUTION_MODE_ASYNC: ExecutionMode
EXECUTION_MODE_FIRE_AND_FORGET: ExecutionMode
