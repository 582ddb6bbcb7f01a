package kiwoomtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// clock is a settable clock for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2024, 11, 7, 8, 37, 13, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// answer is a decoded raw response.
type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func (a answer) code() int {
	f, _ := a.body["return_code"].(float64)
	return int(f)
}

func (a answer) msg() string {
	s, _ := a.body["return_msg"].(string)
	return s
}

// post sends a raw request to the handler (no listener) and decodes the answer.
func post(t *testing.T, h http.Handler, path string, hdr map[string]string, body string) answer {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	// Canonicalise the header keys, as a client reading the wire does.
	a := answer{status: rec.Code, header: http.Header{}, raw: rec.Body.String()}
	for k, v := range rec.Header() {
		a.header[http.CanonicalHeaderKey(k)] = v
	}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &a.body); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, rec.Body)
		}
	}
	return a
}

// want checks the envelope of an answer: HTTP 200, the return code and the exact
// return_msg.
func want(t *testing.T, a answer, code int, msg string) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("HTTP %d, want 200: %s", a.status, a.raw)
	}
	if a.code() != code || a.msg() != msg {
		t.Errorf("got return_code %d %q\nwant return_code %d %q", a.code(), a.msg(), code, msg)
	}
}

func newHandler(t *testing.T, opts ...kiwoomtest.Option) *kiwoomtest.Handler {
	t.Helper()
	h, err := kiwoomtest.NewHandler(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func bearer(h *kiwoomtest.Handler) map[string]string {
	tok, _ := h.NewToken()
	return map[string]string{"authorization": "Bearer " + tok}
}

func with(hdr map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range hdr {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func TestIssueToken(t *testing.T) {
	clk := newClock()
	h := newHandler(t, kiwoomtest.WithClock(clk.Now), kiwoomtest.WithTokenLifetime(2*time.Hour),
		kiwoomtest.WithCredentials("my-app", "my-secret"))
	a := post(t, h, "/oauth2/token", nil, `{"grant_type":"client_credentials","appkey":"my-app","secretkey":"my-secret"}`)
	want(t, a, 0, "정상적으로 처리되었습니다")
	// 08:37:13 UTC + 2h = 10:37:13 UTC = 19:37:13 KST.
	if got := a.body["expires_dt"]; got != "20241107193713" {
		t.Errorf("expires_dt = %v, want 20241107193713 (KST)", got)
	}
	if a.body["token_type"] != "bearer" || a.body["token"] == "" {
		t.Errorf("token_type/token = %v / %v", a.body["token_type"], a.body["token"])
	}
	tok := a.body["token"].(string)
	call := post(t, h, "/api/dostk/stkinfo", map[string]string{"api-id": "ka10001", "authorization": "Bearer " + tok}, `{"stk_cd":"005930"}`)
	want(t, call, 0, "정상적으로 처리되었습니다")

	// The token expires after its lifetime.
	clk.Advance(2 * time.Hour)
	call = post(t, h, "/api/dostk/stkinfo", map[string]string{"api-id": "ka10001", "authorization": "Bearer " + tok}, `{"stk_cd":"005930"}`)
	want(t, call, 3, "인증에 실패했습니다[8005:Token이 유효하지 않습니다]")
}

func TestIssueTokenErrors(t *testing.T) {
	h := newHandler(t)
	for _, tc := range []struct {
		name, body string
		code       int
		msg        string
	}{
		{"wrong keys", `{"grant_type":"client_credentials","appkey":"x","secretkey":"y"}`, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]"},
		{"wrong secret", `{"grant_type":"client_credentials","appkey":"` + kiwoomtest.DefaultAppKey + `","secretkey":"y"}`, 3, "인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]"},
		{"no grant_type", `{"appkey":"x","secretkey":"y"}`, 2, "입력 값 오류입니다[8011:Access Token을 발급하는데 실패했습니다. 입력값에 grant_type이 들어오지 않았습니다]"},
		{"wrong grant_type", `{"grant_type":"password","appkey":"x","secretkey":"y"}`, 2, "입력 값 오류입니다[8012:Access Token을 발급하는데 실패했습니다. grant_type의 값이 맞지 않습니다]"},
		{"no secretkey", `{"grant_type":"client_credentials","appkey":"x"}`, 2, "입력 값 오류입니다[8020:입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다.]"},
		{"not JSON", `grant_type=client_credentials`, 2, "입력 값 오류입니다[8009:Access Token을 발급하는데 실패했습니다. 실패사유=요청 본문이 JSON 객체가 아닙니다]"},
		{"wrong api-id", "", 2, "입력 값 오류입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. API ID=ka10001, URI=/oauth2/token]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hdr map[string]string
			if tc.name == "wrong api-id" {
				hdr = map[string]string{"api-id": "ka10001"}
			}
			want(t, post(t, h, "/oauth2/token", hdr, tc.body), tc.code, tc.msg)
		})
	}
}

func TestRevokeToken(t *testing.T) {
	h := newHandler(t)
	tok, _ := h.NewToken()
	keys := `"appkey":"` + kiwoomtest.DefaultAppKey + `","secretkey":"` + kiwoomtest.DefaultSecretKey + `"`

	want(t, post(t, h, "/oauth2/revoke", nil, `{`+keys+`}`), 2,
		"입력 값 오류입니다[8016:Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다]")
	want(t, post(t, h, "/oauth2/revoke", nil, `{"appkey":"x","secretkey":"y","token":"`+tok+`"}`), 3,
		"인증에 실패했습니다[8001:App Key와 Secret Key 검증에 실패했습니다]")
	want(t, post(t, h, "/oauth2/revoke", nil, `{`+keys+`,"token":"`+tok+`"}`), 0, "정상적으로 처리되었습니다")
	// A revoked token no longer works, and cannot be revoked twice.
	want(t, post(t, h, "/api/dostk/stkinfo", map[string]string{"api-id": "ka10001", "authorization": "Bearer " + tok}, `{"stk_cd":"005930"}`),
		3, "인증에 실패했습니다[8005:Token이 유효하지 않습니다]")
	want(t, post(t, h, "/oauth2/revoke", nil, `{`+keys+`,"token":"`+tok+`"}`), 3,
		"인증에 실패했습니다[8015:Access Token을 폐기하는데 실패했습니다. 실패사유=유효하지 않은 Token입니다]")
}

func TestAuthorizationHeader(t *testing.T) {
	h := newHandler(t)
	for _, tc := range []struct {
		name, auth string
		msg        string
	}{
		{"missing", "", "인증에 실패했습니다[1513:Http Header에 authorization 필드가 설정되어 있어야 합니다]"},
		{"no scheme", "abcdef", "인증에 실패했습니다[1514:입력으로 들어온 Http Header의 authorization 필드 형식이 맞지 않습니다]"},
		{"two tokens", "Bearer abc def", "인증에 실패했습니다[1514:입력으로 들어온 Http Header의 authorization 필드 형식이 맞지 않습니다]"},
		{"basic", "Basic abcdef", "인증에 실패했습니다[1515:Http Header의 authorization 필드 내 Grant Type이 미리 정의된 형식이 아닙니다]"},
		{"no token", "Bearer", "인증에 실패했습니다[1516:Http Header의 authorization 필드 내 Token이 정의되어 있지 않습니다]"},
		{"unknown token", "Bearer not-a-token", "인증에 실패했습니다[8005:Token이 유효하지 않습니다]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{"api-id": "ka10001"}
			if tc.auth != "" {
				hdr["authorization"] = tc.auth
			}
			a := post(t, h, "/api/dostk/stkinfo", hdr, `{"stk_cd":"005930"}`)
			want(t, a, 3, tc.msg)
			if got := a.header.Get("api-id"); got != "ka10001" {
				t.Errorf("api-id header = %q", got)
			}
		})
	}
	// The scheme is case-insensitive, as the official client's lower-case token_type suggests.
	tok, _ := h.NewToken()
	want(t, post(t, h, "/api/dostk/stkinfo", map[string]string{"api-id": "ka10001", "authorization": "bearer " + tok}, `{"stk_cd":"005930"}`),
		0, "정상적으로 처리되었습니다")
}

func TestDispatch(t *testing.T) {
	h := newHandler(t)
	auth := bearer(h)
	for _, tc := range []struct {
		name, path, apiID string
		code              int
		msg               string
	}{
		{"no api-id", "/api/dostk/stkinfo", "", 2, "입력 값 오류입니다[1501:API ID가 Null이거나 값이 없습니다]"},
		{"wrong URI", "/api/dostk/stkinfo", "ka10081", 2, "입력 값 오류입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. API ID=ka10081, URI=/api/dostk/stkinfo]"},
		{"wrong URI family", "/api/dostk/acnt", "ka10001", 2, "입력 값 오류입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. API ID=ka10001, URI=/api/dostk/acnt]"},
		{"token api-id on a TR URI", "/api/dostk/stkinfo", "au10001", 2, "입력 값 오류입니다[1504:해당 URI에서는 지원하는 API ID가 아닙니다. API ID=au10001, URI=/api/dostk/stkinfo]"},
		{"unknown api-id", "/api/dostk/stkinfo", "ka99999", 2, "입력 값 오류입니다[1505:해당 API ID는 존재하지 않습니다. API ID=ka99999]"},
		{"api-id not served", "/api/dostk/acnt", "kt00099", 2, "입력 값 오류입니다[1505:해당 API ID는 존재하지 않습니다. API ID=kt00099]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := with(auth)
			if tc.apiID != "" {
				hdr["api-id"] = tc.apiID
			}
			want(t, post(t, h, tc.path, hdr, `{"stk_cd":"005930"}`), tc.code, tc.msg)
		})
	}
	// api-id problems come before the token check.
	want(t, post(t, h, "/api/dostk/stkinfo", nil, `{}`), 2, "입력 값 오류입니다[1501:API ID가 Null이거나 값이 없습니다]")

	if a := post(t, h, "/api/nowhere", with(auth, "api-id", "ka10001"), `{}`); a.status != http.StatusNotFound {
		t.Errorf("unknown path: HTTP %d, want 404", a.status)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/dostk/stkinfo", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d, want 405", rec.Code)
	}
}

