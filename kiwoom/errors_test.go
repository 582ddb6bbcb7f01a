package kiwoom

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestDetailCode(t *testing.T) {
	cases := []struct {
		msg  string
		want int
	}{
		{"인증에 실패했습니다[8005:Token이 유효하지 않습니다]", 8005},
		{"허용된 요청 개수를 초과하였습니다[1634]", 1634},
		{"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10001]", 1700},
		{"정상적으로 처리되었습니다", 0},
		{"[abc:def]", 0},
		{"x[ 8050 :y]", 8050},
		{"", 0},
		{"[]", 0},
	}
	for _, tc := range cases {
		if got := DetailCode(tc.msg); got != tc.want {
			t.Errorf("DetailCode(%q) = %d, want %d", tc.msg, got, tc.want)
		}
	}
}

func TestAPIErrorSentinels(t *testing.T) {
	cases := []struct {
		status int
		body   string
		is     error
		hint   string
	}{
		{200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8050:지정단말기 인증에 실패했습니다]"}`, ErrUnregisteredIP, "register this machine's public IP"},
		{200, `{"return_code":"5","return_msg":"허용된 요청 개수를 초과하였습니다[1700:…]"}`, ErrRateLimited, "WithRateLimit"},
		{429, `{"return_msg":"허용된 요청 개수를 초과하였습니다"}`, ErrRateLimited, ""},
		{200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8005:Token이 유효하지 않습니다]"}`, ErrInvalidToken, ""},
		{200, `{"return_code":3,"return_msg":"[8030:투자구분(실전/모의)이 달라서 Appkey를 사용할수가 없습니다]"}`, ErrEnvMismatch, "KIWOOM_ENV"},
		{200, `{"return_code":3,"return_msg":"[8001:App Key와 Secret Key 검증에 실패했습니다]"}`, ErrInvalidCredentials, "KIWOOM_APPKEY"},
		{200, `{"return_code":2,"return_msg":"[1511:필수 입력 값에 값이 존재하지 않습니다]"}`, ErrBadInput, ""},
		{200, `{"return_code":2,"return_msg":"[1901:시장 코드값이 존재하지 않습니다]"}`, ErrUnknownStock, "stock code"},
		// The detail code straight in return_code, as the official client expects some endpoints to do.
		{200, `{"return_code":1700,"return_msg":"허용된 요청 개수를 초과하였습니다"}`, ErrRateLimited, ""},
	}
	for _, tc := range cases {
		meta := Meta{HTTPStatus: tc.status, Raw: []byte(tc.body), Header: http.Header{}}
		e := newAPIError("ka10001", KindQuery, meta, nil)
		if !errors.Is(e, tc.is) {
			t.Errorf("%s: not %v (detail %d)", tc.body, tc.is, e.DetailCode)
		}
		for _, other := range []error{ErrRateLimited, ErrInvalidToken, ErrUnregisteredIP, ErrBadInput, ErrUnknownStock, ErrEnvMismatch, ErrInvalidCredentials} {
			if other != tc.is && errors.Is(e, other) {
				t.Errorf("%s: also matches %v", tc.body, other)
			}
		}
		if !strings.Contains(e.Error(), tc.hint) || !strings.HasPrefix(e.Error(), "kiwoom: ka10001: ") {
			t.Errorf("%s: message %q lacks %q or the TR", tc.body, e.Error(), tc.hint)
		}
	}
}

