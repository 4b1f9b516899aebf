package main

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
)

// FerretDB v1 runs a write command as a query followed by separate updates, outside any transaction,
// so two concurrent conditional writes on one document (an update filtered on a revision, a
// findAndModify) can both succeed. MongoDB makes each such write atomic. writeSerializer sits in
// front of FerretDB and lets one write command at a time through, from its request until its reply,
// which gives every write command the atomicity MongoDB gives a single-document write (and more).
// Reads pass freely.

// opMsg is the opcode of OP_MSG, the only message kind current drivers send.
const opMsg = 2013

// moreToCome is the OP_MSG flag of a message that gets no reply.
const moreToCome = 1 << 1

// writeCommands are the commands that change documents.
var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findAndModify": true, "findandmodify": true}

type writeSerializer struct {
	upstream string
	logger   *slog.Logger
	lock     sync.Mutex
}

// serve accepts client connections on listener and relays each to upstream until the listener closes.
func (s *writeSerializer) serve(listener net.Listener) {
	for {
		client, err := listener.Accept()
		if err != nil {
			return
		}
		go s.relay(client)
	}
}

// relay copies one client connection both ways, holding the write lock from each write command until
// the reply that names it (responseTo) has been passed back. Drivers send one request at a time per
// connection; replies without a request (streamed hello) answer reads and never carry the lock.
func (s *writeSerializer) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", s.upstream)
	if err != nil {
		s.logger.Error("cannot reach FerretDB", "err", err)
		return
	}
	defer server.Close()

	// pending carries the request id of the write whose reply releases the lock.
	pending := make(chan int32, 1)
	var held sync.Mutex // guards locked
	locked := false
	release := func() {
		held.Lock()
		defer held.Unlock()
		if locked {
			locked = false
			s.lock.Unlock()
		}
	}
	defer release()

	done := make(chan struct{}, 2)
	go func() {
		defer func() { done <- struct{}{} }()
		for {
			header, body, err := readMessage(client)
			if err != nil {
				return
			}
			requestID := int32(binary.LittleEndian.Uint32(header[4:8]))
			opCode := int32(binary.LittleEndian.Uint32(header[12:16]))
			isWrite := opCode == opMsg && isWriteMessage(body)
			awaitsReply := isWrite && binary.LittleEndian.Uint32(body[0:4])&moreToCome == 0
			if isWrite {
				s.lock.Lock()
				held.Lock()
				locked = true
				held.Unlock()
			}
			// The reply can arrive as soon as the request is written: announce it first.
			if awaitsReply {
				pending <- requestID
			}
			if _, err = server.Write(append(header, body...)); err != nil {
				return
			}
			if isWrite && !awaitsReply {
				release()
			}
		}
	}()
	go func() {
		defer func() { done <- struct{}{} }()
		waiting := int32(-1)
		for {
			header, body, err := readMessage(server)
			if err != nil {
				return
			}
			if _, err = client.Write(append(header, body...)); err != nil {
				return
			}
			if waiting < 0 {
				select {
				case id := <-pending:
					waiting = id
				default:
				}
			}
			responseTo := int32(binary.LittleEndian.Uint32(header[8:12]))
			if waiting >= 0 && responseTo == waiting {
				waiting = -1
				release()
			}
		}
	}()
	<-done
}

// readMessage reads one wire protocol message: its 16-byte header and the rest.
func readMessage(r io.Reader) ([]byte, []byte, error) {
	header := make([]byte, 16)
	if _, err := io.ReadFull(r, header); err != nil {
		return nil, nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[0:4]))
	if length < 16 || length > 64<<20 {
		return nil, nil, errors.New("bad message length")
	}
	body := make([]byte, length-16)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, nil, err
	}
	return header, body, nil
}

// isWriteMessage tells whether an OP_MSG body (flag bits, then sections) holds a write command: the
// first key of its body section (kind 0) names the command.
func isWriteMessage(body []byte) bool {
	offset := 4
	for offset < len(body) {
		kind := body[offset]
		offset++
		if offset+4 > len(body) {
			return false
		}
		size := int(binary.LittleEndian.Uint32(body[offset : offset+4]))
		if kind == 0 {
			return writeCommands[firstKey(body[offset:])]
		}
		offset += size
	}
	return false
}

// firstKey returns the name of the first element of a BSON document.
func firstKey(doc []byte) string {
	if len(doc) < 6 {
		return ""
	}
	start := 5 // int32 size, then the element's type byte
	for end := start; end < len(doc); end++ {
		if doc[end] == 0 {
			return string(doc[start:end])
		}
	}
	return ""
}
