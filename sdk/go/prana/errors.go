package prana

import (
	"errors"
	"fmt"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Error is a refused or failed call as the service describes it: the gRPC code, the reason of its
// google.rpc.ErrorInfo (`not_found`, `invalid_request`, `token_expired`, …; the table is in the
// contract's errors.proto), and the BadRequest and ResourceInfo details when present.
type Error struct {
	Code     codes.Code
	Message  string
	Reason   string
	Metadata map[string]string
	// Fields at fault (BadRequest field violations): field path → description.
	Fields []FieldViolation
	// What was looked up (ResourceInfo), for NOT_FOUND.
	ResourceType string
	ResourceName string
}

// FieldViolation is one request field at fault.
type FieldViolation struct {
	Field       string
	Description string
}

func (e *Error) Error() string {
	if e.Reason == "" {
		return fmt.Sprintf("prana: %s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("prana: %s (%s): %s", e.Code, e.Reason, e.Message)
}

// ErrorOf decodes a gRPC error into an Error; nil when err is nil or not a gRPC status.
func ErrorOf(err error) *Error {
	if err == nil {
		return nil
	}
	var typed *Error
	if errors.As(err, &typed) {
		return typed
	}
	st, ok := status.FromError(err)
	if !ok {
		return nil
	}
	out := &Error{Code: st.Code(), Message: st.Message()}
	for _, detail := range st.Details() {
		switch d := detail.(type) {
		case *errdetails.ErrorInfo:
			out.Reason = d.GetReason()
			out.Metadata = d.GetMetadata()
		case *errdetails.BadRequest:
			for _, v := range d.GetFieldViolations() {
				out.Fields = append(out.Fields, FieldViolation{Field: v.GetField(), Description: v.GetDescription()})
			}
		case *errdetails.ResourceInfo:
			out.ResourceType = d.GetResourceType()
			out.ResourceName = d.GetResourceName()
		}
	}
	return out
}

// ReasonOf is the ErrorInfo reason of a failed call, or "" when it has none.
func ReasonOf(err error) string {
	if e := ErrorOf(err); e != nil {
		return e.Reason
	}
	return ""
}
