package realtime_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// newPair starts a local server and a realtime client for it; both are closed
// at the end of the test.
func newPair(t *testing.T, opts ...realtime.Option) (*kiwoomtest.Server, *realtime.Client) {
	t.Helper()
	srv := kiwoomtest.NewServer()
	srv.Realtime().SetPushInterval(5 * time.Millisecond)
	all := append([]realtime.Option{realtime.WithBackoff(func(int) time.Duration { return time.Millisecond }),
		realtime.WithRequestTimeout(5 * time.Second)}, opts...)
	c, err := realtime.New(srv.Client(), all...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Close()
		srv.Close()
	})
	return srv, c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// next returns the next event of a subscription, failing on terminal errors.
func next[E realtime.Event](t *testing.T, sub *realtime.Subscription[E], skipNotices bool) (E, error) {
	t.Helper()
	for ev, err := range sub.Events() {
		if err != nil && skipNotices && (errors.Is(err, realtime.ErrDropped)) {
			continue
		}
		return ev, err
	}
	var zero E
	return zero, errors.New("sequence ended")
}

func TestSubscribeStockTrade(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Realtime().Registered(); strings.Join(got, ",") != "0B/005930" {
		t.Fatalf("server registrations %v", got)
	}
	var prev *realtime.StockTrade
	for i := 0; i < 5; i++ {
		ev, err := next(t, sub, true)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Item != "005930" || ev.CurrentPrice.IsZero() || ev.Err != nil || ev.Extra != nil {
			t.Fatalf("event %+v", ev)
		}
		if ev.BestAskPrice.Amount() <= ev.BestBidPrice.Amount() {
			t.Errorf("best ask %v not above best bid %v", ev.BestAskPrice, ev.BestBidPrice)
		}
		prev = ev
	}
	_ = prev
	sub.Close()
	deadline := time.Now().Add(3 * time.Second)
	for srv.Realtime().Received("REMOVE") == 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if got := srv.Realtime().Registered(); len(got) != 0 {
		t.Errorf("after Close the server still has %v (REMOVE count %d)", got, srv.Realtime().Received("REMOVE"))
	}
}

func TestOrderBookLevelsOrdered(t *testing.T) {
	_, c := newPair(t)
	sub, err := realtime.Subscribe[*realtime.StockOrderBook](ctxT(t), c, "000660")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := next(t, sub, true)
	if err != nil {
		t.Fatal(err)
	}
	asks := []int64{ev.AskPrice1.Amount(), ev.AskPrice2.Amount(), ev.AskPrice5.Amount(), ev.AskPrice10.Amount()}
	bids := []int64{ev.BidPrice1.Amount(), ev.BidPrice2.Amount(), ev.BidPrice5.Amount(), ev.BidPrice10.Amount()}
	for i := 1; i < len(asks); i++ {
		if asks[i] <= asks[i-1] || bids[i] >= bids[i-1] {
			t.Fatalf("levels out of order: asks %v bids %v", asks, bids)
		}
	}
	if asks[0] <= bids[0] {
		t.Errorf("crossed book: ask %d bid %d", asks[0], bids[0])
	}
	if ev.Extra != nil || ev.Err != nil {
		t.Errorf("Extra %v Err %v", ev.Extra, ev.Err)
	}
}

func TestEmptyItemTypesRouteEveryItem(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.OrderExecution](ctx, c) // registered with ""
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Realtime().Registered(); strings.Join(got, ",") != "00/" {
		t.Fatalf("registered %v, want 00 with an empty item", got)
	}
	ev, err := next(t, sub, true)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Item != "005930" {
		t.Errorf("pushed item %q, want the order's stock code", ev.Item)
	}
}

