// Errors in the Prana contract.
//
// Two kinds of failure exist and they never mix:
//
// 1. Execution data. A node that fails, or an engine-level failure (no ready nodes, the loop limit, ...),
//    is recorded on the execution and streamed as events. The RPC that observed it still succeeds.
//    Those are the messages of this file.
// 2. Request failures. A call that cannot be carried out ends with a gRPC status code and the standard
//    rich error model: `grpc-status-details-bin` holds a `google.rpc.Status` whose `details` contain
//
//    * always one `google.rpc.ErrorInfo` with `domain` = "prana" and a `reason` from the table below;
//      `metadata` carries the facts the table names (string values; statuses are written as the proto
//      enum value name, e.g. "EXECUTION_STATUS_COMPLETED");
//    * for INVALID_ARGUMENT from request validation, a `google.rpc.BadRequest` whose field violations
//      name each offending request field by its proto path (e.g. `labels["team"]`, `data`);
//    * for NOT_FOUND, a `google.rpc.ResourceInfo` (`resource_type` = the full message name such as
//      "prana.v1.Execution", `resource_name` = the id that was looked up).
//
// Reasons (ErrorInfo.reason), with their code and meaning. Each RPC's comment lists the ones it returns.
//
// | reason                  | gRPC code           | meaning / metadata                                                  |
// |-------------------------|---------------------|---------------------------------------------------------------------|
// | `invalid_request`       | INVALID_ARGUMENT    | a field is missing, malformed or out of range (BadRequest lists them)|
// | `invalid_token`         | INVALID_ARGUMENT    | a resume token is malformed or was not issued by this service        |
// | `invalid_port`          | INVALID_ARGUMENT    | CompleteTask names a port the task's node does not declare; `port`   |
// | `not_found`             | NOT_FOUND           | the graph, execution, task or schedule does not exist (ResourceInfo)  |
// | `execution_id_conflict` | ALREADY_EXISTS      | `execution_id` names an execution created by a different request     |
// | `request_id_conflict`   | ALREADY_EXISTS      | `request_id` was used before with a different request                |
// | `schedule_exists`       | ALREADY_EXISTS      | the namespace has a schedule with that id; `schedule_id`             |
// | `token_expired`         | FAILED_PRECONDITION | the webhook wait's `expires_at` has passed; `expires_at`             |
// | `not_suspended`         | FAILED_PRECONDITION | the execution is not suspended; `status`                             |
// | `stale_token`           | FAILED_PRECONDITION | the token's suspension is no longer the current one                  |
// | `wrong_node`            | FAILED_PRECONDITION | the node is not the suspended one; `suspended_node_key`              |
// | `not_resumable`         | FAILED_PRECONDITION | the suspension kind is resumed by the service only; `kind`           |
// | `already_terminal`      | FAILED_PRECONDITION | the execution is completed or failed; `status`                       |
// | `task_closed`           | FAILED_PRECONDITION | the task already ended (completed, failed, timed out or cancelled)   |
// | `lease_not_held`        | FAILED_PRECONDITION | another worker holds a live lease on the task; `lease_expires_at`   |
// | `revision_mismatch`     | FAILED_PRECONDITION | the schedule is no longer at the revision the update names; `revision` |
// | `conflict`              | ABORTED             | lost a race with a concurrent change; retry the whole call           |
// | `limit_exceeded`        | RESOURCE_EXHAUSTED  | a service capacity limit was hit (open streams, waiting calls); `limit` |
// | `subscriber_too_slow`   | RESOURCE_EXHAUSTED  | a stream fell more than `limit` events behind; resume with WatchExecution from the last `seq` |
// | `store_unavailable`     | UNAVAILABLE         | the store (MongoDB) did not answer; retry with back-off              |
// | `shutting_down`         | UNAVAILABLE         | the replica is stopping; retry, possibly on another replica          |
// | `internal`              | INTERNAL            | a bug in the service                                                 |
// | `unimplemented`         | UNIMPLEMENTED       | the RPC is not served yet; `method`                                  |
// | `unauthenticated`       | UNAUTHENTICATED     | no bearer token, or one that is unknown, expired or badly signed     |
// | `permission_denied`     | PERMISSION_DENIED   | the token lacks the scope the RPC needs (`method`, `scope`) or the namespace the call names (`method`, `namespace`) |
//
// Codes produced by gRPC itself keep their usual meaning: DEADLINE_EXCEEDED (the caller's deadline passed,
// e.g. while StartExecution waited; the execution carries on), CANCELLED (the caller cancelled),
// RESOURCE_EXHAUSTED (a message larger than the server accepts), UNIMPLEMENTED (a method unknown to the
// server; without ErrorInfo).