func TestValidation(t *testing.T) {
	h := newHandler(t, kiwoomtest.WithStockCodes("000270"))
	auth := bearer(h)
	chart := with(auth, "api-id", "ka10081")
	for _, tc := range []struct {
		name, body string
		code       int
		msg        string
	}{
		{"missing required", `{"stk_cd":"005930","upd_stkpc_tp":"1"}`, 2,
			"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터=base_dt]"},
		{"empty required", `{"stk_cd":"005930","base_dt":"","upd_stkpc_tp":"1"}`, 2,
			"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터=base_dt]"},
		{"null required", `{"stk_cd":null,"base_dt":"20241107","upd_stkpc_tp":"1"}`, 2,
			"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터=stk_cd]"},
		{"enum", `{"stk_cd":"005930","base_dt":"20241107","upd_stkpc_tp":"2"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=upd_stkpc_tp 실패사유= "2"은(는) 허용된 값이 아닙니다 (허용 값: 0:수정주가 미적용, 1:수정주가 적용)]`},
		{"not a date", `{"stk_cd":"005930","base_dt":"2024-11-07","upd_stkpc_tp":"1"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=base_dt 실패사유= 길이가 10바이트로 최대 길이 8바이트를 넘습니다]`},
		{"impossible date", `{"stk_cd":"005930","base_dt":"20240230","upd_stkpc_tp":"1"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=base_dt 실패사유= "20240230"은(는) YYYYMMDD 형식의 올바른 날짜가 아닙니다]`},
		{"short date", `{"stk_cd":"005930","base_dt":"202411","upd_stkpc_tp":"1"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=base_dt 실패사유= "202411"은(는) YYYYMMDD 형식의 날짜가 아닙니다]`},
		{"too long", `{"stk_cd":"005930005930005930005930X","base_dt":"20241107","upd_stkpc_tp":"1"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=stk_cd 실패사유= 길이가 25바이트로 최대 길이 20바이트를 넘습니다]`},
		{"number", `{"stk_cd":"005930","base_dt":20241107,"upd_stkpc_tp":"1"}`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=base_dt 실패사유= 문자열이어야 합니다]`},
		{"not an object", `["005930"]`, 2,
			`입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=body 실패사유= 요청 본문이 JSON 객체가 아닙니다]`},
		{"unknown stock", `{"stk_cd":"999999","base_dt":"20241107","upd_stkpc_tp":"1"}`, 7,
			"서비스를 처리하는 중에 오류가 발생했습니다[1902:종목 정보가 없습니다. 입력한 종목코드 값을 확인바랍니다. 종목코드=999999]"},
		{"unknown stock on NXT", `{"stk_cd":"999999_NX","base_dt":"20241107","upd_stkpc_tp":"1"}`, 7,
			"서비스를 처리하는 중에 오류가 발생했습니다[1902:종목 정보가 없습니다. 입력한 종목코드 값을 확인바랍니다. 종목코드=999999_NX]"},
		{"ok", `{"stk_cd":"005930","base_dt":"20241107","upd_stkpc_tp":"1"}`, 0, "정상적으로 처리되었습니다"},
		{"ok on NXT", `{"stk_cd":"005930_NX","base_dt":"20241107","upd_stkpc_tp":"1"}`, 0, "정상적으로 처리되었습니다"},
		{"configured stock", `{"stk_cd":"000270","base_dt":"20241107","upd_stkpc_tp":"1"}`, 0, "정상적으로 처리되었습니다"},
		{"unknown field ignored", `{"stk_cd":"005930","base_dt":"20241107","upd_stkpc_tp":"1","extra":"x"}`, 0, "정상적으로 처리되었습니다"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want(t, post(t, h, "/api/dostk/chart", chart, tc.body), tc.code, tc.msg)
		})
	}
	// An empty body is an empty object: the first required field is missing.
	want(t, post(t, h, "/api/dostk/stkinfo", with(auth, "api-id", "ka10001"), ``), 2,
		"입력 값 오류입니다[1511:필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터=stk_cd]")

	// Numeric fields parse as their value types; quantities and prices are not
	// negative, and a request price carries no direction sign.
	order := with(auth, "api-id", "kt10000")
	for _, tc := range []struct{ name, field, value, reason string }{
		{"negative quantity", "ord_qty", "-10", `"-10"은(는) 음수일 수 없습니다`},
		{"double-minus quantity", "ord_qty", "--10", `"--10"은(는) 음수일 수 없습니다`},
		{"quantity not a number", "ord_qty", "abc", `"abc"은(는) 정수가 아닙니다`},
		{"fractional quantity", "ord_qty", "1.5", `"1.5"은(는) 정수가 아닙니다`},
		{"signed price", "ord_uv", "+70000", `"+70000"은(는) 부호 없는 가격이어야 합니다`},
		{"negative price", "ord_uv", "-70000", `"-70000"은(는) 부호 없는 가격이어야 합니다`},
		{"price not a number", "ord_uv", "7만", `"7만"은(는) 가격(정수)이 아닙니다`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := map[string]string{"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "trde_tp": "0", "ord_uv": "70000"}
			body[tc.field] = tc.value
			b, _ := json.Marshal(body)
			want(t, post(t, h, "/api/dostk/ordr", order, string(b)), 2,
				"입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터="+tc.field+" 실패사유= "+tc.reason+"]")
		})
	}
	for _, body := range []string{
		`{"dmst_stex_tp":"KRX","stk_cd":"005930","ord_qty":"10","trde_tp":"0","ord_uv":"70000"}`,
		`{"dmst_stex_tp":"KRX","stk_cd":"005930","ord_qty":"0000000010","trde_tp":"0","ord_uv":"0070000"}`,
		`{"dmst_stex_tp":"KRX","stk_cd":"005930","ord_qty":"1","trde_tp":"3"}`,
	} {
		want(t, post(t, h, "/api/dostk/ordr", order, body), 0, "매수주문이 완료되었습니다.")
	}

	strict := newHandler(t, kiwoomtest.WithStrictFields())
	want(t, post(t, strict, "/api/dostk/stkinfo", with(bearer(strict), "api-id", "ka10001"), `{"stk_cd":"005930","extra":"x"}`), 2,
		"입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=extra 실패사유= 정의되지 않은 파라미터입니다]")
}

func TestStockCodesFromFixtures(t *testing.T) {
	h := newHandler(t)
	// 005930 is in the requests; the ka10099 list names other listed stocks.
	for _, code := range []string{"005930", "005930_AL", "A005930"} {
		if !h.KnowsStock(code) {
			t.Errorf("KnowsStock(%q) = false", code)
		}
	}
	if h.KnowsStock("999999") {
		t.Error("KnowsStock(999999) = true")
	}
}

func TestResponseHeaders(t *testing.T) {
	h := newHandler(t)
	a := post(t, h, "/api/dostk/stkinfo", with(bearer(h), "api-id", "ka10001", "cont-yn", "N", "next-key", ""), `{"stk_cd":"005930"}`)
	want(t, a, 0, "정상적으로 처리되었습니다")
	for k, v := range map[string]string{"api-id": "ka10001", "cont-yn": "N", "next-key": ""} {
		got, ok := a.header[http.CanonicalHeaderKey(k)]
		if !ok || len(got) != 1 || got[0] != v {
			t.Errorf("header %s = %q (present %v), want %q", k, got, ok, v)
		}
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json;charset=UTF-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if a.body["stk_nm"] == "" || a.body["stk_cd"] != "005930" {
		t.Errorf("body = %v", a.body)
	}
}

func TestPagingRaw(t *testing.T) {
	h := newHandler(t, kiwoomtest.WithPageSize(2))
	hdr := with(bearer(h), "api-id", "ka10081")
	body := `{"stk_cd":"005930","base_dt":"20250908","upd_stkpc_tp":"1"}`
	first := post(t, h, "/api/dostk/chart", hdr, body)
	want(t, first, 0, "정상적으로 처리되었습니다")
	rows := func(a answer) int { l, _ := a.body["stk_dt_pole_chart_qry"].([]any); return len(l) }
	key := first.header.Get("next-key")
	if first.header.Get("cont-yn") != "Y" || key == "" || rows(first) != 2 {
		t.Fatalf("first page: cont-yn %q next-key %q rows %d", first.header.Get("cont-yn"), key, rows(first))
	}
	if first.body["stk_cd"] != "005930" {
		t.Errorf("page lost the non-list fields: %v", first.body)
	}
	// The key is deterministic.
	if again := post(t, h, "/api/dostk/chart", hdr, body); again.header.Get("next-key") != key {
		t.Errorf("next-key changed: %q then %q", key, again.header.Get("next-key"))
	}
	second := post(t, h, "/api/dostk/chart", with(hdr, "cont-yn", "Y", "next-key", key), body)
	want(t, second, 0, "정상적으로 처리되었습니다")
	if second.header.Get("cont-yn") != "N" || second.header.Get("next-key") != "" || rows(second) != 1 {
		t.Errorf("last page: cont-yn %q next-key %q rows %d", second.header.Get("cont-yn"), second.header.Get("next-key"), rows(second))
	}
	badKey := "입력 값 오류입니다[1517:입력 값 형식이 올바르지 않습니다. 파라미터=next-key 실패사유= 연속조회키가 올바르지 않습니다]"
	want(t, post(t, h, "/api/dostk/chart", with(hdr, "cont-yn", "Y", "next-key", "garbage"), body), 2, badKey)
	want(t, post(t, h, "/api/dostk/chart", with(hdr, "cont-yn", "Y", "next-key", ""), body), 2, badKey)
	// A key only continues the request that received it.
	other := `{"stk_cd":"005930","base_dt":"20250905","upd_stkpc_tp":"1"}`
	want(t, post(t, h, "/api/dostk/chart", with(hdr, "cont-yn", "Y", "next-key", key), other), 2, badKey)
	// cont-yn N starts over whatever next-key says.
	if a := post(t, h, "/api/dostk/chart", with(hdr, "cont-yn", "N", "next-key", "garbage"), body); rows(a) != 2 {
		t.Errorf("cont-yn N: %d rows", rows(a))
	}
}

func TestPagingWithClient(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	c := chart.New(srv.Client())
	req := &chart.StockDailyRequest{StockCode: "005930", BaseDate: kiwoom.NewDate(2025, 9, 8), AdjustedStockPriceType: chart.PriceAdjustment("1")}
	var dates []string
	for row, err := range c.StockDailyRows(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		dates = append(dates, row.Date.String())
	}
	if want := []string{"20250908", "20250905", "20250904"}; strings.Join(dates, ",") != strings.Join(want, ",") {
		t.Errorf("rows %v, want %v", dates, want)
	}
	if n := srv.Requests("ka10081"); n != 3 {
		t.Errorf("%d ka10081 requests, want 3 (one per page)", n)
	}
	// A single page with its Meta.
	resp, err := c.StockDaily(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Meta.HasNext() || resp.Meta.APIID != "ka10081" || len(resp.Rows) != 1 {
		t.Errorf("meta %+v, %d rows", resp.Meta, len(resp.Rows))
	}
	if _, err := c.StockDaily(context.Background(), req, kiwoom.WithNextKey("0000000001deadbeefdeadbeef")); !errors.Is(err, kiwoom.ErrBadInput) {
		t.Errorf("wrong next-key: err = %v, want ErrBadInput", err)
	}
}

func TestClientErrors(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	bad, err := kiwoom.New("x", "y", kiwoom.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = stockinfo.New(bad).BasicInfo(ctx, &stockinfo.BasicInfoRequest{StockCode: "005930"})
	var apiErr *kiwoom.APIError
	if !errors.As(err, &apiErr) || apiErr.ReturnCode != 3 || apiErr.DetailCode != 8001 || !errors.Is(err, kiwoom.ErrInvalidCredentials) {
		t.Errorf("wrong keys: %v", err)
	}
	_, err = stockinfo.New(srv.Client()).BasicInfo(ctx, &stockinfo.BasicInfoRequest{StockCode: "123456"})
	if !errors.As(err, &apiErr) || apiErr.DetailCode != 1902 || !errors.Is(err, kiwoom.ErrUnknownStock) {
		t.Errorf("unknown stock: %v", err)
	}
}

func TestWithFixtures(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithFixtures(os.DirFS("testdata/fixtures")), kiwoomtest.WithPageSize(3))
	defer srv.Close()
	c := srv.Client()
	req := &chart.StockDailyRequest{StockCode: "005930", BaseDate: kiwoom.NewDate(2024, 11, 20), AdjustedStockPriceType: "1"}
	n := 0
	for _, err := range chart.New(c).StockDailyRows(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 7 {
		t.Errorf("%d rows, want the fixture's 7", n)
	}
	// A TR without a fixture in the directory.
	_, err := stockinfo.New(c).Lookup(context.Background(), &stockinfo.LookupRequest{StockCode: "005930"})
	var apiErr *kiwoom.APIError
	if !errors.As(err, &apiErr) || apiErr.DetailCode != 1999 || !strings.Contains(apiErr.Message, "ka10100/response.json") {
		t.Errorf("missing fixture: %v", err)
	}
	if _, err := kiwoomtest.NewHandler(kiwoomtest.WithFixtures(os.DirFS("testdata/broken"))); err == nil {
		t.Error("a broken fixture did not fail NewHandler")
	}
}

func TestRateLimit(t *testing.T) {
	clk := newClock()
	h := newHandler(t, kiwoomtest.WithClock(clk.Now), kiwoomtest.WithRateLimit(2, time.Second),
		kiwoomtest.WithCredentials("app-1", "secret-1"), kiwoomtest.WithCredentials("app-2", "secret-2"))
	tok1, _ := h.NewToken()
	issue := post(t, h, "/oauth2/token", nil, `{"grant_type":"client_credentials","appkey":"app-2","secretkey":"secret-2"}`)
	tok2 := issue.body["token"].(string)
	call := func(tok string) answer {
		return post(t, h, "/api/dostk/stkinfo", map[string]string{"api-id": "ka10001", "authorization": "Bearer " + tok}, `{"stk_cd":"005930"}`)
	}
	want(t, call(tok1), 0, "정상적으로 처리되었습니다")
	want(t, call(tok1), 0, "정상적으로 처리되었습니다")
	want(t, call(tok1), 5, "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10001]")
	// Another app key has its own limit.
	want(t, call(tok2), 0, "정상적으로 처리되었습니다")
	clk.Advance(time.Second)
	want(t, call(tok1), 0, "정상적으로 처리되었습니다")

	// Through the client: ErrRateLimited.
	srv := kiwoomtest.NewServer(kiwoomtest.WithClock(clk.Now), kiwoomtest.WithRateLimit(1, time.Hour))
	defer srv.Close()
	c := srv.Client()
	req := &stockinfo.BasicInfoRequest{StockCode: "005930"}
	if _, err := stockinfo.New(c).BasicInfo(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), req); !errors.Is(err, kiwoom.ErrRateLimited) {
		t.Errorf("second call: %v, want ErrRateLimited", err)
	}
}

// rawServer is a listening server and a plain HTTP request to it.
func rawCall(t *testing.T, srv *kiwoomtest.Server, apiID string) (*http.Response, []byte, error) {
	t.Helper()
	tok, _ := srv.NewToken()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/dostk/stkinfo", strings.NewReader(`{"stk_cd":"005930"}`))
	req.Header.Set("api-id", apiID)
	req.Header.Set("authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// noRetry switches the client's retries off, so that a test sees the first failure.
var noRetry = kiwoom.WithRetry(kiwoom.RetryPolicy{MaxAttempts: 1})

func TestFaults(t *testing.T) {
	t.Run("status", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultStatus, Status: 502, Times: 1}))
		defer srv.Close()
		resp, _, err := rawCall(t, srv, "ka10001")
		if err != nil || resp.StatusCode != 502 {
			t.Fatalf("first call: %v %v", resp, err)
		}
		if resp, body, err := rawCall(t, srv, "ka10001"); err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"return_code":0`)) {
			t.Errorf("second call not healed: %v %s", err, body)
		}
	})
	t.Run("status default 503, every request, through the client", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultStatus}))
		defer srv.Close()
		_, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
		var apiErr *kiwoom.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 503 {
			t.Errorf("err = %v, want an APIError with HTTP 503", err)
		}
	})
	t.Run("other TRs unaffected", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10081", Kind: kiwoomtest.FaultStatus}))
		defer srv.Close()
		if _, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"}); err != nil {
			t.Error(err)
		}
	})
	t.Run("non-JSON", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultNonJSON}))
		defer srv.Close()
		resp, body, err := rawCall(t, srv, "ka10001")
		if err != nil || resp.StatusCode != 200 || json.Valid(body) {
			t.Fatalf("%v %s", err, body)
		}
		_, err = stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
		var de *kiwoom.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("err = %v, want a DecodeError", err)
		}
	})
	t.Run("drop", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{Kind: kiwoomtest.FaultDrop}))
		defer srv.Close()
		if _, _, err := rawCall(t, srv, "ka10001"); err == nil {
			t.Fatal("dropped connection: no error")
		}
		_, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
		var op *kiwoom.OpError
		if !errors.As(err, &op) {
			t.Errorf("err = %v, want an OpError", err)
		}
	})
	t.Run("truncate", func(t *testing.T) {
		srv := kiwoomtest.NewServer()
		defer srv.Close()
		srv.InjectFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultTruncate, Times: 1})
		resp, body, err := rawCall(t, srv, "ka10001")
		if err == nil || resp.ContentLength <= int64(len(body)) {
			t.Fatalf("truncated body: err %v, Content-Length %d, read %d", err, resp.ContentLength, len(body))
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("err = %v, want unexpected EOF", err)
		}
		srv.InjectFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultTruncate})
		_, err = stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
		var op *kiwoom.OpError
		if !errors.As(err, &op) {
			t.Errorf("err = %v, want an OpError", err)
		}
		srv.ClearFaults()
		if _, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"}); err != nil {
			t.Errorf("after ClearFaults: %v", err)
		}
	})
	t.Run("latency", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Latency: 50 * time.Millisecond, Times: 1}))
		defer srv.Close()
		start := time.Now()
		if _, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"}); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 50*time.Millisecond {
			t.Errorf("answered after %v, want at least 50ms", d)
		}
		srv.InjectFault(kiwoomtest.Fault{TR: "ka10001", Latency: time.Hour})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if _, err := stockinfo.New(srv.Client()).BasicInfo(ctx, &stockinfo.BasicInfoRequest{StockCode: "005930"}); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want a deadline", err)
		}
	})
	t.Run("token endpoint", func(t *testing.T) {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "au10001", Kind: kiwoomtest.FaultStatus, Status: 500}))
		defer srv.Close()
		_, err := stockinfo.New(srv.Client(noRetry)).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
		var apiErr *kiwoom.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 500 || apiErr.TR != "au10001" {
			t.Errorf("err = %v, want au10001 HTTP 500", err)
		}
	})
}