func TestTwoSubscribersOneRegistration(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	a, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.SubscribeType(ctx, realtime.TypeStockTrade, "005930")
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.Realtime().Received("REG"); n != 1 {
		t.Errorf("%d REGs for the same item, want 1", n)
	}
	if _, err := next(t, a, true); err != nil {
		t.Fatal(err)
	}
	ev, err := next(t, b, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.(*realtime.StockTrade); !ok {
		t.Fatalf("SubscribeType delivered %T", ev)
	}
	a.Close()
	time.Sleep(20 * time.Millisecond)
	if n := srv.Realtime().Received("REMOVE"); n != 0 {
		t.Errorf("REMOVE sent while another subscriber needs the item")
	}
	if _, err := next(t, b, true); err != nil {
		t.Fatalf("remaining subscriber stopped: %v", err)
	}
}

func TestSubscribeValidation(t *testing.T) {
	_, c := newPair(t)
	ctx := ctxT(t)
	if _, err := realtime.Subscribe[*realtime.StockTrade](ctx, c); err == nil {
		t.Error("0B without items accepted")
	}
	if _, err := c.SubscribeType(ctx, "ZZ", "005930"); err == nil {
		t.Error("unknown type accepted")
	}
	if _, err := c.SubscribeType(ctx, realtime.TypeConditionHit, "005930"); err == nil {
		t.Error("type 02 accepted by REG")
	}
}

func TestPingEchoed(t *testing.T) {
	srv, c := newPair(t)
	srv.Realtime().SetPing(5*time.Millisecond, 3)
	if _, err := realtime.Subscribe[*realtime.StockTrade](ctxT(t), c, "005930"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for srv.Realtime().Received("PING") < 5 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := srv.Realtime().Received("PING"); n < 5 {
		t.Fatalf("%d PING echoes", n)
	}
	if s := c.Stats(); s.Reconnects != 0 || s.SystemFrames != 0 {
		t.Errorf("session was closed for missing heartbeats: %+v", s)
	}
}

func TestReconnectReregistersAndReportsGap(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := next(t, sub, true); err != nil {
		t.Fatal(err)
	}
	srv.Realtime().Drop()
	var gap *realtime.GapError
	for ev, err := range sub.Events() {
		if errors.As(err, &gap) {
			break
		}
		if err != nil && !errors.Is(err, realtime.ErrDropped) {
			t.Fatal(err)
		}
		_ = ev
	}
	if gap == nil || gap.Since.IsZero() || gap.Until.Before(gap.Since) {
		t.Fatalf("gap %+v", gap)
	}
	if _, err := next(t, sub, true); err != nil {
		t.Fatalf("no events after the reconnect: %v", err)
	}
	if srv.Realtime().Logins() != 2 || c.Stats().Reconnects != 1 {
		t.Errorf("logins %d reconnects %d", srv.Realtime().Logins(), c.Stats().Reconnects)
	}
	if got := srv.Realtime().Registered(); strings.Join(got, ",") != "0B/005930" {
		t.Errorf("after reconnect the server has %v", got)
	}
}

func TestSessionTakenDoesNotReconnect(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	srv.Realtime().SessionTaken()
	var last error
	for _, err := range sub.Events() {
		if err != nil && !errors.Is(err, realtime.ErrDropped) {
			last = err
		}
	}
	if !errors.Is(last, realtime.ErrSessionTaken) {
		t.Fatalf("sequence ended with %v, want ErrSessionTaken", last)
	}
	time.Sleep(30 * time.Millisecond)
	if n := srv.Realtime().Logins(); n != 1 {
		t.Errorf("%d logins: the client reconnected after R10001", n)
	}
	if _, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "000660"); !errors.Is(err, realtime.ErrSessionTaken) {
		t.Errorf("Subscribe after R10001: %v", err)
	}
}

func TestSecondLoginTakesTheSession(t *testing.T) {
	srv, c1 := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c1, "005930")
	if err != nil {
		t.Fatal(err)
	}
	c2, err := realtime.New(srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if _, err := realtime.Subscribe[*realtime.StockTrade](ctx, c2, "005930"); err != nil {
		t.Fatal(err)
	}
	var last error
	for _, err := range sub.Events() {
		if err != nil && !errors.Is(err, realtime.ErrDropped) {
			last = err
		}
	}
	if !errors.Is(last, realtime.ErrSessionTaken) {
		t.Fatalf("first client ended with %v", last)
	}
}

func TestRejectedTokenGetsANewOne(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	issued := srv.Requests("au10001")
	srv.Realtime().RejectTokens()
	srv.Realtime().Drop()
	var gap *realtime.GapError
	for _, err := range sub.Events() {
		if errors.As(err, &gap) {
			break
		}
		if err != nil && !errors.Is(err, realtime.ErrDropped) {
			t.Fatal(err)
		}
	}
	if srv.Requests("au10001") != issued+1 {
		t.Errorf("au10001 calls %d → %d, want one new token", issued, srv.Requests("au10001"))
	}
	if srv.Realtime().Logins() != 2 {
		t.Errorf("logins %d", srv.Realtime().Logins())
	}
}

func TestMalformedFramesAreCounted(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{`{"trnm":`, `not json`, `{"trnm":"REAL","data":[{"values":{}}]}`, `{"trnm":"WHAT"}`,
		`{"trnm":"SYSTEM","code":"R10004","message":"접속허용요청이 들어오지 않았습니다"}`} {
		srv.Realtime().SendRaw(f)
	}
	deadline := time.Now().Add(3 * time.Second)
	for (c.Stats().BadFrames < 4 || c.Stats().SystemFrames < 1) && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if s := c.Stats(); s.BadFrames != 4 || s.SystemFrames != 1 || s.Reconnects != 0 {
		t.Errorf("stats %+v, want 4 bad frames, 1 SYSTEM, no reconnect", s)
	}
	if _, err := next(t, sub, true); err != nil {
		t.Fatalf("events stopped after bad frames: %v", err)
	}
}

func TestConditionSearch(t *testing.T) {
	srv, c := newPair(t)
	ctx := ctxT(t)
	conds, err := c.Conditions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(conds) != 3 || conds[1].Seq != "1" || conds[1].Name != "거래량상위" {
		t.Fatalf("conditions %+v", conds)
	}
	rows, err := c.SearchCondition(ctx, "2")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 25 || srv.Realtime().Received("CNSRREQ") != 3 {
		t.Fatalf("%d rows in %d requests, want 25 in 3 pages", len(rows), srv.Realtime().Received("CNSRREQ"))
	}
	if rows[0].Code != "A100000" || rows[24].Code != "A100240" || rows[0].CurrentPrice.IsZero() || rows[0].Extra != nil {
		t.Errorf("rows %+v … %+v", rows[0], rows[24])
	}
	w, err := c.WatchCondition(ctx, "0")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(w.Initial, ",") != "A005930,A000660" {
		t.Errorf("initial %v", w.Initial)
	}
	hit, err := next(t, w.Subscription, true)
	if err != nil {
		t.Fatal(err)
	}
	if hit.ConditionSeq != "0" || (hit.ConditionAction != "I" && hit.ConditionAction != "D") || hit.Item == "" {
		t.Errorf("hit %+v", hit)
	}
	w.Close()
	deadline := time.Now().Add(3 * time.Second)
	for srv.Realtime().Received("CNSRCLR") == 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if srv.Realtime().Received("CNSRCLR") != 1 {
		t.Error("no CNSRCLR after Close")
	}
}

func TestConditionLimitAndReconnect(t *testing.T) {
	srv, c := newPair(t, realtime.WithMaxConditions(1))
	ctx := ctxT(t)
	w, err := c.WatchCondition(ctx, "0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WatchCondition(ctx, "1"); !errors.Is(err, realtime.ErrTooManyConditions) {
		t.Fatalf("second condition: %v", err)
	}
	srv.Realtime().Drop()
	var gap *realtime.GapError
	for _, err := range w.Events() {
		if errors.As(err, &gap) {
			break
		}
	}
	if gap == nil || len(gap.Current) != 2 {
		t.Fatalf("gap %+v, want the restarted condition's list", gap)
	}
	if srv.Realtime().Received("CNSRLST") != 2 || srv.Realtime().Received("CNSRREQ") != 2 {
		t.Errorf("CNSRLST %d CNSRREQ %d logins %d: the condition was not started again after the reconnect", srv.Realtime().Logins(),
			srv.Realtime().Received("CNSRLST"), srv.Realtime().Received("CNSRREQ"))
	}
	if _, err := next(t, w.Subscription, true); err != nil {
		t.Fatal(err)
	}
}

func TestCancelLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := kiwoomtest.NewServer()
	srv.Realtime().SetPushInterval(time.Millisecond)
	c, err := realtime.New(srv.Client(), realtime.WithBackoff(func(int) time.Duration { return time.Millisecond }))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sub, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		n := 0
		for range sub.Events() {
			n++
		}
		done <- n
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the sequence did not end after cancel")
	}
	c.Close()
	srv.Close()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

