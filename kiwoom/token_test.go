package kiwoom

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestTokenRefreshBeforeExpiry(t *testing.T) {
	clk := rtNewFakeClock()
	start := clk.Now()
	s := rtNewServer()
	s.expires = func(n int) time.Time { return start.Add(time.Duration(n) * time.Hour) }
	c := rtClient(t, s, withClock(clk))

	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if got := rtTokenOf(s.lastAuth()); got != rtTokenValue(1) {
		t.Fatalf("token = %q", got)
	}
	// Well before expiry: reused.
	clk.Advance(30 * time.Minute)
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if n := s.count("au10001"); n != 1 {
		t.Fatalf("au10001 calls = %d, want 1", n)
	}
	// 30 s before expiry (less than a minute left): the caller waits for a new token.
	clk.Advance(29*time.Minute + 30*time.Second)
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if n, got := s.count("au10001"), rtTokenOf(s.lastAuth()); n != 2 || got != rtTokenValue(2) {
		t.Fatalf("au10001 calls = %d, token %q; want a refresh before expiry", n, got)
	}
	// Token 2 expires at start+2h. Five minutes before, inside the refresh-ahead
	// window: this call still uses token 2 and one background refresh runs.
	clk.Advance(2*time.Hour - 5*time.Minute - clk.Now().Sub(start))
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if got := rtTokenOf(s.lastAuth()); got != rtTokenValue(2) {
		t.Errorf("token in refresh-ahead window = %q, want the current one", got)
	}
	rtEventually(t, func() bool { return s.count("au10001") == 3 })
	rtEventually(t, func() bool {
		if _, err := rtInfo(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		return rtTokenOf(s.lastAuth()) == rtTokenValue(3)
	})
	if n := s.count("au10001"); n != 3 {
		t.Errorf("au10001 calls = %d, want 3", n)
	}
}

func rtEventually(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestTokenSingleFlight(t *testing.T) {
	s := rtNewServer()
	gate := make(chan struct{})
	s.tokenGate = gate
	c := rtClient(t, s)
	const callers = 50
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range callers {
		wg.Go(func() {
			if _, err := rtInfo(t.Context(), c); err != nil {
				t.Error(err)
				failed.Add(1)
			}
		})
	}
	// Let every caller reach the wait, then answer the single au10001.
	rtEventually(t, func() bool { return s.count("au10001") >= 1 })
	time.Sleep(50 * time.Millisecond)
	close(gate)
	wg.Wait()
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 calls = %d, want exactly 1 for %d concurrent callers", n, callers)
	}
	if n := s.count("ka10100"); n != callers || failed.Load() != 0 {
		t.Errorf("queries = %d, failed = %d", n, failed.Load())
	}
}

func TestTokenWaiterHonoursContext(t *testing.T) {
	s := rtNewServer()
	gate := make(chan struct{})
	s.tokenGate = gate
	c := rtClient(t, s)

	done := make(chan error, 1)
	go func() { _, err := rtInfo(t.Context(), c); done <- err }()
	rtEventually(t, func() bool { return s.count("au10001") == 1 })

	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := rtInfo(ctx, c)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("waiter returned after %v", d)
	}
	close(gate)
	if err := <-done; err != nil {
		t.Errorf("the caller that started the refresh: %v", err)
	}
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 calls = %d, want 1", n)
	}
}

// TestTokenRefreshOutlivesCancelledStarter: the goroutine that triggers a refresh
// may give up; the refresh still completes for the others.
func TestTokenRefreshOutlivesCancelledStarter(t *testing.T) {
	s := rtNewServer()
	gate := make(chan struct{})
	s.tokenGate = gate
	c := rtClient(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() { _, err := rtInfo(ctx, c); first <- err }()
	rtEventually(t, func() bool { return s.count("au10001") == 1 })
	second := make(chan error, 1)
	go func() { _, err := rtInfo(t.Context(), c); second <- err }()
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("starter err = %v", err)
	}
	close(gate)
	if err := <-second; err != nil {
		t.Errorf("second caller: %v", err)
	}
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 calls = %d, want 1", n)
	}
}

const rtInvalidToken = `{"return_code":3,"return_msg":"인증에 실패했습니다[8005:Token이 유효하지 않습니다]"}`

