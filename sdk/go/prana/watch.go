package prana

import (
	"context"
	"errors"
	"io"
	"time"

	"google.golang.org/grpc/codes"

	pranav1 "prana.dev/sdk/go/gen/prana/v1"
)

// Watch follows an execution's events after afterSeq, calling handle for each in seq order, until
// the terminal event (then it returns nil), handle returns an error, or ctx ends. When the stream
// breaks (the replica stops, the network drops, or the stream fell too far behind and was cut off
// with `subscriber_too_slow`), it reconnects and continues after the last seq it delivered, so
// handle sees every event once. Refusals (NOT_FOUND, PERMISSION_DENIED, …) end it with their Error.
func (c *Client) Watch(ctx context.Context, executionID string, afterSeq int64, handle func(*pranav1.ExecutionEvent) error) error {
	last := afterSeq
	backoff := 100 * time.Millisecond
	for {
		stream, err := c.Executions.WatchExecution(ctx, &pranav1.WatchExecutionRequest{ExecutionId: executionID, AfterSeq: last})
		if err == nil {
			for {
				var msg *pranav1.WatchExecutionResponse
				msg, err = stream.Recv()
				if err != nil {
					break
				}
				event := msg.GetEvent()
				if event.GetSeq() <= last {
					continue
				}
				last = event.GetSeq()
				backoff = 100 * time.Millisecond
				if herr := handle(event); herr != nil {
					return herr
				}
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !reconnectable(err) {
			return ErrorOf(err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

// reconnectable errors end a stream for reasons that pass: follow on from the last seq.
func reconnectable(err error) bool {
	e := ErrorOf(err)
	if e == nil {
		return false
	}
	switch e.Code {
	case codes.Unavailable, codes.Aborted:
		return true
	case codes.Internal:
		// A transport failure (a reset stream) has no ErrorInfo; a service bug has reason `internal`.
		return e.Reason == ""
	case codes.ResourceExhausted:
		return e.Reason == "subscriber_too_slow"
	}
	return false
}
