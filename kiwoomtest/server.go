package kiwoomtest

import (
	"net/http/httptest"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// Server is a local Kiwoom server listening on a loopback address, like
// httptest.Server. Its embedded Handler injects faults and issues tokens.
type Server struct {
	// Handler serves the protocol; its methods inject faults, issue tokens and
	// count requests.
	*Handler

	// URL is the base URL of the server, "http://127.0.0.1:PORT", for
	// kiwoom.WithBaseURL.
	URL string
	// AppKey and SecretKey are the credentials the server accepts (the first
	// pair given with WithCredentials, or DefaultAppKey and DefaultSecretKey).
	AppKey, SecretKey string

	ts *httptest.Server
}

// NewServer starts a server. It panics when an option is invalid or a fixture
// cannot be read, as httptest.NewServer panics when it cannot listen; use
// NewHandler to get the error instead.
func NewServer(opts ...Option) *Server {
	h, err := NewHandler(opts...)
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(h)
	return &Server{Handler: h, URL: ts.URL, AppKey: h.AppKey(), SecretKey: h.SecretKey(), ts: ts}
}

// Close shuts the server down and blocks until all outstanding requests on it
// have completed.
// Requests delayed by an injected latency are dropped.
func (s *Server) Close() {
	s.once.Do(func() { close(s.done) })
	s.ts.Close()
}

// Client returns a kiwoom.Client with the server's credentials, base URL and
// HTTP client, and without the client-side rate limiter (the server enforces its
// own limit when WithRateLimit is given); opts are applied after those. It panics
// when an option is invalid.
func (s *Server) Client(opts ...kiwoom.Option) *kiwoom.Client {
	all := append([]kiwoom.Option{kiwoom.WithBaseURL(s.URL), kiwoom.WithHTTPClient(s.ts.Client()), kiwoom.WithoutRateLimit()}, opts...)
	c, err := kiwoom.New(s.AppKey, s.SecretKey, all...)
	if err != nil {
		panic(err)
	}
	return c
}
