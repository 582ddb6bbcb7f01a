package kiwoom

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Token timing.
const (
	// DefaultRefreshAhead is how long before expires_dt a Client replaces its
	// access token (the official client uses the same 10 minutes).
	DefaultRefreshAhead = 10 * time.Minute
	// tokenMinRemaining: a token with less left than this is not sent; callers
	// wait for a new one. Between DefaultRefreshAhead and this, callers use the
	// current token while one background refresh replaces it.
	tokenMinRemaining = time.Minute
	// tokenIssueTimeout bounds one refresh, which runs detached from the
	// context of the caller that started it (other callers wait for it too).
	tokenIssueTimeout = 30 * time.Second
	// tokenRetryPause: after a failed background refresh, callers that still
	// hold a usable token do not start another for this long.
	tokenRetryPause = 10 * time.Second
	// tokenFallbackLife is assumed when au10001 answers without expires_dt.
	tokenFallbackLife = time.Hour
)

// tokenManager holds the current access token and runs at most one refresh at
// a time (single flight).
type tokenManager struct {
	mu           sync.Mutex
	tok          Secret
	expires      time.Time // expires_dt
	refreshAt    time.Time // from here on a refresh is started
	retryAt      time.Time // no background refresh before this
	storeChecked bool
	flight       *tokenFlight // non-nil while a refresh runs
}

// tokenFlight is one refresh in progress; done is closed when tok/err are set.
type tokenFlight struct {
	done chan struct{}
	tok  Secret
	err  error
}

// AccessToken returns a valid access token, issuing one with au10001 when the
// client has none or its token is due for refresh. The Client adds it to every
// call by itself; this is for callers that need the token elsewhere (e.g. the
// WebSocket API). The token is a Secret: it prints as [REDACTED].
func (c *Client) AccessToken(ctx context.Context) (Secret, error) { return c.token(ctx) }

// token returns the token to send. Any number of goroutines may call it: when a
// refresh is due exactly one au10001 call is made and the others wait for it,
// each giving up when its own ctx ends.
func (c *Client) token(ctx context.Context) (Secret, error) {
	t := c.tokens
	t.mu.Lock()
	now := c.clk.Now()
	if t.tok != "" && now.Before(t.refreshAt) {
		tok := t.tok
		t.mu.Unlock()
		return tok, nil
	}
	usable := t.tok != "" && now.Before(t.expires.Add(-tokenMinRemaining))
	if usable && now.Before(t.retryAt) {
		tok := t.tok
		t.mu.Unlock()
		return tok, nil
	}
	f := t.flight
	if f == nil {
		f = c.startRefresh(ctx)
	}
	tok := t.tok
	t.mu.Unlock()
	if usable {
		return tok, nil // the refresh runs in the background
	}
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		return "", fmt.Errorf("kiwoom: waiting for an access token: %w", context.Cause(ctx))
	}
}

// startRefresh starts a refresh; t.mu must be held.
func (c *Client) startRefresh(ctx context.Context) *tokenFlight {
	t := c.tokens
	f := &tokenFlight{done: make(chan struct{})}
	t.flight = f
	checkStore := c.cfg.store != nil && !t.storeChecked
	t.storeChecked = true
	// Detached from the caller's cancellation: others may be waiting for it.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenIssueTimeout)
	go func() {
		defer cancel()
		st, err := c.fetchToken(rctx, checkStore)
		t.mu.Lock()
		now := c.clk.Now()
		if err == nil {
			t.tok, t.expires, t.refreshAt = st.Token, st.ExpiresAt, refreshTime(now, st.ExpiresAt, c.cfg.refreshAhead)
			t.retryAt = time.Time{}
		} else {
			t.retryAt = now.Add(tokenRetryPause)
		}
		t.flight = nil
		f.tok, f.err = st.Token, err
		t.mu.Unlock()
		close(f.done)
	}()
	return f
}

// refreshTime is when a token issued at now should be replaced: refreshAhead
// before it expires, but no earlier than half its lifetime (so a short-lived
// token is not refreshed on every call).
func refreshTime(now, expires time.Time, ahead time.Duration) time.Time {
	return expires.Add(-min(ahead, expires.Sub(now)/2))
}

