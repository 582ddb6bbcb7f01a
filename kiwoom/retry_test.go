package kiwoom

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

const rtRateLimited = `{"return_code":5,"return_msg":"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10100]"}`

// rtFailThen answers the first n requests with fail and the rest with rtOKBody.
func rtFailThen(n int, fail func() (*http.Response, error)) func(*http.Request, map[string]any, int) (*http.Response, error) {
	return func(_ *http.Request, _ map[string]any, i int) (*http.Response, error) {
		if i <= n {
			return fail()
		}
		return rtJSON(200, rtOKBody), nil
	}
}

func TestQueryRetriesTransientFailures(t *testing.T) {
	cases := []struct {
		name string
		fail func() (*http.Response, error)
	}{
		{"1700", func() (*http.Response, error) { return rtJSON(200, rtRateLimited), nil }},
		{"1700 as string", func() (*http.Response, error) {
			return rtJSON(200, `{"return_code":"5","return_msg":"허용된 요청 개수를 초과하였습니다[1700:…]"}`), nil
		}},
		{"HTTP 429", func() (*http.Response, error) {
			return rtJSON(429, `{"return_msg":"허용된 요청 개수를 초과하였습니다"}`), nil
		}},
		{"HTTP 503", func() (*http.Response, error) { return rtJSON(503, `<html>unavailable</html>`), nil }},
		{"connection reset", func() (*http.Response, error) {
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clk := rtNewFakeClock()
			s := rtNewServer()
			s.handle = rtFailThen(2, tc.fail)
			c := rtClient(t, s, withClock(clk), withJitter(func() float64 { return 0 }),
				WithRetry(RetryPolicy{MaxAttempts: 4, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}))
			resp, err := rtInfo(t.Context(), c)
			if err != nil {
				t.Fatal(err)
			}
			if n := s.count("ka10100"); n != 3 || resp.Meta.Attempts != 3 {
				t.Errorf("requests = %d, attempts %d; want 3", n, resp.Meta.Attempts)
			}
			// Jitter 0 gives the lower half: 50ms, 100ms.
			if got, want := fmt.Sprint(clk.Sleeps()), "[50ms 100ms]"; got != want {
				t.Errorf("backoff waits = %s, want %s", got, want)
			}
		})
	}
}

func TestQueryRetryGivesUp(t *testing.T) {
	s := rtNewServer()
	s.handle = rtFailThen(100, func() (*http.Response, error) { return rtJSON(200, rtRateLimited), nil })
	c := rtClient(t, s, withClock(rtNewFakeClock()), WithRetry(RetryPolicy{MaxAttempts: 3}))
	_, err := rtInfo(t.Context(), c)
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	if n := s.count("ka10100"); n != 3 {
		t.Errorf("requests = %d, want MaxAttempts = 3", n)
	}
}

func TestQueryNotRetriedOnPermanentErrors(t *testing.T) {
	for _, tc := range []struct {
		body   string
		status int
		target error
	}{
		{`{"return_code":2,"return_msg":"종목 정보가 없습니다[1902:종목 정보가 없습니다. 입력한 종목코드 값을 확인바랍니다. 종목코드=999999]"}`, 200, ErrUnknownStock},
		{`{"return_code":5,"return_msg":"허용된 요청 개수를 초과하였습니다[1634]"}`, 200, nil}, // batch limit: permanent
		{`{"return_code":2,"return_msg":"입력 값 형식이 올바르지 않습니다[1517:…]"}`, 200, ErrBadInput},
		{`not found`, 404, nil},
	} {
		s := rtNewServer()
		s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
			return rtJSON(tc.status, tc.body), nil
		}
		_, err := rtInfo(t.Context(), rtClient(t, s))
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Errorf("%s: err = %v, want *APIError", tc.body, err)
		}
		if tc.target != nil && !errors.Is(err, tc.target) {
			t.Errorf("%s: err = %v, want %v", tc.body, err, tc.target)
		}
		if errors.Is(err, ErrRateLimited) {
			t.Errorf("%s: matches ErrRateLimited", tc.body)
		}
		if n := s.count("ka10100"); n != 1 {
			t.Errorf("%s: requests = %d, want 1", tc.body, n)
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	clk := rtNewFakeClock()
	s := rtNewServer()
	s.handle = rtFailThen(1, func() (*http.Response, error) {
		return rtJSON(429, `{"return_msg":"too many"}`, "Retry-After", "2"), nil
	})
	c := rtClient(t, s, withClock(clk), WithRetry(RetryPolicy{BaseDelay: 10 * time.Millisecond, MaxDelay: 5 * time.Second}))
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if got := clk.Sleeps(); len(got) != 1 || got[0] != 2*time.Second {
		t.Errorf("waits = %v, want [2s]", got)
	}

	// Retry-After beyond MaxDelay: give up rather than wait longer than the policy allows.
	s2 := rtNewServer()
	s2.handle = rtFailThen(1, func() (*http.Response, error) {
		return rtJSON(429, `{"return_msg":"too many"}`, "Retry-After", "60"), nil
	})
	_, err := rtInfo(t.Context(), rtClient(t, s2, withClock(rtNewFakeClock())))
	if !errors.Is(err, ErrRateLimited) || s2.count("ka10100") != 1 {
		t.Errorf("err = %v after %d requests", err, s2.count("ka10100"))
	}
}

