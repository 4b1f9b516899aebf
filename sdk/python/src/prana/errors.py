"""Typed errors: the gRPC status of a refused call with its google.rpc details decoded."""

from __future__ import annotations

from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class FieldViolation:
    """A request field at fault (google.rpc.BadRequest)."""

    field: str
    description: str


@dataclass
class PranaError(Exception):
    """A call the service refused or failed.

    ``reason`` is the ErrorInfo reason (``not_found``, ``invalid_request``, ``token_expired``, …; the
    table is in the contract's ``errors.proto``), ``metadata`` its facts, ``fields`` the BadRequest
    violations and ``resource_type`` / ``resource_name`` the ResourceInfo of a NOT_FOUND.
    """

    code: grpc.StatusCode
    message: str
    reason: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    fields: list[FieldViolation] = field(default_factory=list)
    resource_type: str = ""
    resource_name: str = ""

    def __str__(self) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.code.name}{reason}: {self.message}"


def error_of(error: grpc.RpcError) -> PranaError:
    """Decodes a failed call (a ``grpc.RpcError`` from any stub) into a :class:`PranaError`."""
    code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
    details = error.details() if isinstance(error, grpc.Call) else str(error)
    out = PranaError(code=code, message=details or "")
    trailers = error.trailing_metadata() if isinstance(error, grpc.Call) else None
    for key, raw in trailers or ():
        if key != _DETAILS_KEY:
            continue
        status = status_pb2.Status.FromString(raw)
        out.message = status.message or out.message
        for detail in status.details:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                out.reason = info.reason
                out.metadata = dict(info.metadata)
            elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                out.fields = [FieldViolation(v.field, v.description) for v in bad.field_violations]
            elif detail.Is(error_details_pb2.ResourceInfo.DESCRIPTOR):
                resource = error_details_pb2.ResourceInfo()
                detail.Unpack(resource)
                out.resource_type = resource.resource_type
                out.resource_name = resource.resource_name
    return out