func TestInvalidTokenResentOnce(t *testing.T) {
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, _ int) (*http.Response, error) {
		if rtTokenOf(req.Header.Get("authorization")) == rtTokenValue(1) {
			return rtJSON(200, rtInvalidToken), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	c := rtClient(t, s)
	resp, err := rtInfo(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if s.count("au10001") != 2 || s.count("ka10100") != 2 || resp.Meta.Attempts != 2 {
		t.Errorf("au10001 %d, ka10100 %d, attempts %d; want 2, 2, 2", s.count("au10001"), s.count("ka10100"), resp.Meta.Attempts)
	}
	// The new token is kept.
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if s.count("au10001") != 2 {
		t.Errorf("au10001 = %d after a normal call, want 2", s.count("au10001"))
	}
}

func TestInvalidTokenResentOnlyOnce(t *testing.T) {
	s := rtNewServer()
	s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
		return rtJSON(200, rtInvalidToken), nil
	}
	c := rtClient(t, s)
	_, err := rtInfo(t.Context(), c)
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("err = %v, want ErrInvalidToken", err)
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.DetailCode != 8005 || ae.ReturnCode != 3 || ae.TR != "ka10100" {
		t.Errorf("APIError = %+v", ae)
	}
	if s.count("ka10100") != 2 || s.count("au10001") != 2 {
		t.Errorf("ka10100 %d, au10001 %d; want 2 and 2 (one resend, not more)", s.count("ka10100"), s.count("au10001"))
	}
}

func TestInvalidTokenResendsOrderOnce(t *testing.T) {
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, n int) (*http.Response, error) {
		if n == 1 {
			return rtJSON(200, rtInvalidToken), nil
		}
		return rtJSON(200, `{"ord_no":"0000123","return_code":0,"return_msg":"매수주문이 완료되었습니다"}`), nil
	}
	c := rtClient(t, s)
	resp, err := rtOrder(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if resp.OrderNo != "0000123" || s.count("kt10000") != 2 {
		t.Errorf("order %q after %d sends, want 2 sends", resp.OrderNo, s.count("kt10000"))
	}
}

func TestHTTP401ResendsOnce(t *testing.T) {
	s := rtNewServer()
	s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		if n == 1 {
			return rtJSON(401, `{"return_msg":"unauthorized"}`), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	if _, err := rtInfo(t.Context(), rtClient(t, s)); err != nil {
		t.Fatal(err)
	}
	if s.count("au10001") != 2 {
		t.Errorf("au10001 = %d, want 2", s.count("au10001"))
	}
}

func TestTokenIssueFailure(t *testing.T) {
	s := rtNewServer()
	s.tokenFail = `{"return_code":3,"return_msg":"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]"}`
	c := rtClient(t, s)
	_, err := rtInfo(t.Context(), c)
	if !errors.Is(err, ErrUnregisteredIP) {
		t.Fatalf("err = %v, want ErrUnregisteredIP", err)
	}
	for _, want := range []string{"ka10100", "au10001", "register this machine's public IP"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if s.count("ka10100") != 0 {
		t.Errorf("query sent without a token")
	}
	if s.count("au10001") != 1 {
		t.Errorf("au10001 = %d; 8050 is not transient and must not be retried", s.count("au10001"))
	}
}

func TestFileTokenStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	store := NewFileTokenStore(path)
	s := rtNewServer()

	c1 := rtClient(t, s, WithTokenStore(store))
	if _, err := rtInfo(t.Context(), c1); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("token file mode = %o, want 600", perm)
	}
	st, err := store.Load(t.Context())
	if err != nil || st.Token.Reveal() != rtTokenValue(1) || st.BaseURL != rtBase || st.AppKeyID != AppKeyID(rtAppKey) {
		t.Fatalf("stored = %+v, %v", st, err)
	}

	// A restart reuses the stored token: no au10001.
	c2 := rtClient(t, s, WithTokenStore(store))
	if _, err := rtInfo(t.Context(), c2); err != nil {
		t.Fatal(err)
	}
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 = %d after restart, want 1 (stored token reused)", n)
	}

	// A client of another base URL does not reuse it (production token on paper).
	s2 := rtNewServer()
	other := "https://other.test"
	s2.mt.RegisterResponder(http.MethodPost, other+"/oauth2/token", s2.issue)
	c3, err := New(rtAppKey, rtSecretKey, WithBaseURL(other), WithHTTPClient(&http.Client{Transport: s2.mt}),
		WithoutRateLimit(), WithTokenStore(store))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rtInfo(t.Context(), c3); err != nil {
		t.Fatal(err)
	}
	if n := s2.count("au10001"); n != 1 {
		t.Errorf("client of another base URL: au10001 = %d, want 1", n)
	}

	// Revoke revokes the token and deletes the file.
	if err := c2.Revoke(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(s.revoked) != 1 || s.revoked[0] != rtTokenValue(1) {
		t.Errorf("revoked = %v", s.revoked)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("token file after Revoke: %v", err)
	}
	// The next call issues a new token.
	if _, err := rtInfo(t.Context(), c2); err != nil {
		t.Fatal(err)
	}
	if n := s.count("au10001"); n != 2 {
		t.Errorf("au10001 = %d after Revoke, want 2", n)
	}
}

func TestStoredTokenDroppedWhenRejected(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	store := NewFileTokenStore(path)
	// A stored token the server no longer accepts.
	if err := store.Save(t.Context(), StoredToken{Token: "STALE-TOKEN", ExpiresAt: time.Now().Add(time.Hour), BaseURL: rtBase, AppKeyID: AppKeyID(rtAppKey)}); err != nil {
		t.Fatal(err)
	}
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, _ int) (*http.Response, error) {
		if rtTokenOf(req.Header.Get("authorization")) == "STALE-TOKEN" {
			return rtJSON(200, rtInvalidToken), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	c := rtClient(t, s, WithTokenStore(store))
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	st, _ := store.Load(t.Context())
	if st.Token.Reveal() != rtTokenValue(1) {
		t.Errorf("stored token after rejection = %v, want the new one", st.Token.Reveal())
	}
}

func TestRevokeWithoutToken(t *testing.T) {
	s := rtNewServer()
	if err := rtClient(t, s).Revoke(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s.count("au10002") != 0 {
		t.Error("Revoke without a token sent au10002")
	}
}

// TestRevokeDuringRefresh: a token being issued when Revoke is called must not
// be installed or saved after Revoke returned; it is revoked too.
func TestRevokeDuringRefresh(t *testing.T) {
	store := NewFileTokenStore(filepath.Join(t.TempDir(), "token.json"))
	s := rtNewServer()
	gate := make(chan struct{})
	s.tokenGate = gate
	c := rtClient(t, s, WithTokenStore(store))

	callDone := make(chan error, 1)
	go func() { _, err := rtInfo(context.Background(), c); callDone <- err }()
	rtEventually(t, func() bool { return s.count("au10001") == 1 }) // au10001 is blocked at the gate

	revokeDone := make(chan error, 1)
	go func() { revokeDone <- c.Revoke(context.Background()) }()
	select {
	case err := <-revokeDone:
		t.Errorf("Revoke returned (%v) while a token was still being issued", err)
		revokeDone <- err
	case <-time.After(200 * time.Millisecond):
	}
	s.mu.Lock()
	s.tokenGate = nil
	s.mu.Unlock()
	close(gate)
	if err := <-callDone; err != nil {
		t.Fatalf("the call that started the refresh: %v", err)
	}
	select {
	case err := <-revokeDone:
		if err != nil {
			t.Fatalf("Revoke: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Revoke did not return after the refresh ended")
	}

	s.mu.Lock()
	revoked := append([]string(nil), s.revoked...)
	s.mu.Unlock()
	if len(revoked) != 1 || revoked[0] != rtTokenValue(1) {
		t.Errorf("revoked %q, want the token issued during Revoke (%q)", revoked, rtTokenValue(1))
	}
	if st, err := store.Load(t.Context()); err != nil || st.Token != "" {
		t.Errorf("store after Revoke = %v, %v; want empty", st.Token.Reveal(), err)
	}
	c.tokens.mu.Lock()
	tok := c.tokens.tok
	c.tokens.mu.Unlock()
	if tok != "" {
		t.Errorf("client still holds token %v after Revoke", tok.Reveal())
	}
	// The next call issues a new token.
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if got := rtTokenOf(s.lastAuth()); got != rtTokenValue(2) {
		t.Errorf("token after Revoke = %q, want a new one", got)
	}
}

// TestRevokeWaitHonoursContext: Revoke gives up waiting for a refresh when its
// context ends, and revokes nothing.
func TestRevokeWaitHonoursContext(t *testing.T) {
	s := rtNewServer()
	gate := make(chan struct{})
	s.tokenGate = gate
	defer close(gate)
	c := rtClient(t, s)
	go func() { _, _ = rtInfo(context.Background(), c) }()
	rtEventually(t, func() bool { return s.count("au10001") == 1 })
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := c.Revoke(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Revoke = %v, want context.DeadlineExceeded", err)
	}
	if s.count("au10002") != 0 {
		t.Error("Revoke sent au10002 after giving up")
	}
}
