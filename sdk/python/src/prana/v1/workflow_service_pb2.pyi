from prana.v1 import diagnostics_pb2 as _diagnostics_pb2
from prana.v1 import graph_pb2 as _graph_pb2
from prana.v1 import node_type_pb2 as _node_type_pb2
from prana.v1 import workflow_pb2 as _workflow_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListNodeTypesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListNodeTypesResponse(_message.Message):
    __slots__ = ("node_types",)
    NODE_TYPES_FIELD_NUMBER: _ClassVar[int]
    node_types: _containers.RepeatedCompositeFieldContainer[_node_type_pb2.NodeType]
    def __init__(self, node_types: _Optional[_Iterable[_Union[_node_type_pb2.NodeType, _Mapping]]] = ...) -> None: ...

class GetNodeTypeRequest(_message.Message):
    __slots__ = ("type",)
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: str
    def __init__(self, type: _Optional[str] = ...) -> None: ...

class GetNodeTypeResponse(_message.Message):
    __slots__ = ("node_type",)
    NODE_TYPE_FIELD_NUMBER: _ClassVar[int]
    node_type: _node_type_pb2.NodeType
    def __init__(self, node_type: _Optional[_Union[_node_type_pb2.NodeType, _Mapping]] = ...) -> None: ...

class CompileWorkflowRequest(_message.Message):
    __slots__ = ("workflow",)
    WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    workflow: _workflow_pb2.Workflow
    def __init__(self, workflow: _Optional[_Union[_workflow_pb2.Workflow, _Mapping]] = ...) -> None: ...

class CompileWorkflowResponse(_message.Message):
    __slots__ = ("graph_id", "diagnostics")
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    DIAGNOSTICS_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    diagnostics: _containers.RepeatedCompositeFieldContainer[_diagnostics_pb2.Diagnostic]
    def __init__(self, graph_id: _Optional[str] = ..., diagnostics: _Optional[_Iterable[_Union[_diagnostics_pb2.Diagnostic, _Mapping]]] = ...) -> None: ...

class GetWorkflowGraphRequest(_message.Message):
    __slots__ = ("graph_id",)
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    def __init__(self, graph_id: _Optional[str] = ...) -> None: ...

class GetWorkflowGraphResponse(_message.Message):
    __slots__ = ("graph",)
    GRAPH_FIELD_NUMBER: _ClassVar[int]
    graph: _graph_pb2.ExecutionGraph
    def __init__(self, graph: _Optional[_Union[_graph_pb2.ExecutionGraph, _Mapping]] = ...) -> None: ...
