package cluster

import (
	"errors"
	"io"
	"net"
	"sync"
)

// forwarder owns the API server's address as clients know it: a loopback
// listener that passes each connection, TLS untouched, to the API server
// running now. Stopping it refuses new connections and cuts open ones, as a
// stopped API server does; it listens again on the same port when the API
// server comes back.
type forwarder struct {
	mu     sync.Mutex
	addr   string // fixed after the first listen
	ln     net.Listener
	target string
	conns  map[net.Conn]struct{}
}

// listen opens the listener: on a port the kernel picks the first time, on
// the same port after that.
func (f *forwarder) listen(target string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ln != nil {
		return errors.New("forwarder already listening")
	}
	addr := f.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	f.ln, f.addr, f.target = ln, ln.Addr().String(), target
	if f.conns == nil {
		f.conns = map[net.Conn]struct{}{}
	}
	go f.serve(ln)
	return nil
}

func (f *forwarder) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return // closed
		}
		f.mu.Lock()
		if f.ln != ln {
			f.mu.Unlock()
			c.Close()
			return
		}
		target := f.target
		f.conns[c] = struct{}{}
		f.mu.Unlock()
		go f.pipe(c, target)
	}
}

func (f *forwarder) pipe(c net.Conn, target string) {
	defer f.forget(c)
	up, err := net.Dial("tcp", target)
	if err != nil {
		c.Close()
		return
	}
	f.mu.Lock()
	_, live := f.conns[c]
	if live {
		f.conns[up] = struct{}{}
	}
	f.mu.Unlock()
	if !live {
		up.Close()
		c.Close()
		return
	}
	defer f.forget(up)
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
	c.Close()
	up.Close()
	<-done
}

func (f *forwarder) forget(c net.Conn) {
	f.mu.Lock()
	delete(f.conns, c)
	f.mu.Unlock()
	c.Close()
}

// close stops listening and cuts every open connection.
func (f *forwarder) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ln != nil {
		f.ln.Close()
		f.ln = nil
	}
	for c := range f.conns {
		c.Close()
		delete(f.conns, c)
	}
}
