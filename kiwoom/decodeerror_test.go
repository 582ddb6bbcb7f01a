package kiwoom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestDecodeErrorCarriesExcerpt: whatever arrives instead of a Kiwoom answer,
// the *DecodeError shows the part of the body where decoding stopped.
func TestDecodeErrorCarriesExcerpt(t *testing.T) {
	html := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>upstream down</body></html>"
	cases := []struct {
		name, body    string
		field         string
		wantInExcerpt string
	}{
		{"html page", html, "", "<!DOCTYPE html>"},
		{"truncated body", `{"return_code":0,"return_msg":"정상적으로 처리되었습니다","code":"005930","name":"삼성`, "", `"name":"삼성`},
		{"number where a string belongs", `{"return_code":0,"return_msg":"정상","code":5930,"name":"삼성전자"}`, "code", `"code":5930`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := rtNewServer()
			s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
				return rtJSON(200, tc.body), nil
			}
			_, err := rtInfo(t.Context(), rtClient(t, s, WithRetry(RetryPolicy{MaxAttempts: 1})))
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("err = %v (%T), want a *DecodeError", err, err)
			}
			if de.Field != tc.field || !strings.Contains(de.Excerpt, tc.wantInExcerpt) {
				t.Errorf("DecodeError field %q excerpt %q; want field %q and an excerpt with %q", de.Field, de.Excerpt, tc.field, tc.wantInExcerpt)
			}
			if len(de.Excerpt) > 2*excerptRadius+8 {
				t.Errorf("excerpt is %d bytes; want it bounded", len(de.Excerpt))
			}
			if !strings.Contains(err.Error(), strconv.Quote(de.Excerpt)) {
				t.Errorf("Error() = %q lacks the excerpt", err.Error())
			}
		})
	}
}

// TestDecodeErrorMasksCredentials: a token in a body that fails to decode
// never reaches the error.
func TestDecodeErrorMasksCredentials(t *testing.T) {
	body := []byte(`{"expires_dt":"2025","token_type":"bearer","token":"WQJCwyqInphKnR3bSRtB9NE1lv...","Token" : "second-secret","appkey":"AK\"x","return_code":"zero"}`)
	de := newDecodeError("au10001", body, "return_code", len(body)-10, errors.New("bad"))
	for _, secret := range []string{"WQJCwy", "second-secret", `AK\"x`} {
		if strings.Contains(de.Excerpt, secret) || strings.Contains(de.Error(), secret) {
			t.Errorf("excerpt %q shows the secret %q", de.Excerpt, secret)
		}
	}
	if got := maskCredentials(body); len(got) != len(body) || !strings.Contains(string(got), `"token_type":"bearer"`) {
		t.Errorf("maskCredentials changed the length or a key that is no credential: %s", got)
	}
	// A cut in the middle of a Korean character keeps the excerpt valid UTF-8.
	long := []byte(`{"a":"` + strings.Repeat("가", 100) + `"}`)
	if ex := bodyExcerpt(long, 151); !strings.HasPrefix(ex, "…") || !strings.HasSuffix(ex, "…") || strings.ContainsRune(ex, '\uFFFD') {
		t.Errorf("excerpt %q is not cut cleanly", ex)
	}
}

// TestDecodeSavedBodyLikeTheClient: Decode checks the envelope as Do does and
// keeps the body in Meta.Raw.
func TestDecodeSavedBodyLikeTheClient(t *testing.T) {
	raw := new(RawResponse)
	body := []byte(`{"return_code":0,"return_msg":"정상","stk_nm":"삼성전자"}`)
	if err := Decode(body, raw); err != nil || string(raw.Meta.Raw) != string(body) {
		t.Errorf("Decode into RawResponse: %v, Meta.Raw %q", err, raw.Meta.Raw)
	}
	var de *DecodeError
	if err := Decode([]byte(`{}`), new(RawResponse)); !errors.As(err, &de) || de.Field != "return_code" {
		t.Errorf("Decode of {} = %v; want a *DecodeError on return_code, as the client says", err)
	}
	err := Decode([]byte(`{"return_code":3,"return_msg":"[1902:종목 정보가 없습니다]"}`), new(RawResponse))
	if !errors.Is(err, ErrUnknownStock) || strings.Contains(err.Error(), "kiwoom: :") {
		t.Errorf("Decode of an error answer = %v", err)
	}
	err = Decode([]byte(`{"return_code":0,"listCount":"x"}`), new(rtInfoResponse))
	if err == nil || strings.Contains(err.Error(), "kiwoom: :") || !strings.Contains(err.Error(), "listCount") {
		t.Errorf("Decode of a bad value = %v; want the field named and no empty TR", err)
	}
}
