package kiwoom

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how query TRs (KindQuery) are retried after a transient
// failure: Kiwoom's rate-limit answer (detail 1700 or HTTP 429), an HTTP 5xx
// status, or a transport failure (connection refused or reset, timeout, a body
// cut short). Order TRs (KindOrder) are never retried, whatever the policy; token
// TRs (au10001, au10002) follow it like queries, since issuing or revoking a
// token twice is harmless.
//
// The wait before retry n (n = 1, 2, …) is BaseDelay·2^(n-1), capped at
// MaxDelay, of which a random half is jitter (so waits spread between half and
// all of that value). A Retry-After header (seconds or an HTTP date) on the
// failed answer raises the wait to at least that long; if it asks for more than
// MaxDelay, or the wait would end after the context's deadline, the client stops
// and returns the last error instead of waiting. Waits end early when the
// context is cancelled.
type RetryPolicy struct {
	// MaxAttempts is the number of attempts including the first; 1 disables
	// retries. 0 means DefaultMaxAttempts.
	MaxAttempts int
	// BaseDelay is the wait before the first retry (before jitter); 0 means
	// DefaultBaseDelay.
	BaseDelay time.Duration
	// MaxDelay caps each wait; 0 means DefaultMaxDelay.
	MaxDelay time.Duration
}

// The policy of a Client without WithRetry: 4 attempts, waits of about 0.25 s,
// 0.5 s and 1 s, none longer than 5 s.
const (
	DefaultMaxAttempts = 4
	DefaultBaseDelay   = 250 * time.Millisecond
	DefaultMaxDelay    = 5 * time.Second
)

// WithRetry sets the retry policy of query and token TRs. Fields left zero take
// the defaults (DefaultMaxAttempts, DefaultBaseDelay, DefaultMaxDelay);
// RetryPolicy{MaxAttempts: 1} switches retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return fmt.Errorf("kiwoom: WithRetry(%+v): negative values", p)
		}
		if p.MaxAttempts == 0 {
			p.MaxAttempts = DefaultMaxAttempts
		}
		if p.BaseDelay == 0 {
			p.BaseDelay = DefaultBaseDelay
		}
		if p.MaxDelay == 0 {
			p.MaxDelay = DefaultMaxDelay
		}
		if p.MaxDelay < p.BaseDelay {
			return fmt.Errorf("kiwoom: WithRetry: MaxDelay %v is less than BaseDelay %v", p.MaxDelay, p.BaseDelay)
		}
		c.retry = p
		return nil
	}
}

// backoff returns the wait before retry n (n ≥ 1), with jitter from rnd in [0,1).
func (p RetryPolicy) backoff(n int, rnd func() float64) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	return half + time.Duration(rnd()*float64(d-half))
}

func defaultJitter() float64 { return rand.Float64() }

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// transient reports whether a failed attempt of a query TR may be retried.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return errors.Is(ae, ErrRateLimited) || ae.HTTPStatus >= 500
	}
	var oe *OpError
	if errors.As(err, &oe) {
		return oe.Op == opSend || oe.Op == opRead
	}
	return false
}

// notSent reports whether a transport error proves the request never left this
// machine (the DNS lookup or the TCP dial failed), so even an order's outcome is
// known: not executed.
func notSent(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