// Code generated by protoc-gen-go. DO NOT EDIT.
// versions:
// 	protoc-gen-go v1.36.12
// 	protoc        (unknown)
// source: prana/v1/errors.proto

package pranav1

import (
	protoreflect "google.golang.org/protobuf/reflect/protoreflect"
	protoimpl "google.golang.org/protobuf/runtime/protoimpl"
	structpb "google.golang.org/protobuf/types/known/structpb"
	reflect "reflect"
	sync "sync"
	unsafe "unsafe"
)

const (
	// Verify that this generated code is sufficiently up-to-date.
	_ = protoimpl.EnforceVersion(20 - protoimpl.MinVersion)
	// Verify that runtime/protoimpl is sufficiently up-to-date.
	_ = protoimpl.EnforceVersion(protoimpl.MaxVersion - 20)
)

// Where an execution's error comes from.
type ExecutionErrorKind int32

const (
	// Not set; never sent by the service.
	ExecutionErrorKind_EXECUTION_ERROR_KIND_UNSPECIFIED ExecutionErrorKind = 0
	// The error of the failed node run (`on_error: stop_workflow` with no retries left).
	ExecutionErrorKind_EXECUTION_ERROR_KIND_NODE ExecutionErrorKind = 1
	// An engine-level failure: no failed node run exists.
	ExecutionErrorKind_EXECUTION_ERROR_KIND_ENGINE ExecutionErrorKind = 2
)

// Enum value maps for ExecutionErrorKind.
var (
	ExecutionErrorKind_name = map[int32]string{
		0: "EXECUTION_ERROR_KIND_UNSPECIFIED",
		1: "EXECUTION_ERROR_KIND_NODE",
		2: "EXECUTION_ERROR_KIND_ENGINE",
	}
	ExecutionErrorKind_value = map[string]int32{
		"EXECUTION_ERROR_KIND_UNSPECIFIED": 0,
		"EXECUTION_ERROR_KIND_NODE":        1,
		"EXECUTION_ERROR_KIND_ENGINE":      2,
	}
)

func (x ExecutionErrorKind) Enum() *ExecutionErrorKind {
	p := new(ExecutionErrorKind)
	*p = x
	return p
}

func (x ExecutionErrorKind) String() string {
	return protoimpl.X.EnumStringOf(x.Descriptor(), protoreflect.EnumNumber(x))
}

func (ExecutionErrorKind) Descriptor() protoreflect.EnumDescriptor {
	return file_prana_v1_errors_proto_enumTypes[0].Descriptor()
}

func (ExecutionErrorKind) Type() protoreflect.EnumType {
	return &file_prana_v1_errors_proto_enumTypes[0]
}

func (x ExecutionErrorKind) Number() protoreflect.EnumNumber {
	return protoreflect.EnumNumber(x)
}

// Deprecated: Use ExecutionErrorKind.Descriptor instead.
func (ExecutionErrorKind) EnumDescriptor() ([]byte, []int) {
	return file_prana_v1_errors_proto_rawDescGZIP(), []int{0}
}

// A node error: execution data, never an RPC failure. Used on failed node runs,
// retry suspensions, `node_failed` / `node_retry_scheduled` events and FailTask.
type NodeError struct {
	state protoimpl.MessageState `protogen:"open.v1"`
	// Machine-readable code, a plain identifier such as `invalid_params`, `http_timeout`, `task_failed`.
	Code string `protobuf:"bytes,1,opt,name=code,proto3" json:"code,omitempty"`
	// Human-readable message. Exact texts are given by the execution semantics where it quotes them.
	Message string `protobuf:"bytes,2,opt,name=message,proto3" json:"message,omitempty"`
	// Structured facts about the error. Stored errors always carry `node` (node key) and `action`
	// (node type).
	Details       *structpb.Struct `protobuf:"bytes,3,opt,name=details,proto3" json:"details,omitempty"`
	unknownFields protoimpl.UnknownFields
	sizeCache     protoimpl.SizeCache
}

func (x *NodeError) Reset() {
	*x = NodeError{}
	mi := &file_prana_v1_errors_proto_msgTypes[0]
	ms := protoimpl.X.MessageStateOf(protoimpl.Pointer(x))
	ms.StoreMessageInfo(mi)
}

func (x *NodeError) String() string {
	return protoimpl.X.MessageStringOf(x)
}

func (*NodeError) ProtoMessage() {}

