package kiwoom

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// rtGetBodyRecorder answers like the mock server and records, per api-id,
// whether the request net/http was given could be replayed (GetBody != nil).
type rtGetBodyRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	get  map[string]bool
}

func (r *rtGetBodyRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.get[req.Header.Get("api-id")] = req.GetBody != nil
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

func TestOrderRequestCannotBeReplayedByTransport(t *testing.T) {
	s := rtNewServer()
	s.handle = func(req *http.Request, _ map[string]any, _ int) (*http.Response, error) {
		if req.Header.Get("api-id") == "kt10000" {
			return rtJSON(200, `{"ord_no":"0000139","dmst_stex_tp":"KRX","return_code":0,"return_msg":"매수주문이 완료되었습니다"}`), nil
		}
		return rtJSON(200, rtOKBody), nil
	}
	rec := &rtGetBodyRecorder{next: s.mt, get: map[string]bool{}}
	c := rtClient(t, s, WithHTTPClient(&http.Client{Transport: rec}))
	if _, err := rtOrder(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if got, ok := rec.get["kt10000"]; !ok || got {
		t.Errorf("kt10000 sent with GetBody set (seen %v): net/http could replay the order by itself", ok)
	}
	if got := rec.get["ka10100"]; !got {
		t.Errorf("ka10100 sent without GetBody; queries may be replayed by the transport")
	}
}

func TestOrderResentOnlyForDocumentedTokenRejection(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		resend bool
	}{
		{"8005", 200, rtInvalidToken, true},
		{"8031", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8031:모의투자 토큰입니다]"}`, true},
		{"HTTP 401", 401, `{"return_msg":"unauthorized"}`, false},
		{"HTTP 401 with 8005", 401, rtInvalidToken, false},
		{"8003", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8003:Access Token을 조회할 수 없습니다]"}`, false},
		{"8006", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8006:x]"}`, false},
		{"8009", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8009:x]"}`, false},
		{"8015", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8015:x]"}`, false},
		{"8016", 200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8016:x]"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := rtNewServer()
			s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
				if n == 1 {
					return rtJSON(tc.status, tc.body), nil
				}
				return rtJSON(200, `{"ord_no":"0000123","return_code":0,"return_msg":"매수주문이 완료되었습니다"}`), nil
			}
			_, err := rtOrder(t.Context(), rtClient(t, s))
			want := 1
			if tc.resend {
				want = 2
			}
			if n := s.count("kt10000"); n != want {
				t.Errorf("kt10000 sent %d times, want %d (err %v)", n, want, err)
			}
			if tc.resend && err != nil {
				t.Errorf("err = %v after the resend", err)
			}
			var ae *APIError
			if !tc.resend && !errors.As(err, &ae) {
				t.Errorf("err = %v, want the *APIError of the rejection", err)
			}
		})
	}
}

func TestQueryResentOnAnyTokenRejection(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{
		{401, `{"return_msg":"unauthorized"}`},
		{200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8003:x]"}`},
		{200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8016:x]"}`},
		{200, `{"return_code":3,"return_msg":"인증에 실패했습니다[8031:x]"}`},
	} {
		s := rtNewServer()
		s.handle = func(_ *http.Request, _ map[string]any, n int) (*http.Response, error) {
			if n == 1 {
				return rtJSON(tc.status, tc.body), nil
			}
			return rtJSON(200, rtOKBody), nil
		}
		if _, err := rtInfo(t.Context(), rtClient(t, s)); err != nil {
			t.Errorf("%d %s: %v", tc.status, tc.body, err)
		}
		if n := s.count("ka10100"); n != 2 {
			t.Errorf("%d %s: ka10100 sent %d times, want 2", tc.status, tc.body, n)
		}
	}
}

func TestOutcomeUnknownNamesOrderStatusViews(t *testing.T) {
	e := &OutcomeUnknownError{TR: "kt10000", Err: io.ErrUnexpectedEOF}
	for _, want := range []string{"ka10075", "ka10076", "UnfilledOrders", "FilledOrders", "before sending it again"} {
		if !strings.Contains(e.Error(), want) {
			t.Errorf("%q does not mention %q", e.Error(), want)
		}
	}
}
