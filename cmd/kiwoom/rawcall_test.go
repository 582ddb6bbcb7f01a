package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestCallByAPIID sends a TR given only by api-id and path, with field=value
// pairs or --body, through the client (token, api-id header, body) and prints
// the answer as it arrived.
func TestCallByAPIID(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	env := serverEnv(srv)
	r := runArgs(env, "call", "--api-id", "ka10001", "--path", "/api/dostk/stkinfo", "stk_cd=005930")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &body); err != nil || body["stk_nm"] != "삼성전자" || body["cur_prc"] != "+58000" {
		t.Errorf("want the raw answer: %v\n%s", err, r.stdout)
	}
	typed := runArgs(env, "call", "ka10001", "stk_cd=005930", "--raw")
	if typed.stdout != r.stdout {
		t.Errorf("--api-id and --raw of the catalogued TR differ:\n%s\n%s", r.stdout, typed.stdout)
	}
	if n := srv.Requests("ka10001"); n != 2 {
		t.Errorf("%d ka10001 requests, want 2", n)
	}

	// --body, and continuation: the hint's next-key continues.
	args := []string{"call", "--api-id", "ka10081", "--path", "/api/dostk/chart", "--body", `{"stk_cd":"005930","base_dt":"20250908","upd_stkpc_tp":"1"}`}
	r = runArgs(env, args...)
	if r.code != 0 || !strings.Contains(r.stdout, `"dt":"20250908"`) || !strings.Contains(r.stderr, "--next-key ") {
		t.Fatalf("--body: %s", r)
	}
	key := strings.Fields(r.stderr[strings.Index(r.stderr, "--next-key ")+len("--next-key "):])[0]
	r = runArgs(env, append(args, "--next-key", key)...)
	if r.code != 0 || !strings.Contains(r.stdout, `"dt":"20250905"`) {
		t.Errorf("--next-key: %s", r)
	}

	// Kiwoom's answer to a bad request is an API error, as for any call.
	r = runArgs(env, "call", "--api-id", "ka10001", "--path", "/api/dostk/stkinfo", "stk_cd=999999")
	if r.code != exitAPI || !strings.Contains(r.stderr, "1902") {
		t.Errorf("unknown stock: %s", r)
	}
	// A value may come from the environment, as for a catalogued TR.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"call", "--api-id", "ka10001", "--path", "/api/dostk/stkinfo", "stk_cd=@env:CODE"}, `"stk_cd":"005930"`},
	} {
		r := runArgs(append(slices.Clone(env), "CODE=005930"), tc.args...)
		if r.code != 0 || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("%v: %s", tc.args, r)
		}
	}
}

func TestCallByAPIIDUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"call", "--api-id", "ka10001"}, "--path is missing"},
		{[]string{"call", "--path", "/api/dostk/stkinfo"}, "go with --api-id"},
		{[]string{"call", "--api-id", "ka10001", "--path", "api/dostk"}, "want a URL path"},
		{[]string{"call", "--api-id", "ka10001", "--path", "http://evil/x"}, "want a URL path"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "--kind", "auth"}, `--kind "auth"`},
		{[]string{"call", "--api-id", "kt10000", "--path", "/api/dostk/ordr", "--kind", "query"}, "order TR"},
		{[]string{"call", "--api-id", "au10001", "--path", "/oauth2/token"}, "token TRs"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "--body", `{"a":"b"}`, "c=d"}, "not both"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "--body", `[1]`}, "not a JSON object"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "a"}, `"a" is not field=value`},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "a=1", "a=2"}, "given twice"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "a=@env:NOPE"}, "NOPE is not set"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "--all"}, "--all"},
		{[]string{"call", "--api-id", "ka10001", "--path", "/x", "-o", "csv"}, "printed raw"},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, builtinNotice) {
			t.Errorf("%v: want exit 2 and %q before any server starts\n%s", tc.args, tc.want, r)
		}
	}
}

// TestCallByAPIIDOrder: an order-looking id (kt…) or --kind order needs --yes
// for a real host, goes to a local server without it, and is never resent.
func TestCallByAPIIDOrder(t *testing.T) {
	real := []string{"KIWOOM_APPKEY=k", "KIWOOM_SECRETKEY=s", "KIWOOM_ENV=https://api.kiwoom.invalid"}
	order := []string{"call", "--api-id", "kt10000", "--path", "/api/dostk/ordr", "dmst_stex_tp=KRX", "stk_cd=005930", "ord_qty=1", "trde_tp=3"}
	for _, args := range [][]string{
		order,
		{"call", "--api-id", "ka99999", "--path", "/api/dostk/ordr", "--kind", "order"},
		{"call", "--api-id", "KT10099", "--path", "/api/dostk/ordr"},
	} {
		r := runArgs(real, args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "add --yes") || !strings.Contains(r.stderr, "api.kiwoom.invalid") {
			t.Errorf("%v to a real host without --yes: %s", args, r)
		}
	}
	// With --yes the guard lets it through (the cancelled context stops the
	// call before anything leaves; TEST-NET-1 has no DNS).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := runContext(ctx, append(slices.Clone(order), "--yes"), []string{"KIWOOM_APPKEY=k", "KIWOOM_SECRETKEY=s", "KIWOOM_ENV=https://192.0.2.1"}, &stdout, &stderr)
	if code != exitNetwork || strings.Contains(stderr.String(), "add --yes") {
		t.Errorf("order with --yes: exit %d\n%s", code, stderr.String())
	}

	// A local server takes the order without --yes.
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	if r := runArgs(serverEnv(srv), order...); r.code != 0 || !strings.Contains(r.stdout, `"ord_no"`) {
		t.Fatalf("order to the local server: %s", r)
	}
	// An order whose connection drops is not resent: its outcome is unknown.
	// (A query is retried; as a query this call would succeed on the resend.)
	srv.InjectFault(kiwoomtest.Fault{TR: "kt10000", Kind: kiwoomtest.FaultDrop, Times: 1})
	r := runArgs(serverEnv(srv), order...)
	if r.code != exitNetwork || !strings.Contains(r.stderr, "outcome unknown") || !strings.Contains(r.stderr, "kiwoom call ka10075") {
		t.Errorf("dropped order: %s", r)
	}
	if n := srv.Requests("kt10000"); n != 2 {
		t.Errorf("%d kt10000 requests, want 2 (the dropped order was resent)", n)
	}
}