func TestFaultKindString(t *testing.T) {
	for k, s := range map[kiwoomtest.FaultKind]string{kiwoomtest.FaultNone: "none", kiwoomtest.FaultTruncate: "truncate", 99: "FaultKind(99)"} {
		if k.String() != s {
			t.Errorf("%d.String() = %q", int(k), k.String())
		}
	}
}

func TestOptionErrors(t *testing.T) {
	for name, o := range map[string]kiwoomtest.Option{
		"credentials": kiwoomtest.WithCredentials("", "x"),
		"clock":       kiwoomtest.WithClock(nil),
		"lifetime":    kiwoomtest.WithTokenLifetime(0),
		"fixtures":    kiwoomtest.WithFixtures(nil),
		"page size":   kiwoomtest.WithPageSize(0),
		"rate":        kiwoomtest.WithRateLimit(0, time.Second),
	} {
		if _, err := kiwoomtest.NewHandler(o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewServer with a bad option did not panic")
		}
	}()
	kiwoomtest.NewServer(kiwoomtest.WithPageSize(-1))
}

func TestWireHeaderCase(t *testing.T) {
	h := newHandler(t)
	req := httptest.NewRequest(http.MethodPost, "/api/dostk/stkinfo", strings.NewReader(`{"stk_cd":"005930"}`))
	req.Header.Set("api-id", "ka10001")
	req.Header.Set("authorization", bearer(h)["authorization"])
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	// Kiwoom's headers are written in lower case, as its documentation spells them.
	for _, k := range []string{"api-id", "cont-yn", "next-key"} {
		if _, ok := rec.Header()[k]; !ok {
			t.Errorf("header %q not written in lower case: %v", k, rec.Header())
		}
	}
}

