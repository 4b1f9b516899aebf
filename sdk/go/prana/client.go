// Package prana is the Go SDK of the Prana workflow service: a connection with TLS, a bearer token and
// a namespace, JSON in and out of protobuf Values, typed errors, a reconnecting event stream and a
// task-worker loop, over the generated gRPC clients in prana.dev/sdk/go/gen/prana/v1.
package prana

import (
	"context"
	"crypto/tls"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	pranav1 "prana.dev/sdk/go/gen/prana/v1"
)

// Client is a connection to the service with a client of each of its four services. Every call made through
// them carries the client's token and namespace.
type Client struct {
	conn       *grpc.ClientConn
	Workflows  pranav1.WorkflowServiceClient
	Executions pranav1.ExecutionServiceClient
	Tasks      pranav1.TaskServiceClient
	Schedules  pranav1.ScheduleServiceClient
}

// Option configures Dial.
type Option func(*options)

type options struct {
	tls       *tls.Config
	token     string
	namespace string
	extra     []grpc.DialOption
}

// WithTLS connects over TLS with this configuration (set Certificates for mutual TLS). Without it
// the connection is plaintext.
func WithTLS(config *tls.Config) Option { return func(o *options) { o.tls = config } }

// WithToken sends `authorization: Bearer <token>` (an API key or a JWT) on every call.
func WithToken(token string) Option { return func(o *options) { o.token = token } }

// WithNamespace works in this namespace (the `prana-namespace` metadata); the default is `default`.
func WithNamespace(namespace string) Option { return func(o *options) { o.namespace = namespace } }

// WithDialOptions passes further grpc-go dial options.
func WithDialOptions(extra ...grpc.DialOption) Option {
	return func(o *options) { o.extra = append(o.extra, extra...) }
}

// Dial connects to the service at target (`host:port`). The connection is established lazily, on the
// first call.
func Dial(target string, opts ...Option) (*Client, error) {
	o := &options{}
	for _, opt := range opts {
		opt(o)
	}
	creds := insecure.NewCredentials()
	if o.tls != nil {
		creds = credentials.NewTLS(o.tls)
	}
	dial := append([]grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithChainUnaryInterceptor(unaryHeaders(o)),
		grpc.WithChainStreamInterceptor(streamHeaders(o)),
	}, o.extra...)
	conn, err := grpc.NewClient(target, dial...)
	if err != nil {
		return nil, fmt.Errorf("prana: dial %s: %w", target, err)
	}
	return &Client{
		conn:       conn,
		Workflows:  pranav1.NewWorkflowServiceClient(conn),
		Executions: pranav1.NewExecutionServiceClient(conn),
		Tasks:      pranav1.NewTaskServiceClient(conn),
		Schedules:  pranav1.NewScheduleServiceClient(conn),
	}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

func withHeaders(ctx context.Context, o *options) context.Context {
	if o.token != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+o.token)
	}
	if o.namespace != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "prana-namespace", o.namespace)
	}
	return ctx
}

func unaryHeaders(o *options) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		return invoker(withHeaders(ctx, o), method, req, reply, cc, opts...)
	}
}

func streamHeaders(o *options) grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		return streamer(withHeaders(ctx, o), desc, cc, method, opts...)
	}
}