func (x *NodeError) ProtoReflect() protoreflect.Message {
	mi := &file_prana_v1_errors_proto_msgTypes[0]
	if x != nil {
		ms := protoimpl.X.MessageStateOf(protoimpl.Pointer(x))
		if ms.LoadMessageInfo() == nil {
			ms.StoreMessageInfo(mi)
		}
		return ms
	}
	return mi.MessageOf(x)
}

// Deprecated: Use NodeError.ProtoReflect.Descriptor instead.
func (*NodeError) Descriptor() ([]byte, []int) {
	return file_prana_v1_errors_proto_rawDescGZIP(), []int{0}
}

func (x *NodeError) GetCode() string {
	if x != nil {
		return x.Code
	}
	return ""
}

func (x *NodeError) GetMessage() string {
	if x != nil {
		return x.Message
	}
	return ""
}

func (x *NodeError) GetDetails() *structpb.Struct {
	if x != nil {
		return x.Details
	}
	return nil
}

// The error of a failed execution, derived from its audit trail: the failed node run's error, or else
// the engine error.
type ExecutionError struct {
	state protoimpl.MessageState `protogen:"open.v1"`
	// Node error or engine error.
	Kind ExecutionErrorKind `protobuf:"varint,1,opt,name=kind,proto3,enum=prana.v1.ExecutionErrorKind" json:"kind,omitempty"`
	// For NODE: the node error's `code`. For ENGINE: the engine error's `type`: `no_ready_nodes`,
	// `infinite_loop_protection`, `preparation_failed`, `execution_too_large` or `internal_error`.
	Code string `protobuf:"bytes,2,opt,name=code,proto3" json:"code,omitempty"`
	// Human-readable message.
	Message string `protobuf:"bytes,3,opt,name=message,proto3" json:"message,omitempty"`
	// For NODE: the node error's `details`. For ENGINE: every field of the engine error other than
	// `type` and `message` (e.g. `waiting_nodes` and `completed_nodes` for `no_ready_nodes`).
	Details *structpb.Struct `protobuf:"bytes,4,opt,name=details,proto3" json:"details,omitempty"`
	// For NODE: the key of the failed node. Empty for ENGINE (its `details` may still name a node).
	NodeKey       string `protobuf:"bytes,5,opt,name=node_key,json=nodeKey,proto3" json:"node_key,omitempty"`
	unknownFields protoimpl.UnknownFields
	sizeCache     protoimpl.SizeCache
}

func (x *ExecutionError) Reset() {
	*x = ExecutionError{}
	mi := &file_prana_v1_errors_proto_msgTypes[1]
	ms := protoimpl.X.MessageStateOf(protoimpl.Pointer(x))
	ms.StoreMessageInfo(mi)
}

func (x *ExecutionError) String() string {
	return protoimpl.X.MessageStringOf(x)
}

func (*ExecutionError) ProtoMessage() {}

func (x *ExecutionError) ProtoReflect() protoreflect.Message {
	mi := &file_prana_v1_errors_proto_msgTypes[1]
	if x != nil {
		ms := protoimpl.X.MessageStateOf(protoimpl.Pointer(x))
		if ms.LoadMessageInfo() == nil {
			ms.StoreMessageInfo(mi)
		}
		return ms
	}
	return mi.MessageOf(x)
}

// Deprecated: Use ExecutionError.ProtoReflect.Descriptor instead.
func (*ExecutionError) Descriptor() ([]byte, []int) {
	return file_prana_v1_errors_proto_rawDescGZIP(), []int{1}
}

func (x *ExecutionError) GetKind() ExecutionErrorKind {
	if x != nil {
		return x.Kind
	}
	return ExecutionErrorKind_EXECUTION_ERROR_KIND_UNSPECIFIED
}

func (x *ExecutionError) GetCode() string {
	if x != nil {
		return x.Code
	}
	return ""
}

func (x *ExecutionError) GetMessage() string {
	if x != nil {
		return x.Message
	}
	return ""
}

func (x *ExecutionError) GetDetails() *structpb.Struct {
	if x != nil {
		return x.Details
	}
	return nil
}

func (x *ExecutionError) GetNodeKey() string {
	if x != nil {
		return x.NodeKey
	}
	return ""
}

var File_prana_v1_errors_proto protoreflect.FileDescriptor

