package kiwoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// Test credentials: distinctive so a leak is easy to grep for.
const (
	rtAppKey    = "APPKEY-d41d8cd98f00b204"
	rtSecretKey = "SECRETKEY-e9800998ecf8427e"
	rtBase      = "https://kiwoom.test"
)

// rtTokenValue is the nth token the mock server issues (1-based).
func rtTokenValue(n int) string { return fmt.Sprintf("TOKEN-%d-7d793037a0760186574b0282f2f435e7", n) }

// rtServer is a mock Kiwoom: it issues tokens (au10001), revokes them (au10002)
// and hands every other TR to handle.
type rtServer struct {
	mt *httpmock.MockTransport

	mu         sync.Mutex
	issued     int                          // au10001 calls answered with a token
	revoked    []string                     // tokens revoked
	expires    func(issuedAt int) time.Time // expiry of the nth token; default now+24h
	tokenGate  chan struct{}                // when non-nil, au10001 waits for it
	tokenFail  string                       // when non-empty, au10001 answers this body
	calls      map[string]int               // api-id → requests (all TRs)
	auths      []string                     // authorization header of each non-token request
	handle     func(req *http.Request, body map[string]any, n int) (*http.Response, error)
	queryTimes []time.Time
}

func rtNewServer() *rtServer {
	s := &rtServer{mt: httpmock.NewMockTransport(), calls: map[string]int{}}
	s.mt.RegisterResponder(http.MethodPost, rtBase+"/oauth2/token", s.issue)
	s.mt.RegisterResponder(http.MethodPost, rtBase+"/oauth2/revoke", s.revoke)
	s.mt.RegisterNoResponder(s.other)
	return s
}

func (s *rtServer) count(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[id]
}

func (s *rtServer) issue(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.calls["au10001"]++
	gate, fail := s.tokenGate, s.tokenFail
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
	}
	var in map[string]string
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return nil, err
	}
	if fail != "" {
		return rtJSON(200, fail), nil
	}
	if in["appkey"] != rtAppKey || in["secretkey"] != rtSecretKey || in["grant_type"] != "client_credentials" {
		return rtJSON(200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]"}`), nil
	}
	s.mu.Lock()
	s.issued++
	n := s.issued
	exp := time.Now().Add(24 * time.Hour)
	if s.expires != nil {
		exp = s.expires(n)
	}
	s.mu.Unlock()
	return rtJSON(200, fmt.Sprintf(`{"expires_dt":%q,"token_type":"bearer","token":%q,"return_code":0,"return_msg":"정상적으로 처리되었습니다"}`,
		exp.In(time.FixedZone("KST", 9*3600)).Format("20060102150405"), rtTokenValue(n))), nil
}

func (s *rtServer) revoke(req *http.Request) (*http.Response, error) {
	var in map[string]string
	if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.calls["au10002"]++
	s.revoked = append(s.revoked, in["token"])
	s.mu.Unlock()
	return rtJSON(200, `{"return_code":0,"return_msg":"정상적으로 처리되었습니다"}`), nil
}

func (s *rtServer) other(req *http.Request) (*http.Response, error) {
	id := req.Header.Get("api-id")
	var body map[string]any
	b, _ := io.ReadAll(req.Body)
	_ = json.Unmarshal(b, &body)
	s.mu.Lock()
	s.calls[id]++
	n := s.calls[id]
	s.auths = append(s.auths, req.Header.Get("authorization"))
	s.queryTimes = append(s.queryTimes, time.Now())
	h := s.handle
	s.mu.Unlock()
	if h == nil {
		return rtJSON(200, rtOKBody), nil
	}
	return h(req, body, n)
}

// lastAuth returns the authorization header of the last non-token request.
func (s *rtServer) lastAuth() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.auths) == 0 {
		return ""
	}
	return s.auths[len(s.auths)-1]
}

// tokenOf returns the token of an authorization header "Bearer <token>".
func rtTokenOf(auth string) string { return strings.TrimPrefix(auth, "Bearer ") }

const rtOKBody = `{"code":"005930","name":"삼성전자","return_code":0,"return_msg":"정상적으로 처리되었습니다"}`

// rtJSON builds a JSON response; headers come as name, value pairs.
func rtJSON(status int, body string, headers ...string) *http.Response {
	r := httpmock.NewStringResponse(status, body)
	r.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return r
}

