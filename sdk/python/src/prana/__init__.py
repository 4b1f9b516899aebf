"""Python SDK of the Prana workflow service.

``prana.v1`` is the generated code of the contract; this package adds what every caller needs on
top of it: :class:`Client` (TLS, bearer token, namespace), :func:`value` / :func:`from_value` (JSON
in and out of ``google.protobuf.Value``), :class:`PranaError` (the ErrorInfo reason and the
BadRequest and ResourceInfo details of a refused call), :meth:`Client.watch` (an event stream that
reconnects after the last seq it delivered) and :class:`Worker` (poll, keep the lease, complete or
fail).
"""

from prana.client import Client
from prana.errors import FieldViolation, PranaError, error_of
from prana.values import from_value, struct, value
from prana.worker import TaskFailure, TaskResult, Worker

__all__ = [
    "Client",
    "FieldViolation",
    "PranaError",
    "TaskFailure",
    "TaskResult",
    "Worker",
    "error_of",
    "from_value",
    "struct",
    "value",
]