func TestSlowSubscriberDoesNotBlockOthers(t *testing.T) {
	_, c := newPair(t, realtime.WithBuffer(2))
	ctx := ctxT(t)
	slow, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if err != nil {
		t.Fatal(err)
	}
	fast, err := realtime.Subscribe[*realtime.StockTrade](ctx, c, "000660")
	if err != nil {
		t.Fatal(err)
	}
	// Read 20 events from the fast subscriber while the slow one reads nothing.
	n := 0
	for ev, err := range fast.Events() {
		if err == nil && ev.Item == "000660" {
			n++
		}
		if n == 20 {
			break
		}
	}
	_, err = next(t, slow, false)
	var d *realtime.DroppedError
	if !errors.As(err, &d) || d.Count == 0 {
		t.Fatalf("slow subscriber got %v, want a DroppedError", err)
	}
	if slow.Dropped() < d.Count {
		t.Errorf("Dropped() %d < notice %d", slow.Dropped(), d.Count)
	}
	if ev, err := next(t, slow, true); err != nil || ev.Item != "005930" {
		t.Errorf("after the notice: %v %v", ev, err)
	}
}

// staticToken is a token source with a token the server never issued.
type staticToken string

func (s staticToken) AccessToken(context.Context) (kiwoom.Secret, error) {
	return kiwoom.Secret(s), nil
}

