package prana

import (
	"context"
	"errors"
	"fmt"
	"time"

	"google.golang.org/protobuf/types/known/structpb"

	pranav1 "prana.dev/sdk/go/gen/prana/v1"
)

// TaskResult is what a handler made of a task: Output completes it on Port (empty: `main`).
type TaskResult struct {
	Output any
	Port   string
}

// TaskFailure fails a task with a node error the workflow sees (`code`, `message`, `details`).
type TaskFailure struct {
	Code    string
	Message string
	Details map[string]any
}

func (f *TaskFailure) Error() string { return fmt.Sprintf("%s: %s", f.Code, f.Message) }

// Worker serves task types with a handler: poll, extend the lease while the handler works, then
// complete or fail the task.
type Worker struct {
	Client    *Client
	WorkerID  string
	TaskTypes []string
	// Lease asked for each task; renewed at a third of it while the handler runs. Default 60 s.
	Lease time.Duration
	// Tasks handled at once. Default 1.
	Concurrency int
	// Handle works one task. Returning a *TaskFailure fails the task with it; any other error fails
	// it with code `worker_error`.
	Handle func(ctx context.Context, task *pranav1.Task, input any) (TaskResult, error)
}

// Run serves tasks until ctx ends (then it returns ctx.Err()). Calls that fail for passing reasons
// (the service unavailable, a lost race) are retried with back-off.
func (w *Worker) Run(ctx context.Context) error {
	lease := w.Lease
	if lease <= 0 {
		lease = 60 * time.Second
	}
	slots := w.Concurrency
	if slots <= 0 {
		slots = 1
	}
	free := make(chan struct{}, slots)
	for range slots {
		free <- struct{}{}
	}
	backoff := 100 * time.Millisecond
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-free:
		}
		polled, err := w.Client.Tasks.PollTasks(ctx, &pranav1.PollTasksRequest{
			WorkerId: w.WorkerID, TaskTypes: w.TaskTypes, MaxTasks: 1, LeaseDurationMs: lease.Milliseconds(), WaitMs: 20_000,
		})
		if err != nil {
			free <- struct{}{}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !reconnectable(err) {
				return ErrorOf(err)
			}
			time.Sleep(backoff)
			backoff = min(backoff*2, 5*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
		if len(polled.GetTasks()) == 0 {
			free <- struct{}{}
			continue
		}
		task := polled.GetTasks()[0]
		go func() {
			defer func() { free <- struct{}{} }()
			w.work(ctx, task, lease)
		}()
	}
}

// work runs the handler on one task under a lease kept alive, then reports the outcome.
func (w *Worker) work(ctx context.Context, task *pranav1.Task, lease time.Duration) {
	working, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		ticker := time.NewTicker(lease / 3)
		defer ticker.Stop()
		for {
			select {
			case <-working.Done():
				return
			case <-ticker.C:
				_, err := w.Client.Tasks.ExtendTaskLease(working, &pranav1.ExtendTaskLeaseRequest{
					TaskId: task.GetTaskId(), WorkerId: w.WorkerID, LeaseDurationMs: lease.Milliseconds(),
				})
				// Lost the lease (another worker took the task, or it ended): stop working on it.
				if reason := ReasonOf(err); reason == "lease_not_held" || reason == "task_closed" || reason == "not_found" {
					stop()
					return
				}
			}
		}
	}()
	var input any
	if task.GetInput() != nil {
		input = task.GetInput().AsInterface()
	}
	result, err := w.Handle(working, task, input)
	if working.Err() != nil && ctx.Err() == nil {
		return // the lease was lost while working: another worker has the task now
	}
	w.report(ctx, task, result, err)
}

func (w *Worker) report(ctx context.Context, task *pranav1.Task, result TaskResult, failure error) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		var err error
		if failure != nil {
			err = w.fail(ctx, task, failure)
		} else {
			var output *structpb.Value
			if output, err = Value(result.Output); err == nil {
				_, err = w.Client.Tasks.CompleteTask(ctx, &pranav1.CompleteTaskRequest{
					TaskId: task.GetTaskId(), WorkerId: w.WorkerID, Output: output, Port: result.Port,
				})
			} else {
				failure = &TaskFailure{Code: "invalid_output", Message: err.Error()}
				continue
			}
		}
		if err == nil || !reconnectable(err) {
			return
		}
		time.Sleep(min(time.Duration(attempt+1)*200*time.Millisecond, 5*time.Second))
	}
}

func (w *Worker) fail(ctx context.Context, task *pranav1.Task, failure error) error {
	var typed *TaskFailure
	if !errors.As(failure, &typed) {
		typed = &TaskFailure{Code: "worker_error", Message: failure.Error()}
	}
	details, err := Struct(typed.Details)
	if err != nil || typed.Details == nil {
		details = &structpb.Struct{}
	}
	_, err = w.Client.Tasks.FailTask(ctx, &pranav1.FailTaskRequest{
		TaskId: task.GetTaskId(), WorkerId: w.WorkerID,
		Error: &pranav1.NodeError{Code: typed.Code, Message: typed.Message, Details: details},
	})
	return err
}
