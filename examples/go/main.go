// Example: compile a workflow whose middle node is the custom task type `example.enrich` (served by
// examples/python/worker.py), start it, watch its events to completion, and handle a refused call by
// its typed reason. It checks what it receives and exits non-zero when something differs.
//
//	go run . HOST:PORT
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"google.golang.org/protobuf/types/known/structpb"
	pranav1 "prana.dev/sdk/go/gen/prana/v1"
	"prana.dev/sdk/go/prana"
)

func main() {
	target := "127.0.0.1:50051"
	if len(os.Args) > 1 {
		target = os.Args[1]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	client, err := prana.Dial(target)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	// 1. Compile: start -> enrich (an external task a worker serves) -> reply.
	compiled, err := client.Workflows.CompileWorkflow(ctx, &pranav1.CompileWorkflowRequest{Workflow: &pranav1.Workflow{
		Id: "example-enrich", Name: "Enrich a customer",
		Nodes: []*pranav1.Node{
			{Key: "start", Type: "manual.trigger"},
			{Key: "enrich", Type: "task.external", Params: mustStruct(map[string]any{"task_type": "example.enrich", "input": "{{ $input.main }}"})},
			{Key: "reply", Type: "data.set_data", Params: mustStruct(map[string]any{"mapping_map": map[string]any{
				"message": "{{ $input.main.greeting }}", "vip": "{{ $input.main.vip }}",
			}})},
		},
		Connections: []*pranav1.Connection{{FromNode: "start", ToNode: "enrich"}, {FromNode: "enrich", ToNode: "reply"}},
	}})
	check(err, "compile")
	if compiled.GetGraphId() == "" {
		log.Fatalf("the workflow did not compile: %v", compiled.GetDiagnostics())
	}

	// 2. Start it with a JSON input.
	input, err := prana.Value(map[string]any{"customer": "ada"})
	check(err, "input")
	started, err := client.Executions.StartExecution(ctx, &pranav1.StartExecutionRequest{GraphId: compiled.GetGraphId(), Input: input})
	check(err, "start")
	id := started.GetExecution().GetId()

	// 3. Watch its events to the end.
	var kinds []string
	err = client.Watch(ctx, id, 0, func(event *pranav1.ExecutionEvent) error {
		kinds = append(kinds, fmt.Sprintf("%T", event.GetEvent()))
		return nil
	})
	check(err, "watch")
	last := kinds[len(kinds)-1]
	if last != "*pranav1.ExecutionEvent_ExecutionCompleted" {
		log.Fatalf("the execution ended with %s, events %v", last, kinds)
	}
	got, err := client.Executions.GetExecution(ctx, &pranav1.GetExecutionRequest{ExecutionId: id})
	check(err, "get")
	var output struct {
		Message string `json:"message"`
		VIP     bool   `json:"vip"`
	}
	check(prana.Decode(got.GetExecution().GetOutput(), &output), "decode output")
	if output.Message != "Hello, ADA" || !output.VIP {
		log.Fatalf("unexpected output %+v", output)
	}

	// 4. A refused call, handled by its typed reason.
	_, err = client.Executions.GetExecution(ctx, &pranav1.GetExecutionRequest{ExecutionId: "no-such-execution"})
	refused := prana.ErrorOf(err)
	if refused == nil || refused.Reason != "not_found" || refused.ResourceType != "prana.v1.Execution" {
		log.Fatalf("expected not_found for an unknown execution, got %v", err)
	}
	_, err = client.Executions.StartExecution(ctx, &pranav1.StartExecutionRequest{GraphId: compiled.GetGraphId(), Labels: map[string]string{"bad key!": "x"}})
	invalid := prana.ErrorOf(err)
	if invalid == nil || invalid.Reason != "invalid_request" || len(invalid.Fields) == 0 {
		log.Fatalf("expected invalid_request with field violations, got %v", err)
	}
	fmt.Printf("go example: %s completed after %d events with %q; refusals: %s, %s (%s)\n",
		id, len(kinds), output.Message, refused.Reason, invalid.Reason, invalid.Fields[0].Field)
}

func mustStruct(v map[string]any) *structpb.Struct {
	s, err := prana.Struct(v)
	check(err, "params")
	return s
}

func check(err error, what string) {
	if err != nil {
		log.Fatalf("%s: %v", what, err)
	}
}
