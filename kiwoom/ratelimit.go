package kiwoom

import (
	"context"
	"fmt"
	"math"

	"golang.org/x/time/rate"
)

// Default client-side rate limits, in requests per second.
//
// Kiwoom publishes no official figure; the most-quoted terms ("조회횟수 초당 5건,
// 주문횟수 초당 5건", one copy adding "모의투자의 경우 조회횟수 초당 1건") give
// the defaults. The paper-trading query figure is unconfirmed; the defaults are a
// documented choice, override them with WithRateLimit.
const (
	DefaultQueryRate      = 5.0 // queries per second on production
	DefaultOrderRate      = 5.0 // orders per second on production and paper
	DefaultPaperQueryRate = 1.0 // queries per second on paper trading (PaperURL)
)

// WithRateLimit sets Kiwoom's allowance, in requests per second, for query TRs
// (KindQuery, and the token TRs au10001/au10002, which are counted as queries)
// and for order TRs (KindOrder). Each is a separate client-side bucket shared by
// every goroutine using the Client. Both must be positive; use WithoutRateLimit
// to switch limiting off.
//
// Without this option a Client assumes DefaultQueryRate queries (or
// DefaultPaperQueryRate when the base URL is PaperURL) and DefaultOrderRate
// orders per second.
//
// The client stays just under the allowance: it sends at most 95% of the given
// rate (4.75/s for 5/s), evenly spaced, with a burst of 1. Kiwoom's counting
// window is unknown. A token bucket with burst b lets b+rate requests through
// in the first second after an idle spell, which a per-second counter of rate
// rejects; evenly spaced requests at exactly the rate fit any one-second window
// only if the network delays every request equally, and a request that arrives
// a few milliseconds early makes rate+1 in some window. The 5% headroom absorbs
// up to 1/(20·rate) seconds of such jitter per interval (10 ms at 5/s) while
// using the allowance almost fully.
func WithRateLimit(queriesPerSecond, ordersPerSecond float64) Option {
	return func(c *config) error {
		for _, r := range []float64{queriesPerSecond, ordersPerSecond} {
			if !(r > 0) || math.IsInf(r, 0) {
				return fmt.Errorf("kiwoom: WithRateLimit(%v, %v): rates must be positive and finite; use WithoutRateLimit to disable limiting", queriesPerSecond, ordersPerSecond)
			}
		}
		c.queryRate, c.orderRate = queriesPerSecond, ordersPerSecond
		return nil
	}
}

// WithoutRateLimit switches the client-side rate limiter off, for a local test
// server or a proxy that limits on its own. Kiwoom answers excess requests with
// detail 1700 (ErrRateLimited).
func WithoutRateLimit() Option {
	return func(c *config) error {
		c.queryRate, c.orderRate = math.Inf(1), math.Inf(1)
		return nil
	}
}

// rateHeadroom is the share of the allowance the client leaves unused, to absorb
// network jitter (see WithRateLimit).
const rateHeadroom = 0.05

// limiter is one token bucket driven by the client's clock.
type limiter struct {
	lim *rate.Limiter // nil: unlimited
}

func newLimiter(perSecond float64) *limiter {
	if math.IsInf(perSecond, 1) {
		return &limiter{}
	}
	return &limiter{lim: rate.NewLimiter(rate.Limit(perSecond*(1-rateHeadroom)), 1)}
}

// wait blocks until the bucket allows one request or ctx is done. A request
// that gives up returns its reservation so it does not cost the others.
func (l *limiter) wait(ctx context.Context, clk clock) error {
	if l.lim == nil {
		return ctx.Err()
	}
	now := clk.Now()
	r := l.lim.ReserveN(now, 1)
	if !r.OK() {
		return fmt.Errorf("kiwoom: rate limiter cannot grant a request")
	}
	d := r.DelayFrom(now)
	if d <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(d).After(dl) {
		r.CancelAt(now)
		return fmt.Errorf("kiwoom: waiting %v for the rate limiter would pass the context deadline: %w", d, context.DeadlineExceeded)
	}
	if err := clk.Sleep(ctx, d); err != nil {
		r.CancelAt(clk.Now())
		return err
	}
	return nil
}

// limiterFor returns the bucket of a TR kind.
func (c *Client) limiterFor(k Kind) *limiter {
	if k == KindOrder {
		return c.orderLimit
	}
	return c.queryLimit
}