// fetchToken takes a valid token from the store (the first time) or issues one.
func (c *Client) fetchToken(ctx context.Context, checkStore bool) (StoredToken, error) {
	keyID := AppKeyID(c.creds.appKey)
	if checkStore {
		st, err := c.cfg.store.Load(ctx)
		switch {
		case err != nil:
			c.logEvent(ctx, slog.LevelWarn, "kiwoom token store load failed", slog.String("error", err.Error()))
		case st.Token == "":
		case st.BaseURL != c.cfg.baseURL || st.AppKeyID != keyID:
			c.logEvent(ctx, slog.LevelDebug, "kiwoom stored token is for another base URL or app key; ignored",
				slog.String("stored_base_url", st.BaseURL))
		case c.clk.Now().Before(st.ExpiresAt.Add(-c.cfg.refreshAhead)):
			c.logEvent(ctx, slog.LevelDebug, "kiwoom reusing stored token", slog.Time("expires", st.ExpiresAt))
			return st, nil
		}
	}
	resp, err := c.IssueToken(ctx, &IssueTokenRequest{
		GrantType: GrantTypeClientCredentials,
		AppKey:    c.creds.appKey,
		SecretKey: c.creds.secretKey,
	})
	if err != nil {
		return StoredToken{}, err
	}
	if resp.Token == "" {
		return StoredToken{}, &DecodeError{TR: "au10001", Field: "token", Err: fmt.Errorf("no token in a successful response")}
	}
	exp := resp.ExpiresAt.Time
	if exp.IsZero() {
		exp = c.clk.Now().Add(tokenFallbackLife)
		c.logEvent(ctx, slog.LevelWarn, "kiwoom au10001 answered without expires_dt; assuming one hour")
	}
	st := StoredToken{Token: resp.Token, ExpiresAt: exp, BaseURL: c.cfg.baseURL, AppKeyID: keyID}
	c.logEvent(ctx, slog.LevelDebug, "kiwoom token issued", slog.Time("expires", exp))
	if c.cfg.store != nil {
		if err := c.cfg.store.Save(ctx, st); err != nil {
			c.logEvent(ctx, slog.LevelWarn, "kiwoom token store save failed", slog.String("error", err.Error()))
		}
	}
	return st, nil
}

// dropToken forgets tok after Kiwoom rejected it, unless another goroutine has
// already replaced it, and deletes it from the store.
func (c *Client) dropToken(ctx context.Context, tok Secret) {
	t := c.tokens
	t.mu.Lock()
	dropped := t.tok == tok && tok != ""
	if dropped {
		t.tok, t.expires, t.refreshAt, t.retryAt = "", time.Time{}, time.Time{}, time.Time{}
	}
	t.mu.Unlock()
	if dropped && c.cfg.store != nil {
		if err := c.cfg.store.Delete(ctx); err != nil {
			c.logEvent(ctx, slog.LevelWarn, "kiwoom token store delete failed", slog.String("error", err.Error()))
		}
	}
}

// InvalidateToken forgets tok after another Kiwoom service rejected it (the
// WebSocket LOGIN, say), unless the client has already replaced it, and deletes
// it from the token store; the next AccessToken issues a new one. Unlike Revoke
// it sends nothing.
func (c *Client) InvalidateToken(ctx context.Context, tok Secret) { c.dropToken(ctx, tok) }

// Revoke revokes the client's access token with au10002 and forgets it (and
// deletes it from the token store). Without a token in memory it revokes a
// valid stored token of this base URL and app key, if there is one; with none
// at all it does nothing. A call after Revoke issues a new token.
//
// When a token is being issued as Revoke is called, Revoke first waits for it
// (or for ctx to end, returning ctx's error and revoking nothing), so that
// the new token is revoked too instead of being installed and saved after
// Revoke returned.
func (c *Client) Revoke(ctx context.Context) error {
	t := c.tokens
	t.mu.Lock()
	for t.flight != nil {
		f := t.flight
		t.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return fmt.Errorf("kiwoom: revoke: waiting for the access token being issued: %w", context.Cause(ctx))
		}
		t.mu.Lock()
	}
	tok := t.tok
	t.tok, t.expires, t.refreshAt, t.retryAt = "", time.Time{}, time.Time{}, time.Time{}
	t.storeChecked = true
	t.mu.Unlock()
	if tok == "" && c.cfg.store != nil {
		st, err := c.cfg.store.Load(ctx)
		if err == nil && st.BaseURL == c.cfg.baseURL && st.AppKeyID == AppKeyID(c.creds.appKey) && c.clk.Now().Before(st.ExpiresAt) {
			tok = st.Token
		}
	}
	if c.cfg.store != nil {
		if err := c.cfg.store.Delete(ctx); err != nil {
			c.logEvent(ctx, slog.LevelWarn, "kiwoom token store delete failed", slog.String("error", err.Error()))
		}
	}
	if tok == "" {
		return nil
	}
	_, err := c.RevokeToken(ctx, &RevokeTokenRequest{AppKey: c.creds.appKey, SecretKey: c.creds.secretKey, Token: tok})
	return err
}