const file_prana_v1_errors_proto_rawDesc = "" +
	"\n" +
	"\x15prana/v1/errors.proto\x12\bprana.v1\x1a\x1cgoogle/protobuf/struct.proto\"l\n" +
	"\tNodeError\x12\x12\n" +
	"\x04code\x18\x01 \x01(\tR\x04code\x12\x18\n" +
	"\amessage\x18\x02 \x01(\tR\amessage\x121\n" +
	"\adetails\x18\x03 \x01(\v2\x17.google.protobuf.StructR\adetails\"\xbe\x01\n" +
	"\x0eExecutionError\x120\n" +
	"\x04kind\x18\x01 \x01(\x0e2\x1c.prana.v1.ExecutionErrorKindR\x04kind\x12\x12\n" +
	"\x04code\x18\x02 \x01(\tR\x04code\x12\x18\n" +
	"\amessage\x18\x03 \x01(\tR\amessage\x121\n" +
	"\adetails\x18\x04 \x01(\v2\x17.google.protobuf.StructR\adetails\x12\x19\n" +
	"\bnode_key\x18\x05 \x01(\tR\anodeKey*z\n" +
	"\x12ExecutionErrorKind\x12$\n" +
	" EXECUTION_ERROR_KIND_UNSPECIFIED\x10\x00\x12\x1d\n" +
	"\x19EXECUTION_ERROR_KIND_NODE\x10\x01\x12\x1f\n" +
	"\x1bEXECUTION_ERROR_KIND_ENGINE\x10\x02B_\n" +
	"\fdev.prana.v1P\x01Z%prana.dev/sdk/go/gen/prana/v1;pranav1\xa2\x02\x03PRN\xaa\x02\bPrana.V1\xca\x02\bPrana\\V1\xea\x02\tPrana::V1b\x06proto3"

var (
	file_prana_v1_errors_proto_rawDescOnce sync.Once
	file_prana_v1_errors_proto_rawDescData []byte
)

func file_prana_v1_errors_proto_rawDescGZIP() []byte {
	file_prana_v1_errors_proto_rawDescOnce.Do(func() {
		file_prana_v1_errors_proto_rawDescData = protoimpl.X.CompressGZIP(unsafe.Slice(unsafe.StringData(file_prana_v1_errors_proto_rawDesc), len(file_prana_v1_errors_proto_rawDesc)))
	})
	return file_prana_v1_errors_proto_rawDescData
}

var file_prana_v1_errors_proto_enumTypes = make([]protoimpl.EnumInfo, 1)
var file_prana_v1_errors_proto_msgTypes = make([]protoimpl.MessageInfo, 2)
var file_prana_v1_errors_proto_goTypes = []any{
	(ExecutionErrorKind)(0), // 0: prana.v1.ExecutionErrorKind
	(*NodeError)(nil),       // 1: prana.v1.NodeError
	(*ExecutionError)(nil),  // 2: prana.v1.ExecutionError
	(*structpb.Struct)(nil), // 3: google.protobuf.Struct
}
var file_prana_v1_errors_proto_depIdxs = []int32{
	3, // 0: prana.v1.NodeError.details:type_name -> google.protobuf.Struct
	0, // 1: prana.v1.ExecutionError.kind:type_name -> prana.v1.ExecutionErrorKind
	3, // 2: prana.v1.ExecutionError.details:type_name -> google.protobuf.Struct
	3, // [3:3] is the sub-list for method output_type
	3, // [3:3] is the sub-list for method input_type
	3, // [3:3] is the sub-list for extension type_name
	3, // [3:3] is the sub-list for extension extendee
	0, // [0:3] is the sub-list for field type_name
}

func init() { file_prana_v1_errors_proto_init() }
func file_prana_v1_errors_proto_init() {
	if File_prana_v1_errors_proto != nil {
		return
	}
	type x struct{}
	out := protoimpl.TypeBuilder{
		File: protoimpl.DescBuilder{
			GoPackagePath: reflect.TypeOf(x{}).PkgPath(),
			RawDescriptor: unsafe.Slice(unsafe.StringData(file_prana_v1_errors_proto_rawDesc), len(file_prana_v1_errors_proto_rawDesc)),
			NumEnums:      1,
			NumMessages:   2,
			NumExtensions: 0,
			NumServices:   0,
		},
		GoTypes:           file_prana_v1_errors_proto_goTypes,
		DependencyIndexes: file_prana_v1_errors_proto_depIdxs,
		EnumInfos:         file_prana_v1_errors_proto_enumTypes,
		MessageInfos:      file_prana_v1_errors_proto_msgTypes,
	}.Build()
	File_prana_v1_errors_proto = out.File
	file_prana_v1_errors_proto_goTypes = nil
	file_prana_v1_errors_proto_depIdxs = nil
}