func TestLoginRejected(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	const secret = "not-a-token-the-server-issued"
	c, err := realtime.New(staticToken(secret), realtime.WithURL(strings.Replace(srv.URL, "http://", "ws://", 1)+realtime.Path))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = realtime.Subscribe[*realtime.StockTrade](ctxT(t), c, "005930")
	var le *realtime.LoginError
	if !errors.Is(err, realtime.ErrLoginRejected) || !errors.As(err, &le) || le.Code != 805004 {
		t.Fatalf("err %v, want a LoginError 805004", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Error("the token appears in the error")
	}
	if srv.Realtime().Logins() != 0 {
		t.Error("server counted a login")
	}
}

// TestRejectedCredentialsEndTheClient: when the token source is refused for
// its app key, no reconnect can help; Subscribe returns the error at once
// instead of retrying until its context ends.
func TestRejectedCredentialsEndTheClient(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	core, err := kiwoom.New("wrong-app-key", "wrong-secret", kiwoom.WithBaseURL(srv.URL), kiwoom.WithoutRateLimit(),
		kiwoom.WithRetry(kiwoom.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := realtime.New(core, realtime.WithBackoff(func(int) time.Duration { return time.Millisecond }))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err = realtime.Subscribe[*realtime.StockTrade](ctx, c, "005930")
	if !errors.Is(err, kiwoom.ErrInvalidCredentials) {
		t.Fatalf("Subscribe = %v, want ErrInvalidCredentials", err)
	}
	if ctx.Err() != nil {
		t.Error("Subscribe waited for its context instead of failing at once")
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Error("the secret key appears in the error")
	}
}
