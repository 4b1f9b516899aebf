"""JSON values in and out of ``google.protobuf.Value`` and ``Struct``."""

from __future__ import annotations

from typing import Any, Mapping

from google.protobuf import json_format, struct_pb2

Json = Any
"""A JSON value: None, bool, int, float, str, list or dict of JSON values."""


def value(data: Json) -> struct_pb2.Value:
    """The ``google.protobuf.Value`` of a JSON value (the service's ``input``, ``data`` and ``output``)."""
    out = struct_pb2.Value()
    json_format.ParseDict(data, out)
    return out


def struct(data: Mapping[str, Json]) -> struct_pb2.Struct:
    """The ``google.protobuf.Struct`` of a JSON object (``variables``, error ``details``)."""
    out = struct_pb2.Struct()
    json_format.ParseDict(dict(data), out)
    return out


def from_value(message: struct_pb2.Value | struct_pb2.Struct | None) -> Json:
    """The JSON value of a ``Value`` or ``Struct``; None for an absent one. Whole numbers come back as int."""
    if message is None:
        return None
    return _whole(json_format.MessageToDict(message))


def _whole(data: Json) -> Json:
    # Protobuf numbers are doubles; give back ints where the value is whole, as JSON readers expect.
    if isinstance(data, float) and data.is_integer() and abs(data) < 2**53:
        return int(data)
    if isinstance(data, list):
        return [_whole(item) for item in data]
    if isinstance(data, dict):
        return {key: _whole(item) for key, item in data.items()}
    return data
