package kiwoomtest

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// token is one issued access token.
type token struct {
	appKey  string
	expires time.Time
	revoked bool
}

// newTokenValue returns a fresh random token string.
func newTokenValue() string {
	b := make([]byte, 48)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewToken issues a token for the first credential pair, as a successful au10001
// would, and returns it with its expiry. Tests use it to call TR paths directly.
func (h *Handler) NewToken() (string, time.Time) {
	return h.newToken(h.AppKey())
}

func (h *Handler) newToken(appKey string) (string, time.Time) {
	v := newTokenValue()
	exp := h.cfg.now().Add(h.cfg.lifetime)
	h.mu.Lock()
	h.tokens[v] = &token{appKey: appKey, expires: exp}
	h.mu.Unlock()
	return v, exp
}

// checkKeys reports whether the pair is one the handler accepts.
func (h *Handler) checkKeys(appKey, secretKey string) bool {
	for _, c := range h.cfg.creds {
		if c.appKey == appKey && c.secretKey == secretKey {
			return true
		}
	}
	return false
}

// issue answers au10001 (POST /oauth2/token).
func (h *Handler) issue(rec *recorder, r *http.Request) {
	rec.apiID = "au10001"
	obj, err := readObject(r)
	if err != nil {
		rec.fail(errIssue("요청 본문이 JSON 객체가 아닙니다"))
		return
	}
	grant, present, _ := stringField(obj, "grant_type")
	appKey, _, okA := stringField(obj, "appkey")
	secretKey, _, okS := stringField(obj, "secretkey")
	switch {
	case !present || grant == "":
		rec.fail(errNoGrantType())
	case grant != "client_credentials":
		rec.fail(errWrongGrant())
	case !okA || !okS || appKey == "" || secretKey == "":
		rec.fail(errNoKeys())
	case !h.checkKeys(appKey, secretKey):
		rec.fail(errBadKeys())
	default:
		tok, exp := h.newToken(appKey)
		rec.send(ordered{
			{"expires_dt", exp.In(kiwoom.KST()).Format("20060102150405")},
			{"token_type", "bearer"},
			{"token", tok},
			{"return_code", codeOK},
			{"return_msg", msgOK},
		}, "N", "")
	}
}

// revoke answers au10002 (POST /oauth2/revoke).
func (h *Handler) revoke(rec *recorder, r *http.Request) {
	rec.apiID = "au10002"
	obj, err := readObject(r)
	if err != nil {
		rec.fail(errRevoke("요청 본문이 JSON 객체가 아닙니다"))
		return
	}
	appKey, _, okA := stringField(obj, "appkey")
	secretKey, _, okS := stringField(obj, "secretkey")
	tok, _, okT := stringField(obj, "token")
	switch {
	case !okA || !okS || appKey == "" || secretKey == "":
		rec.fail(errNoKeys())
		return
	case !h.checkKeys(appKey, secretKey):
		rec.fail(errBadKeys())
		return
	case !okT || tok == "":
		rec.fail(errNoRevokeToken())
		return
	}
	h.mu.Lock()
	t := h.tokens[tok]
	valid := t != nil && !t.revoked && t.appKey == appKey && h.cfg.now().Before(t.expires)
	if valid {
		t.revoked = true
	}
	h.mu.Unlock()
	if !valid {
		rec.fail(errRevoke("유효하지 않은 Token입니다"))
		return
	}
	rec.send(ordered{{"return_code", codeOK}, {"return_msg", msgOK}}, "N", "")
}

// authenticate checks the authorization header of a TR call and returns the app
// key its token was issued to, or the error answer and false.
func (h *Handler) authenticate(r *http.Request) (string, apiErr, bool) {
	v := strings.TrimSpace(r.Header.Get("authorization"))
	if v == "" {
		return "", errNoAuthHeader(), false
	}
	scheme, tok, found := strings.Cut(v, " ")
	tok = strings.TrimSpace(tok)
	switch {
	case !found && strings.EqualFold(scheme, "Bearer"):
		return "", errNoToken(), false
	case !found:
		return "", errBadAuthHeader(), false
	case !strings.EqualFold(scheme, "Bearer"):
		return "", errBadGrantType(), false
	case tok == "":
		return "", errNoToken(), false
	case strings.ContainsAny(tok, " \t"):
		return "", errBadAuthHeader(), false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.tokens[tok]
	if t == nil || t.revoked || !h.cfg.now().Before(t.expires) {
		return "", errInvalidToken(), false
	}
	return t.appKey, apiErr{}, true
}
