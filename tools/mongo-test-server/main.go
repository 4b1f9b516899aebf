// Command mongo-test-server runs an embedded FerretDB (SQLite backend) that speaks the MongoDB wire
// protocol, for Prana's tests. It is a test tool, never a production database. By default it lets one
// write command at a time through (serialize.go), so conditional writes are atomic as in MongoDB.
//
// It binds the listen address (port 0 picks a free port), prints one line
// "MONGODB_URI=mongodb://HOST:PORT/" on stdout once the port is bound, serves until SIGTERM or SIGINT,
// then closes every connection and the SQLite files and exits 0. With -exit-on-stdin-eof it also stops
// when its stdin closes, so a parent that dies without signalling it does not leave it running.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

// ferretModule is the module path whose version buildInfo reports as ferretdbVersion.
const ferretModule = "github.com/FerretDB/FerretDB"

// stopGrace bounds how long a clean stop may take before the process exits anyway.
const stopGrace = 10 * time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "mongo-test-server: %s\n", err)
		os.Exit(1)
	}
}

// run parses the flags, starts FerretDB and blocks until a signal stops it.
func run() error {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on; port 0 picks a free port")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files (created if missing; required)")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn or error")
	removeDataDir := flag.Bool("remove-data-dir", false, "delete the data dir after stopping (for throwaway temp dirs)")
	exitOnStdinEOF := flag.Bool("exit-on-stdin-eof", false, "also stop when stdin reaches EOF (the parent process died)")
	serializeWrites := flag.Bool("serialize-writes", true, "let one write command at a time through (each conditional write atomic, as in MongoDB)")
	flag.Parse()

	if *dataDir == "" {
		return errors.New("-data-dir is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", *logLevel, err)
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	sqliteURL, err := sqliteDirURL(*dataDir)
	if err != nil {
		return err
	}

	setFerretVersion(*serializeWrites)

	if *removeDataDir {
		defer os.RemoveAll(*dataDir)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if *exitOnStdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// With serialized writes, FerretDB listens on a private port behind our own listener.
	ferretListen := *listen
	var front net.Listener
	if *serializeWrites {
		if front, err = net.Listen("tcp", *listen); err != nil {
			return err
		}
		defer front.Close()
		ferretListen = "127.0.0.1:0"
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: ferretListen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	// New has already bound the listener, so the URI names the real port.
	uri := f.MongoDBURI()
	if front != nil {
		upstream, err := url.Parse(uri)
		if err != nil {
			return err
		}
		serializer := &writeSerializer{upstream: upstream.Host, logger: logger}
		go serializer.serve(front)
		uri = (&url.URL{Scheme: "mongodb", Host: front.Addr().String(), Path: "/"}).String()
	}
	fmt.Printf("MONGODB_URI=%s\n", uri)

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	select {
	case err = <-done:
		return err
	case <-ctx.Done():
	}

	select {
	case err = <-done:
		return err
	case <-time.After(stopGrace):
		return fmt.Errorf("did not stop within %s", stopGrace)
	}
}

// sqliteDirURL creates dir if needed and returns the "file:" URL FerretDB's SQLite backend expects.
func sqliteDirURL(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}

	if err = os.MkdirAll(abs, 0o700); err != nil {
		return "", err
	}

	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}

	return u.String(), nil
}

// setFerretVersion fills in the FerretDB version that module builds lack (it comes from a generated
// file in release builds), so buildInfo's ferretdbVersion names the embedded release, with the suffix
// "+serialized-writes" when writes pass one at a time (tests read it to know writes are atomic).
func setFerretVersion(serialized bool) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}

	for _, dep := range bi.Deps {
		if dep.Path == ferretModule {
			version.Get().Version = dep.Version
			if serialized {
				version.Get().Version += "+serialized-writes"
			}
		}
	}
}