// rtClient returns a client of the mock server without rate limiting and with
// instant retries (overridable by opts).
func rtClient(t testing.TB, s *rtServer, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithBaseURL(rtBase),
		WithHTTPClient(&http.Client{Transport: s.mt}),
		WithoutRateLimit(),
		WithRetry(RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}),
	}
	c, err := New(rtAppKey, rtSecretKey, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rtFakeClock is a manual clock; Sleep advances it at once and records the
// wait, unless ctx is already done.
type rtFakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func rtNewFakeClock() *rtFakeClock { return &rtFakeClock{now: time.Now()} }

func (f *rtFakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *rtFakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	return nil
}

func (f *rtFakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func (f *rtFakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

func TestCallDecodesAndSendsHeaders(t *testing.T) {
	s := rtNewServer()
	var got http.Header
	s.handle = func(req *http.Request, body map[string]any, n int) (*http.Response, error) {
		got = req.Header.Clone()
		if body["stk_cd"] != "005930" {
			t.Errorf("body stk_cd = %v", body["stk_cd"])
		}
		return rtJSON(200, rtOKBody, "api-id", "ka10100"), nil
	}
	c := rtClient(t, s, WithUserAgent("test-agent"))
	resp, err := rtInfo(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Name != "삼성전자" || resp.Meta.APIID != "ka10100" || resp.Meta.HTTPStatus != 200 || resp.Meta.Attempts != 1 {
		t.Errorf("resp = %+v", resp)
	}
	if got.Get("api-id") != "ka10100" || got.Get("authorization") != "Bearer "+rtTokenValue(1) ||
		got.Get("User-Agent") != "test-agent" || !strings.HasPrefix(got.Get("Content-Type"), "application/json") {
		t.Errorf("request headers = %v", got)
	}
	if got.Get("cont-yn") != "" || got.Get("next-key") != "" {
		t.Errorf("a first page must not carry cont-yn/next-key: %v", got)
	}
	// Raw JSON in and out goes through the same machinery.
	raw := new(RawResponse)
	if err := c.Do(t.Context(), Operation{ID: "ka10100", Path: "/api/dostk/stkinfo", Kind: KindQuery}, json.RawMessage(`{"stk_cd":"005930"}`), raw); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw.Meta.Raw), "삼성전자") || raw.ReturnCode != 0 {
		t.Errorf("RawResponse = %+v, body %s", raw.Envelope, raw.Meta.Raw)
	}
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 calls = %d, want 1 (token cached)", n)
	}
}

func TestValidationErrorSendsNothing(t *testing.T) {
	s := rtNewServer()
	c := rtClient(t, s)
	_, err := rtInfoCall(t.Context(), c, &rtInfoRequest{})
	if !errors.Is(err, ErrInvalidRequest) {
		t.Fatalf("err = %v, want ErrInvalidRequest", err)
	}
	if n := s.mt.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent for an invalid request", n)
	}
}

func TestPagingFollowsNextKey(t *testing.T) {
	s := rtNewServer()
	var mu sync.Mutex
	var seen [][2]string
	s.handle = func(req *http.Request, _ map[string]any, n int) (*http.Response, error) {
		mu.Lock()
		seen = append(seen, [2]string{req.Header.Get("cont-yn"), req.Header.Get("next-key")})
		mu.Unlock()
		cont, next := "Y", fmt.Sprintf("key-%d", n)
		if n == 3 {
			cont, next = "N", ""
		}
		return rtJSON(200, rtStockListPage(n, 2), "cont-yn", cont, "next-key", next, "api-id", "ka10099"), nil
	}
	c := rtClient(t, s)
	var codes []string
	for row, err := range rtListRows(t.Context(), c, &rtListRequest{MarketType: "0"}) {
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, row.Code)
	}
	want := "p1r0 p1r1 p2r0 p2r1 p3r0 p3r1"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("rows = %s, want %s", got, want)
	}
	wantSeen := [][2]string{{"", ""}, {"Y", "key-1"}, {"Y", "key-2"}}
	if fmt.Sprint(seen) != fmt.Sprint(wantSeen) {
		t.Errorf("continuation headers = %v, want %v", seen, wantSeen)
	}

	// One page at a time: the plain method, Meta and WithNextKey.
	s2 := rtNewServer()
	s2.handle = s.handle
	c2 := rtClient(t, s2)
	first, err := rtList(t.Context(), c2, &rtListRequest{MarketType: "0"})
	if err != nil {
		t.Fatal(err)
	}
	if !first.Meta.HasNext() || first.Meta.NextKey != "key-1" {
		t.Fatalf("meta = %+v", first.Meta)
	}
	second, err := rtList(t.Context(), c2, &rtListRequest{MarketType: "0"}, WithNextKey(first.Meta.NextKey))
	if err != nil {
		t.Fatal(err)
	}
	if second.Rows[0].Code != "p2r0" {
		t.Errorf("second page = %+v", second.Rows)
	}
}