func TestLogger(t *testing.T) {
	var buf bytes.Buffer
	h := newHandler(t, kiwoomtest.WithLogger(slog.New(slog.NewTextHandler(&buf, nil))))
	post(t, h, "/api/dostk/stkinfo", with(bearer(h), "api-id", "ka10001"), `{"stk_cd":"999999"}`)
	if s := buf.String(); !strings.Contains(s, "api_id=ka10001") || !strings.Contains(s, "return_code=7") || !strings.Contains(s, "detail=1902") {
		t.Errorf("log: %s", s)
	}
	if strings.Contains(buf.String(), "Bearer") {
		t.Error("the log shows the token")
	}
}

// TestRequestsBounded counts only catalogue api-ids: junk ids share one bucket
// (""), so a client cannot grow the handler's memory without bound.
func TestRequestsBounded(t *testing.T) {
	h := newHandler(t)
	auth := bearer(h)
	for i := range 50 {
		post(t, h, "/api/dostk/stkinfo", with(auth, "api-id", fmt.Sprintf("junk%d", i)), `{}`)
	}
	post(t, h, "/api/dostk/stkinfo", auth, `{}`)
	post(t, h, "/api/dostk/stkinfo", with(auth, "api-id", "ka10001"), `{"stk_cd":"005930"}`)
	if n := h.Requests("junk7"); n != 0 {
		t.Errorf("Requests(junk7) = %d, want 0 (not counted per id)", n)
	}
	if n := h.Requests(""); n != 51 {
		t.Errorf("Requests(\"\") = %d, want 51 (every unknown or missing api-id)", n)
	}
	if n := h.Requests("ka10001"); n != 1 {
		t.Errorf("Requests(ka10001) = %d, want 1", n)
	}
}
