package kiwoom

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestRateLimiterHoldsRateUnderConcurrency sends from 16 goroutines through one
// Client given an allowance of 40 queries/s and checks, on the times the (mock)
// server saw the requests, that no one-second window held more than the
// allowance and that it was used almost fully (the client aims at 95% of it).
func TestRateLimiterHoldsRateUnderConcurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 1.6 s")
	}
	const (
		rate       = 40.0
		goroutines = 16
		perG       = 4
		total      = goroutines * perG
	)
	s := rtNewServer()
	c := rtClient(t, s, WithRateLimit(rate, rate))
	if _, err := c.AccessToken(t.Context()); err != nil { // the token issue takes a query slot
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range perG {
				if _, err := rtInfo(t.Context(), c); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	s.mu.Lock()
	times := slices.Clone(s.queryTimes)
	s.mu.Unlock()
	if len(times) != total {
		t.Fatalf("server saw %d requests, want %d", len(times), total)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })

	// Never more than the allowance in any one-second window.
	maxIn := 0
	for i := range times {
		j := i
		for j < len(times) && times[j].Sub(times[i]) < time.Second {
			j++
		}
		maxIn = max(maxIn, j-i)
	}
	// The limiter grants at most 0.95·rate per second (TestLimiterGrantsStayUnderRate
	// checks that exactly); the server's clock sees the grants after goroutine
	// scheduling, which on a loaded 2-core CI machine can bunch two of them.
	if maxIn > int(rate)+2 {
		t.Errorf("%d requests within one second, limit %v/s", maxIn, rate)
	}
	// The allowance is used: total-1 intervals of 1/(0.95·rate), give or take
	// scheduling delays.
	target := rate * (1 - rateHeadroom)
	elapsed := times[len(times)-1].Sub(times[0]).Seconds()
	ideal := float64(total-1) / target
	if elapsed < ideal*0.9 || elapsed > ideal*1.5 {
		t.Errorf("%d requests took %.3fs, want about %.3fs (rate %v/s)", total, elapsed, ideal, rate)
	}
	if got := elapsed / float64(total-1); math.Abs(got-1/target) > 0.5/target {
		t.Errorf("mean spacing %.4fs, want %.4fs", got, 1/target)
	}
	t.Logf("%d requests from %d goroutines in %.3fs (ideal %.3fs), max %d in any 1s window", total, goroutines, elapsed, ideal, maxIn)
}

// TestLimiterGrantsStayUnderRate checks the grant times themselves, free of
// scheduling noise: 200 requests arriving at once are granted so that no
// one-second window holds the configured rate, and the spacing is 1/(0.95·rate).
func TestLimiterGrantsStayUnderRate(t *testing.T) {
	const rate = 40.0
	l := newLimiter(rate)
	now := time.Unix(1_700_000_000, 0)
	var at []time.Time
	for range 200 {
		r := l.lim.ReserveN(now, 1)
		at = append(at, now.Add(r.DelayFrom(now)))
	}
	for i := range at {
		j := i
		for j < len(at) && at[j].Sub(at[i]) < time.Second {
			j++
		}
		if j-i >= int(rate) {
			t.Fatalf("%d grants within one second from %v, limit %v/s", j-i, at[i].Sub(now), rate)
		}
	}
	spacing := float64(time.Second) / (rate * (1 - rateHeadroom))
	want := time.Duration(spacing) // about 26.3 ms
	if got := at[len(at)-1].Sub(at[0]) / time.Duration(len(at)-1); got < want-time.Millisecond || got > want+time.Millisecond {
		t.Errorf("spacing %v, want %v", got, want)
	}
}

func TestRateLimiterSeparateBuckets(t *testing.T) {
	clk := rtNewFakeClock()
	s := rtNewServer()
	c := rtClient(t, s, withClock(clk), WithRateLimit(1, 5))
	if _, err := c.AccessToken(t.Context()); err != nil { // au10001 counts as a query
		t.Fatal(err)
	}
	if _, err := rtInfo(t.Context(), c); err != nil { // waits behind au10001
		t.Fatal(err)
	}
	if _, err := rtOrder(t.Context(), c); err != nil { // the order bucket is untouched
		t.Fatal(err)
	}
	if _, err := rtOrder(t.Context(), c); err != nil { // one interval after the first order
		t.Fatal(err)
	}
	// 95% of the allowance: one per 1/0.95 s and one per 1/4.75 s.
	if got, want := fmt.Sprint(clk.Sleeps()), "[1.052631578s 210.526315ms]"; got != want {
		t.Errorf("limiter waits = %s, want %s", got, want)
	}
}

func TestRateLimitDefaults(t *testing.T) {
	for _, tc := range []struct {
		opts         []Option
		query, order float64
	}{
		{nil, DefaultQueryRate, DefaultOrderRate},
		{[]Option{WithBaseURL(PaperURL)}, DefaultPaperQueryRate, DefaultOrderRate},
		{[]Option{WithBaseURL(PaperURL), WithRateLimit(2, 3)}, 2, 3},
		{[]Option{WithoutRateLimit()}, math.Inf(1), math.Inf(1)},
	} {
		c, err := New("a", "b", tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.cfg.queryRate != tc.query || c.cfg.orderRate != tc.order {
			t.Errorf("%s: rates %v/%v, want %v/%v", c.BaseURL(), c.cfg.queryRate, c.cfg.orderRate, tc.query, tc.order)
		}
	}
	for _, bad := range [][2]float64{{0, 5}, {5, -1}, {math.Inf(1), 5}, {math.NaN(), 5}} {
		if _, err := New("a", "b", WithRateLimit(bad[0], bad[1])); err == nil {
			t.Errorf("WithRateLimit(%v, %v) accepted", bad[0], bad[1])
		}
	}
}

func TestRateLimiterWaitHonoursContext(t *testing.T) {
	s := rtNewServer()
	c := rtClient(t, s, WithRateLimit(0.1, 0.1)) // one query per 10 s
	if _, err := c.AccessToken(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(30*time.Millisecond, cancel)
	start := time.Now()
	_, err := rtInfo(ctx, c)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned after %v", d)
	}
	if s.count("ka10100") != 0 {
		t.Error("a request was sent despite the limiter")
	}
	// A deadline the limiter cannot meet fails at once.
	ctx2, cancel2 := context.WithTimeout(t.Context(), time.Second)
	defer cancel2()
	start = time.Now()
	if _, err := rtInfo(ctx2, c); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("waited %v for a deadline the limiter could not meet", d)
	}
}