func TestRetryWaitHonoursContext(t *testing.T) {
	s := rtNewServer()
	s.handle = rtFailThen(100, func() (*http.Response, error) { return rtJSON(503, `busy`), nil })
	c := rtClient(t, s, WithRetry(RetryPolicy{MaxAttempts: 5, BaseDelay: 10 * time.Second, MaxDelay: 10 * time.Second}))
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := rtInfo(ctx, c)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v, want soon after cancel", d)
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 503 {
		t.Errorf("err = %v, want the last answer (HTTP 503)", err)
	}
	// With a deadline shorter than the wait the client does not sleep at all.
	ctx2, cancel2 := context.WithTimeout(t.Context(), time.Second)
	defer cancel2()
	start = time.Now()
	if _, err := rtInfo(ctx2, c); err == nil {
		t.Fatal("want an error")
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("slept %v past a deadline it could not meet", d)
	}
}

func TestBackoffCapped(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 9: time.Second} {
		if got := p.backoff(n, func() float64 { return 0.999999 }); got > want || got < want*99/100 {
			t.Errorf("backoff(%d) with max jitter = %v, want ≈%v", n, got, want)
		}
		if got := p.backoff(n, func() float64 { return 0 }); got != want/2 {
			t.Errorf("backoff(%d) with no jitter = %v, want %v", n, got, want/2)
		}
	}
}

func TestOrdersAreNeverRetried(t *testing.T) {
	timeoutErr := func() (*http.Response, error) {
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("i/o timeout")}
	}
	cases := []struct {
		name    string
		fail    func() (*http.Response, error)
		unknown bool  // outcome unknown
		is      error // also matches
	}{
		{"lost response", timeoutErr, true, nil},
		{"HTTP 500", func() (*http.Response, error) { return rtJSON(500, `oops`), nil }, true, nil},
		{"HTTP 502 html", func() (*http.Response, error) { return rtJSON(502, `<html>bad gateway</html>`), nil }, true, nil},
		{"200 not JSON", func() (*http.Response, error) { return rtJSON(200, `<html>proxy</html>`), nil }, true, nil},
		{"rate limited 1700", func() (*http.Response, error) { return rtJSON(200, rtRateLimited), nil }, false, ErrRateLimited},
		{"HTTP 429", func() (*http.Response, error) { return rtJSON(429, `{}`), nil }, false, ErrRateLimited},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := rtNewServer()
			s.handle = rtFailThen(1, tc.fail)
			c := rtClient(t, s)
			_, err := rtOrder(t.Context(), c)
			if err == nil {
				t.Fatal("want an error")
			}
			if n := s.count("kt10000"); n != 1 {
				t.Errorf("order sent %d times, want 1", n)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tc.unknown {
				t.Errorf("errors.Is(ErrOutcomeUnknown) = %v, want %v: %v", got, tc.unknown, err)
			}
			if tc.unknown && !strings.Contains(err.Error(), "check the order status") {
				t.Errorf("message %q does not say to check the order status", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
		})
	}
}

func TestOrderTimeoutIsOutcomeUnknown(t *testing.T) {
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, _ int) (*http.Response, error) {
		<-req.Context().Done() // the exchange hangs
		return nil, req.Context().Err()
	}
	c := rtClient(t, s)
	if _, err := c.AccessToken(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := rtOrder(ctx, c)
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown wrapping DeadlineExceeded", err)
	}
	var ou *OutcomeUnknownError
	if !errors.As(err, &ou) || ou.TR != "kt10000" {
		t.Errorf("OutcomeUnknownError = %+v", ou)
	}
	if n := s.count("kt10000"); n != 1 {
		t.Errorf("order sent %d times", n)
	}
}

// A dial failure proves the order never left: not "outcome unknown".
func TestOrderDialFailureIsNotUnknown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	s := rtNewServer()
	c := rtClient(t, s)
	if _, err := c.AccessToken(t.Context()); err != nil {
		t.Fatal(err)
	}
	c.cfg.baseURL = "http://" + addr
	c.cfg.httpClient = &http.Client{Timeout: 2 * time.Second}
	_, err = rtOrder(t.Context(), c)
	if err == nil {
		t.Fatal("want an error")
	}
	if errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("dial failure reported as outcome unknown: %v", err)
	}
	var oe *OpError
	if !errors.As(err, &oe) || oe.TR != "kt10000" {
		t.Errorf("err = %v, want *OpError naming kt10000", err)
	}
}

func TestTransportErrorWrapsTR(t *testing.T) {
	s := rtNewServer()
	s.handle = rtFailThen(100, func() (*http.Response, error) { return nil, errors.New("boom") })
	_, err := rtInfo(t.Context(), rtClient(t, s, WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond})))
	var oe *OpError
	if !errors.As(err, &oe) || oe.TR != "ka10100" || oe.Op != "send" || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v", err)
	}
	if n := s.count("ka10100"); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
}
