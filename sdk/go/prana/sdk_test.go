package prana

import (
	"context"
	"net"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	pranav1 "prana.dev/sdk/go/gen/prana/v1"
)

func TestValueRoundTrip(t *testing.T) {
	in := map[string]any{"n": 1.0, "list": []any{"a", true, nil}, "nested": map[string]any{"$key.x": 2.5}}
	v, err := Value(in)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := Decode(v, &out); err != nil {
		t.Fatal(err)
	}
	if out["n"] != 1.0 || out["list"].([]any)[1] != true || out["nested"].(map[string]any)["$key.x"] != 2.5 {
		t.Fatalf("round trip changed the value: %v", out)
	}
	if _, err := Value(func() {}); err == nil {
		t.Fatal("a function is not JSON and must be refused")
	}
}

func TestErrorOfDecodesDetails(t *testing.T) {
	st, err := status.New(codes.InvalidArgument, "invalid labels").WithDetails(
		&errdetails.ErrorInfo{Reason: "invalid_request", Domain: "prana", Metadata: map[string]string{"limit": "32"}},
		&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "labels", Description: "at most 32 labels"}}},
		&errdetails.ResourceInfo{ResourceType: "prana.v1.Execution", ResourceName: "x"},
	)
	if err != nil {
		t.Fatal(err)
	}
	e := ErrorOf(st.Err())
	if e.Code != codes.InvalidArgument || e.Reason != "invalid_request" || e.Metadata["limit"] != "32" {
		t.Fatalf("unexpected %+v", e)
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != "labels" || e.ResourceType != "prana.v1.Execution" {
		t.Fatalf("unexpected details %+v", e)
	}
	if ErrorOf(nil) != nil || ReasonOf(context.Canceled) != "" {
		t.Fatal("nil and non-gRPC errors have no Error")
	}
}

// watchServer serves one execution of five events; its first stream breaks after two of them.
type watchServer struct {
	pranav1.UnimplementedExecutionServiceServer
	streams   int
	afterSeqs []int64
	namespace []string
}

func (s *watchServer) WatchExecution(request *pranav1.WatchExecutionRequest, stream grpc.ServerStreamingServer[pranav1.WatchExecutionResponse]) error {
	s.streams++
	s.afterSeqs = append(s.afterSeqs, request.GetAfterSeq())
	md, _ := metadata.FromIncomingContext(stream.Context())
	s.namespace = append(s.namespace, md.Get("prana-namespace")...)
	for seq := request.GetAfterSeq() + 1; seq <= 5; seq++ {
		if s.streams == 1 && seq == 3 {
			return status.Error(codes.Unavailable, "replica stopping")
		}
		event := &pranav1.ExecutionEvent{Seq: seq, ExecutionId: request.GetExecutionId()}
		if seq == 5 {
			event.Event = &pranav1.ExecutionEvent_ExecutionCompleted{ExecutionCompleted: &pranav1.ExecutionCompletedEvent{}}
		}
		if err := stream.Send(&pranav1.WatchExecutionResponse{Event: event}); err != nil {
			return err
		}
	}
	return nil
}

func TestWatchReconnectsAfterTheLastSeq(t *testing.T) {
	listener := bufconn.Listen(1 << 20)
	server := grpc.NewServer()
	service := &watchServer{}
	pranav1.RegisterExecutionServiceServer(server, service)
	go func() { _ = server.Serve(listener) }()
	defer server.Stop()

	client, err := Dial("passthrough:///bufconn", WithNamespace("team-a"), WithDialOptions(grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) {
		return listener.DialContext(ctx)
	})))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	var seqs []int64
	err = client.Watch(context.Background(), "e1", 0, func(event *pranav1.ExecutionEvent) error {
		seqs = append(seqs, event.GetSeq())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seqs) != 5 || seqs[0] != 1 || seqs[4] != 5 {
		t.Fatalf("events %v, want 1..5 once each", seqs)
	}
	if service.streams != 2 || service.afterSeqs[1] != 2 {
		t.Fatalf("streams %d with after_seq %v, want a second one after seq 2", service.streams, service.afterSeqs)
	}
	if len(service.namespace) != 2 || service.namespace[0] != "team-a" {
		t.Fatalf("namespace metadata %v", service.namespace)
	}
}