func rtStockListPage(page, rows int) string {
	var b strings.Builder
	b.WriteString(`{"return_code":0,"return_msg":"정상적으로 처리되었습니다","list":[`)
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"code":"p%dr%d","name":"종목","listCount":"0000000000001000","regDay":"20200102","lastPrice":"00001000","state":"","orderWarning":"0","nxtEnable":"Y"}`, page, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

func TestPagingRepeatedNextKeyStops(t *testing.T) {
	s := rtNewServer()
	s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		key := "A"
		if n >= 2 {
			key = "B" // page 3 would ask for B again
		}
		return rtJSON(200, rtStockListPage(n, 3), "cont-yn", "Y", "next-key", key), nil
	}
	c := rtClient(t, s)
	n := 0
	var last error
	for _, err := range rtListRows(t.Context(), c, &rtListRequest{MarketType: "0"}) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if !errors.Is(last, ErrRepeatedNextKey) {
		t.Fatalf("err = %v, want ErrRepeatedNextKey", last)
	}
	var re *RowsError
	if !errors.As(last, &re) || re.Rows != 9 || re.Pages != 3 || n != 9 {
		t.Errorf("rows error = %+v after %d rows, want 9 rows in 3 pages", re, n)
	}
	if !strings.Contains(last.Error(), "after 9 rows") {
		t.Errorf("message %q does not say how many rows arrived", last)
	}
	if got := s.count("ka10099"); got != 3 {
		t.Errorf("requests = %d, want 3", got)
	}

	// An empty next-key with cont-yn Y is the same loop.
	s2 := rtNewServer()
	s2.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		return rtJSON(200, rtStockListPage(n, 1), "cont-yn", "Y"), nil
	}
	for _, err := range rtListPages(t.Context(), rtClient(t, s2), &rtListRequest{MarketType: "0"}) {
		if err != nil {
			if !errors.Is(err, ErrRepeatedNextKey) {
				t.Errorf("err = %v", err)
			}
			break
		}
	}
}

func TestPagingMaxPages(t *testing.T) {
	s := rtNewServer()
	s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		return rtJSON(200, rtStockListPage(n, 1), "cont-yn", "Y", "next-key", fmt.Sprint(n)), nil
	}
	c := rtClient(t, s)
	var pages []*rtListResponse
	for p, err := range rtListPages(t.Context(), c, &rtListRequest{MarketType: "0"}, WithMaxPages(2)) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if len(pages) != 2 || !pages[1].Meta.HasNext() {
		t.Errorf("got %d pages, want 2 with more left", len(pages))
	}
}

func TestPagingContextCancelledBetweenPages(t *testing.T) {
	s := rtNewServer()
	s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		return rtJSON(200, rtStockListPage(n, 2), "cont-yn", "Y", "next-key", fmt.Sprint(n)), nil
	}
	c := rtClient(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	n := 0
	var last error
	for _, err := range rtListRows(ctx, c, &rtListRequest{MarketType: "0"}) {
		if err != nil {
			last = err
			break
		}
		n++
		if n == 3 { // in page 2
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", last)
	}
	var re *RowsError
	if !errors.As(last, &re) || re.Rows != 4 {
		t.Errorf("RowsError = %+v, want 4 rows", re)
	}
	if got := s.count("ka10099"); got != 2 {
		t.Errorf("requests = %d, want 2 (none after cancel)", got)
	}
}

func TestContextCancelledDuringCall(t *testing.T) {
	s := rtNewServer()
	release := make(chan struct{})
	defer close(release)
	s.handle = func(req *http.Request, _ map[string]any, _ int) (*http.Response, error) {
		select {
		case <-release:
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
		return rtJSON(200, rtOKBody), nil
	}
	c := rtClient(t, s)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := rtInfo(ctx, c)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "ka10100") {
		t.Errorf("error %q does not name the TR", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v", d)
	}
	if got := s.count("ka10100"); got != 1 {
		t.Errorf("requests = %d, want 1 (no retry after the context ended)", got)
	}
}

// TestConcurrentUse exercises one Client from many goroutines under -race.
func TestConcurrentUse(t *testing.T) {
	s := rtNewServer()
	c := rtClient(t, s)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range 20 {
		wg.Go(func() {
			for range 5 {
				if _, err := rtInfo(t.Context(), c); err != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 || s.count("ka10100") != 100 {
		t.Errorf("failed %d, sent %d", failed.Load(), s.count("ka10100"))
	}
}
