import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OverlapPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OVERLAP_POLICY_UNSPECIFIED: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_SKIP: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_BUFFER_ONE: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_ALLOW_ALL: _ClassVar[OverlapPolicy]
    OVERLAP_POLICY_CANCEL_OTHER: _ClassVar[OverlapPolicy]

class TickKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICK_KIND_UNSPECIFIED: _ClassVar[TickKind]
    TICK_KIND_SCHEDULED: _ClassVar[TickKind]
    TICK_KIND_TRIGGER: _ClassVar[TickKind]
    TICK_KIND_BACKFILL: _ClassVar[TickKind]

class ActionResult(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTION_RESULT_UNSPECIFIED: _ClassVar[ActionResult]
    ACTION_RESULT_STARTED: _ClassVar[ActionResult]
    ACTION_RESULT_SKIPPED: _ClassVar[ActionResult]
    ACTION_RESULT_BUFFERED: _ClassVar[ActionResult]
    ACTION_RESULT_FAILED: _ClassVar[ActionResult]
OVERLAP_POLICY_UNSPECIFIED: OverlapPolicy
OVERLAP_POLICY_SKIP: OverlapPolicy
OVERLAP_POLICY_BUFFER_ONE: OverlapPolicy
OVERLAP_POLICY_ALLOW_ALL: OverlapPolicy
OVERLAP_POLICY_CANCEL_OTHER: OverlapPolicy
TICK_KIND_UNSPECIFIED: TickKind
TICK_KIND_SCHEDULED: TickKind
TICK_KIND_TRIGGER: TickKind
TICK_KIND_BACKFILL: TickKind
ACTION_RESULT_UNSPECIFIED: ActionResult
ACTION_RESULT_STARTED: ActionResult
ACTION_RESULT_SKIPPED: ActionResult
ACTION_RESULT_BUFFERED: ActionResult
ACTION_RESULT_FAILED: ActionResult

class CronSchedule(_message.Message):
    __slots__ = ("expression", "timezone")
    EXPRESSION_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    expression: str
    timezone: str
    def __init__(self, expression: _Optional[str] = ..., timezone: _Optional[str] = ...) -> None: ...

class IntervalSchedule(_message.Message):
    __slots__ = ("every_ms", "offset_ms")
    EVERY_MS_FIELD_NUMBER: _ClassVar[int]
    OFFSET_MS_FIELD_NUMBER: _ClassVar[int]
    every_ms: int
    offset_ms: int
    def __init__(self, every_ms: _Optional[int] = ..., offset_ms: _Optional[int] = ...) -> None: ...

class ScheduleSpec(_message.Message):
    __slots__ = ("cron", "intervals", "start_time", "end_time", "jitter_ms")
    CRON_FIELD_NUMBER: _ClassVar[int]
    INTERVALS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    JITTER_MS_FIELD_NUMBER: _ClassVar[int]
    cron: _containers.RepeatedCompositeFieldContainer[CronSchedule]
    intervals: _containers.RepeatedCompositeFieldContainer[IntervalSchedule]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    jitter_ms: int
    def __init__(self, cron: _Optional[_Iterable[_Union[CronSchedule, _Mapping]]] = ..., intervals: _Optional[_Iterable[_Union[IntervalSchedule, _Mapping]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., jitter_ms: _Optional[int] = ...) -> None: ...

class ScheduleAction(_message.Message):
    __slots__ = ("graph_id", "input", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    GRAPH_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    graph_id: str
    input: _struct_pb2.Value
    labels: _containers.ScalarMap[str, str]
    def __init__(self, graph_id: _Optional[str] = ..., input: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SchedulePolicies(_message.Message):
    __slots__ = ("overlap", "catchup_window_ms")
    OVERLAP_FIELD_NUMBER: _ClassVar[int]
    CATCHUP_WINDOW_MS_FIELD_NUMBER: _ClassVar[int]
    overlap: OverlapPolicy
    catchup_window_ms: int
    def __init__(self, overlap: _Optional[_Union[OverlapPolicy, str]] = ..., catchup_window_ms: _Optional[int] = ...) -> None: ...

class ScheduleActionRecord(_message.Message):
    __slots__ = ("kind", "scheduled_time", "taken_time", "result", "execution_id", "error")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_TIME_FIELD_NUMBER: _ClassVar[int]
    TAKEN_TIME_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    kind: TickKind
    scheduled_time: _timestamp_pb2.Timestamp
    taken_time: _timestamp_pb2.Timestamp
    result: ActionResult
    execution_id: str
    error: str
    def __init__(self, kind: _Optional[_Union[TickKind, str]] = ..., scheduled_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., taken_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., result: _Optional[_Union[ActionResult, str]] = ..., execution_id: _Optional[str] = ..., error: _Optional[str] = ...) -> None: ...

class FireTime(_message.Message):
    __slots__ = ("scheduled_time", "fire_time")
    SCHEDULED_TIME_FIELD_NUMBER: _ClassVar[int]
    FIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    scheduled_time: _timestamp_pb2.Timestamp
    fire_time: _timestamp_pb2.Timestamp
    def __init__(self, scheduled_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., fire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ScheduleInfo(_message.Message):
    __slots__ = ("upcoming", "recent_actions", "running_execution_ids", "pending_ticks", "started_count", "skipped_count", "missed_count", "create_time", "update_time")
    UPCOMING_FIELD_NUMBER: _ClassVar[int]
    RECENT_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    RUNNING_EXECUTION_IDS_FIELD_NUMBER: _ClassVar[int]
    PENDING_TICKS_FIELD_NUMBER: _ClassVar[int]
    STARTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_COUNT_FIELD_NUMBER: _ClassVar[int]
    MISSED_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    upcoming: _containers.RepeatedCompositeFieldContainer[FireTime]
    recent_actions: _containers.RepeatedCompositeFieldContainer[ScheduleActionRecord]
    running_execution_ids: _containers.RepeatedScalarFieldContainer[str]
    pending_ticks: int
    started_count: int
    skipped_count: int
    missed_count: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, upcoming: _Optional[_Iterable[_Union[FireTime, _Mapping]]] = ..., recent_actions: _Optional[_Iterable[_Union[ScheduleActionRecord, _Mapping]]] = ..., running_execution_ids: _Optional[_Iterable[str]] = ..., pending_ticks: _Optional[int] = ..., started_count: _Optional[int] = ..., skipped_count: _Optional[int] = ..., missed_count: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Schedule(_message.Message):
    __slots__ = ("schedule_id", "spec", "action", "policies", "paused", "note", "revision", "info")
    SCHEDULE_ID_FIELD_NUMBER: _ClassVar[int]
    SPEC_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    POLICIES_FIELD_NUMBER: _ClassVar[int]
    PAUSED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    schedule_id: str
    spec: ScheduleSpec
    action: ScheduleAction
    policies: SchedulePolicies
    paused: bool
    note: str
    revision: int
    info: ScheduleInfo
    def __init__(self, schedule_id: _Optional[str] = ..., spec: _Optional[_Union[ScheduleSpec, _Mapping]] = ..., action: _Optional[_Union[ScheduleAction, _Mapping]] = ..., policies: _Optional[_Union[SchedulePolicies, _Mapping]] = ..., paused: _Optional[bool] = ..., note: _Optional[str] = ..., revision: _Optional[int] = ..., info: _Optional[_Union[ScheduleInfo, _Mapping]] = ...) -> None: ...