func TestResponseProblemsAreErrors(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		check  func(error) bool
	}{
		{"HTML with 200", 200, `<html>maintenance</html>`, func(err error) bool {
			var de *DecodeError
			return errors.As(err, &de) && de.TR == "ka10100" && strings.Contains(err.Error(), "not a JSON object")
		}},
		{"no return_code", 200, `{"code":"005930"}`, func(err error) bool {
			var de *DecodeError
			return errors.As(err, &de) && de.Field == "return_code"
		}},
		{"null return_code", 200, `{"return_code":null,"return_msg":""}`, func(err error) bool { return err != nil }},
		{"bad field", 200, `{"return_code":0,"return_msg":"","listCount":"12x"}`, func(err error) bool {
			var de *DecodeError
			return errors.As(err, &de) && de.Field == "listCount"
		}},
		{"HTTP 404 HTML", 404, `<html>not found</html>`, func(err error) bool {
			var ae *APIError
			return errors.As(err, &ae) && ae.HTTPStatus == 404 && strings.Contains(err.Error(), "HTTP 404 Not Found") && strings.Contains(err.Error(), "ka10100")
		}},
		{"error envelope with odd fields", 200, `{"return_code":2,"return_msg":"[1902:종목 정보가 없습니다]","listCount":"bad"}`, func(err error) bool {
			return errors.Is(err, ErrUnknownStock)
		}},
	}
	for _, tc := range cases {
		s := rtNewServer()
		s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
			return rtJSON(tc.status, tc.body), nil
		}
		_, err := rtInfo(t.Context(), rtClient(t, s))
		if err == nil || !tc.check(err) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

func TestAPIErrorBodyBounded(t *testing.T) {
	big := `{"return_code":3,"return_msg":"x[8005:y]","pad":"` + strings.Repeat("a", 10000) + `"}`
	e := newAPIError("ka10001", KindQuery, Meta{HTTPStatus: 200, Raw: []byte(big)}, nil)
	if len(e.Body) != maxErrorBody || e.DetailCode != 8005 {
		t.Errorf("body %d bytes, detail %d", len(e.Body), e.DetailCode)
	}
}

// TestReturnCodeSentinels: without a detail code, return_code 2 is an input
// error and 5 a rate limit.
func TestReturnCodeSentinels(t *testing.T) {
	cases := []struct {
		code      int
		detail    int
		want, not error
	}{
		{2, 0, ErrBadInput, ErrRateLimited},
		{5, 0, ErrRateLimited, ErrBadInput},
		// A detail code decides when there is one.
		{2, 1700, ErrRateLimited, ErrBadInput},
		{5, 1501, ErrBadInput, ErrRateLimited},
	}
	for _, tc := range cases {
		e := &APIError{TR: "ka10001", HTTPStatus: 200, ReturnCode: tc.code, DetailCode: tc.detail}
		if !errors.Is(e, tc.want) {
			t.Errorf("return_code %d detail %d: not %v", tc.code, tc.detail, tc.want)
		}
		if errors.Is(e, tc.not) {
			t.Errorf("return_code %d detail %d: matches %v", tc.code, tc.detail, tc.not)
		}
	}
	if e := (&APIError{HTTPStatus: 200, ReturnCode: 3}); errors.Is(e, ErrBadInput) || errors.Is(e, ErrRateLimited) {
		t.Error("return_code 3 matches ErrBadInput or ErrRateLimited")
	}
}

// TestReturnCode5IsRetried: a query answered with return_code 5 is retried like
// any rate limit.
func TestReturnCode5IsRetried(t *testing.T) {
	s := rtNewServer()
	s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
		if n == 1 {
			return rtJSON(200, `{"return_code":5,"return_msg":"허용된 요청 개수를 초과하였습니다"}`), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	if _, err := rtInfo(t.Context(), rtClient(t, s)); err != nil {
		t.Fatal(err)
	}
	if n := s.count("ka10100"); n != 2 {
		t.Errorf("ka10100 sent %d times, want 2", n)
	}
}

// TestMisroutedResponseNotDecoded: an answer whose api-id header names another
// TR is a *DecodeError, not a response of the TR asked for.
func TestMisroutedResponseNotDecoded(t *testing.T) {
	s := rtNewServer()
	s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
		return rtJSON(200, rtOKBody, "api-id", "ka10001"), nil
	}
	_, err := rtInfo(t.Context(), rtClient(t, s))
	var de *DecodeError
	if !errors.As(err, &de) || de.TR != "ka10100" || !strings.Contains(err.Error(), "ka10001") {
		t.Fatalf("err = %v, want a *DecodeError naming both api-ids", err)
	}
	// The matching api-id, and none at all, decode.
	s.handle = func(*http.Request, map[string]any, int) (*http.Response, error) {
		return rtJSON(200, rtOKBody, "api-id", "ka10100"), nil
	}
	if _, err := rtInfo(t.Context(), rtClient(t, s)); err != nil {
		t.Errorf("matching api-id: %v", err)
	}
}
