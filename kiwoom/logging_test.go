package kiwoom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// rtSyncBuffer is a bytes.Buffer safe for concurrent writers.
type rtSyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *rtSyncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *rtSyncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestSecretsNeverLogged drives token issue, a rejected token, a resend, paging
// and failures with debug logging on (text and JSON handlers), then looks for
// the app key, secret key and every token in the log and in every error string.
func TestSecretsNeverLogged(t *testing.T) {
	var textLog, jsonLog rtSyncBuffer
	logger := slog.New(multiHandler{
		slog.NewTextHandler(&textLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
		slog.NewJSONHandler(&jsonLog, &slog.HandlerOptions{Level: slog.LevelDebug}),
	})
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, n int) (*http.Response, error) {
		switch {
		case req.Header.Get("api-id") == "ka10100" && n == 1:
			return rtJSON(200, rtInvalidToken), nil
		case req.Header.Get("api-id") == "ka10099":
			return rtJSON(200, rtStockListPage(n, 1), "cont-yn", map[bool]string{true: "Y", false: "N"}[n < 3], "next-key", fmt.Sprint(n)), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	c := rtClient(t, s, WithLogger(logger))
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	_, err := rtInfo(t.Context(), c) // 8005, new token, resend
	record(err)
	for _, err := range rtListPages(t.Context(), c, &rtListRequest{MarketType: "0"}) {
		record(err)
	}
	tokResp, err := c.IssueToken(t.Context(), &IssueTokenRequest{GrantType: GrantTypeClientCredentials, AppKey: rtAppKey, SecretKey: rtSecretKey})
	record(err)
	// Failures: bad credentials on au10001, a validation error of au10001 and au10002, a revoke.
	_, err = c.IssueToken(t.Context(), &IssueTokenRequest{GrantType: GrantTypeClientCredentials, AppKey: rtAppKey, SecretKey: "wrong-" + rtSecretKey})
	if err == nil {
		t.Fatal("want an error for bad credentials")
	}
	record(err)
	_, err = c.IssueToken(t.Context(), &IssueTokenRequest{AppKey: rtAppKey, SecretKey: Secret(strings.Repeat(rtSecretKey, 1))})
	record(err)
	record(c.Revoke(t.Context()))
	s.tokenFail = `{"return_code":3,"return_msg":"[8050:지정단말기 인증에 실패했습니다]","token":"` + rtTokenValue(99) + `"}`
	_, err = rtInfo(t.Context(), c)
	if err == nil {
		t.Fatal("want an error")
	}
	record(err)

	secrets := []string{rtAppKey, rtSecretKey, rtTokenValue(1), rtTokenValue(2), rtTokenValue(3), rtTokenValue(4), rtTokenValue(99)}
	logs := textLog.String() + jsonLog.String()
	if !strings.Contains(logs, "kiwoom request") || !strings.Contains(logs, "ka10099") || !strings.Contains(logs, "next_key") {
		t.Fatalf("debug log is missing requests:\n%s", logs)
	}
	var texts []string
	for _, e := range errs {
		texts = append(texts, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
		var ae *APIError
		if errors.As(e, &ae) {
			texts = append(texts, string(ae.Body))
		}
	}
	texts = append(texts, fmt.Sprintf("%+v", tokResp), string(tokResp.Meta.Raw),
		fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprint(*c))
	for _, sec := range secrets {
		if strings.Contains(logs, sec) {
			t.Errorf("log contains secret %q", sec)
		}
		for _, txt := range texts {
			if strings.Contains(txt, sec) {
				i := strings.Index(txt, sec)
				t.Errorf("error or value text contains secret %q: …%s…", sec, txt[max(0, i-200):min(len(txt), i+100)])
			}
		}
	}
	if !strings.Contains(logs, redacted) {
		t.Error("the authorization header was not logged redacted")
	}
	// The caller still gets the token itself.
	if tokResp.Token.Reveal() == "" {
		t.Error("IssueToken response lost its token")
	}
}

// multiHandler sends each record to several handlers.
type multiHandler []slog.Handler

func (m multiHandler) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range m {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (m multiHandler) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range m {
		if h.Enabled(ctx, r.Level) {
			if err := h.Handle(ctx, r.Clone()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m multiHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithAttrs(attrs)
	}
	return out
}

func (m multiHandler) WithGroup(name string) slog.Handler {
	out := make(multiHandler, len(m))
	for i, h := range m {
		out[i] = h.WithGroup(name)
	}
	return out
}

func TestLogFields(t *testing.T) {
	var buf rtSyncBuffer
	s := rtNewServer()
	s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
		return rtJSON(200, rtOKBody, "cont-yn", "N", "api-id", "ka10100"), nil
	}
	c := rtClient(t, s, WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"tr=ka10100", "status=200", "attempt=1", "duration=", "cont_yn=N", "kind=query", "header.authorization=" + redacted} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// Without WithLogger nothing is logged and nothing breaks.
	if _, err := rtInfo(t.Context(), rtClient(t, s)); err != nil {
		t.Fatal(err)
	}
}

// TestSlogJSONRedactsSecrets logs requests and responses with sensitive
// fields as top-level attributes through slog.NewJSONHandler (which would
// otherwise json.Marshal them, revealing every Secret): no credential may
// appear in the output.
func TestSlogJSONRedactsSecrets(t *testing.T) {
	const tok = "TOKEN-5f4dcc3b5aa765d61d8327deb882cf99"
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	values := []any{
		&IssueTokenRequest{GrantType: GrantTypeClientCredentials, AppKey: rtAppKey, SecretKey: rtSecretKey},
		IssueTokenRequest{GrantType: GrantTypeClientCredentials, AppKey: rtAppKey, SecretKey: rtSecretKey},
		&IssueTokenResponse{Token: tok, TokenType: "bearer"},
		IssueTokenResponse{Token: tok, TokenType: "bearer"},
		&RevokeTokenRequest{AppKey: rtAppKey, SecretKey: rtSecretKey, Token: tok},
		RevokeTokenRequest{AppKey: rtAppKey, SecretKey: rtSecretKey, Token: tok},
		StoredToken{Token: tok, BaseURL: rtBase, AppKeyID: AppKeyID(rtAppKey)},
		&StoredToken{Token: tok, BaseURL: rtBase, AppKeyID: AppKeyID(rtAppKey)},
	}
	for _, v := range values {
		buf.Reset()
		l.Info("value", "v", v)
		l.Info("value", slog.Any("v", v))
		out := buf.String()
		for _, secret := range []string{rtAppKey, rtSecretKey, tok} {
			if strings.Contains(out, secret) {
				t.Errorf("logging %T leaked %q: %s", v, secret, out)
			}
		}
	}
}
