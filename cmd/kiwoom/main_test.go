package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// result is what one run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runArgs(env []string, args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, env, &out, &errb)
	return result{code, out.String(), errb.String()}
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// serverEnv points the command at srv.
func serverEnv(srv *kiwoomtest.Server) []string {
	return []string{"KIWOOM_APPKEY=" + srv.AppKey, "KIWOOM_SECRETKEY=" + srv.SecretKey, "KIWOOM_ENV=" + srv.URL}
}

// goldenArgs builds "field=value" arguments from a TR's golden request.json,
// with the server's credentials and a live token for the token TRs.
func goldenArgs(t *testing.T, srv *kiwoomtest.Server, id string) []string {
	t.Helper()
	b, err := fs.ReadFile(golden.FS(), path.Join(id, "request.json"))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]string
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	if _, ok := body["appkey"]; ok {
		body["appkey"], body["secretkey"] = srv.AppKey, srv.SecretKey
	}
	if _, ok := body["token"]; ok {
		body["token"], _ = srv.NewToken()
	}
	args := []string{"call", id}
	for k, v := range body {
		args = append(args, k+"="+v)
	}
	slices.Sort(args[2:])
	return args
}

// goldenRows is the number of rows in a TR's golden response.
func goldenRows(t *testing.T, tr catalog.TR) int {
	b, err := fs.ReadFile(golden.FS(), path.Join(tr.ID, "response.json"))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	var rows []json.RawMessage
	json.Unmarshal(body[tr.Rows], &rows)
	return len(rows)
}

// TestCallEveryTR calls every TR of the catalogue against the local server, in
// every format, following continuation with a page size of 2.
func TestCallEveryTR(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(2))
	defer srv.Close()
	env := serverEnv(srv)
	// The parallel subtests finish inside this group, before srv closes.
	t.Run("group", func(t *testing.T) { callEveryTR(t, srv, env) })
}

func callEveryTR(t *testing.T, srv *kiwoomtest.Server, env []string) {
	for _, tr := range catalog.TRs() {
		for _, format := range []string{"json", "table", "csv"} {
			t.Run(tr.ID+"/"+format, func(t *testing.T) {
				t.Parallel()
				args := append(goldenArgs(t, srv, tr.ID), "--format", format, "--all")
				r := runArgs(env, args...)
				if r.code != 0 {
					t.Fatalf("%v\n%s", args, r)
				}
				if r.stderr != "" {
					t.Errorf("stderr not empty: %s", r.stderr)
				}
				checkOutput(t, tr, format, r.stdout)
			})
		}
	}
}

// checkOutput checks one call's output for its format.
func checkOutput(t *testing.T, tr catalog.TR, format, out string) {
	t.Helper()
	wantRows := 0
	if tr.Rows != "" {
		wantRows = goldenRows(t, tr)
	}
	switch format {
	case "json":
		var body map[string]any
		if err := json.Unmarshal([]byte(out), &body); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if body["return_code"] != float64(0) {
			t.Errorf("return_code = %v", body["return_code"])
		}
		for _, f := range tr.Response {
			if _, ok := body[f.Name]; !ok {
				t.Errorf("field %s missing", f.Name)
			}
		}
		if tr.Rows != "" {
			if rows, _ := body[tr.Rows].([]any); len(rows) != wantRows {
				t.Errorf("%d rows, want %d (all pages)", len(rows), wantRows)
			}
		}
	case "csv":
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, out)
		}
		if tr.Rows != "" {
			rf := tr.Field(false, tr.Rows)
			if len(recs) != wantRows+1 || recs[0][0] != rf.Fields[0].Name {
				t.Errorf("%d records (header %v), want header + %d rows", len(recs), recs[0], wantRows)
			}
		} else if len(tr.Response) == 0 {
			if len(recs) != 2 || recs[0][0] != "return_code" || recs[1][0] != "0" {
				t.Errorf("want the envelope as header + one line:\n%s", out)
			}
		} else if len(recs) != 2 || recs[0][0] != tr.Response[0].Name {
			// A single-record answer is one header row and one value row.
			t.Errorf("%d records (header %v), want a header starting with %s + one line", len(recs), recs[0], tr.Response[0].Name)
		}
	case "table":
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if tr.Rows != "" {
			rf := tr.Field(false, tr.Rows)
			header := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), rf.Fields[0].Title) })
			if header < 0 || len(lines)-header-1 != wantRows {
				t.Errorf("want a header with %q and %d rows:\n%s", rf.Fields[0].Title, wantRows, out)
			}
		} else if !strings.HasPrefix(lines[0], "항목") || len(lines) != len(tr.Response)+1 {
			t.Errorf("want a field/value table of %d fields:\n%s", len(tr.Response), out)
		}
	}
}

func TestCallBuiltinServer(t *testing.T) {
	r := runArgs(nil, "call", "ka10001", "stk_cd=005930")
	if r.code != 0 || !strings.Contains(r.stderr, builtinNotice) {
		t.Fatal(r)
	}
	if !strings.Contains(r.stdout, "삼성전자") || !strings.Contains(r.stdout, "종목명") {
		t.Errorf("table lacks the stock name or the Korean title:\n%s", r.stdout)
	}
}

// TestEnvWithoutAppKey refuses to fall back to fixture data when KIWOOM_ENV names
// a server but KIWOOM_APPKEY is missing: the user forgot the key.
func TestEnvWithoutAppKey(t *testing.T) {
	for _, env := range [][]string{
		{"KIWOOM_ENV=production"},
		{"KIWOOM_ENV=paper", "KIWOOM_SECRETKEY=s"},
		{"KIWOOM_ENV=http://127.0.0.1:1", "KIWOOM_APPKEY=  "},
		{"KIWOOM_SECRETKEY=s"},
	} {
		r := runArgs(env, "call", "kt10000", "dmst_stex_tp=KRX", "stk_cd=005930", "ord_qty=1", "trde_tp=3", "--yes")
		if r.code != exitUsage || !strings.Contains(r.stderr, "KIWOOM_APPKEY") || strings.Contains(r.stderr, builtinNotice) {
			t.Errorf("env %v: want exit 2 naming KIWOOM_APPKEY\n%s", env, r)
		}
		if strings.Contains(r.stdout, "ord_no") || strings.Contains(r.stdout, "주문번호") {
			t.Errorf("env %v: printed a fixture order:\n%s", env, r)
		}
	}
	// An empty KIWOOM_ENV is unset.
	if r := runArgs([]string{"KIWOOM_ENV="}, "call", "ka10001", "stk_cd=005930"); r.code != 0 || !strings.Contains(r.stderr, builtinNotice) {
		t.Errorf("empty KIWOOM_ENV: %s", r)
	}
}

func TestTableAlignment(t *testing.T) {
	r := runArgs(nil, "call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1")
	if r.code != 0 {
		t.Fatal(r)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	// The last three lines are the header and rows of the chart: every one has the
	// same display width when Korean counts double.
	table := lines[len(lines)-4:]
	for _, l := range table {
		if width(l) != width(table[1]) && !strings.HasSuffix(l, "거래회전율") {
			t.Errorf("misaligned:\n%s", strings.Join(table, "\n"))
			break
		}
	}
	// The column of 거래량 ends at the same column on every line.
	end := func(l, cell string) int { i := strings.Index(l, cell); return width(l[:i]) + width(cell) }
	if end(table[0], "거래량") != end(table[1], "14325687") {
		t.Errorf("거래량 column misaligned:\n%s", strings.Join(table, "\n"))
	}
}

func TestWidth(t *testing.T) {
	for s, w := range map[string]int{"abc": 3, "삼성전자": 8, "SK하이닉스": 10, "ｆｕｌｌ": 8, "e\u0301": 1, "": 0} {
		if width(s) != w {
			t.Errorf("width(%q) = %d, want %d", s, width(s), w)
		}
	}
}

func TestCallPaging(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	args := []string{"call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1", "--format", "csv"}
	r := runArgs(serverEnv(srv), args...)
	if r.code != 0 || strings.Count(r.stdout, "\n") != 2 || !strings.Contains(r.stderr, "more rows follow") {
		t.Fatalf("one page: %s", r)
	}
	// The hint's next-key continues.
	key := r.stderr[strings.Index(r.stderr, "--next-key ")+len("--next-key "):]
	key = strings.Fields(key)[0]
	r = runArgs(serverEnv(srv), append(args, "--next-key", key)...)
	if r.code != 0 || !strings.Contains(r.stdout, "2025-09-05") {
		t.Fatalf("next page: %s", r)
	}
	r = runArgs(serverEnv(srv), append(args, "--all")...)
	if r.code != 0 || strings.Count(r.stdout, "\n") != 4 || r.stderr != "" {
		t.Fatalf("--all: %s", r)
	}
	if n := srv.Requests("ka10081"); n != 5 {
		t.Errorf("%d requests, want 5", n)
	}
}

func TestList(t *testing.T) {
	r := runArgs(nil, "list")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, tr := range catalog.TRs() {
		if !strings.Contains(r.stdout, tr.ID) || !strings.Contains(r.stdout, tr.Name) {
			t.Errorf("list lacks %s %s", tr.ID, tr.Name)
		}
	}
	if !strings.Contains(r.stdout, "Y (stk_dt_pole_chart_qry)") {
		t.Errorf("list lacks paging:\n%s", r.stdout)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	// The columns of earlier versions keep their order; Go comes before the
	// free-text description.
	if got := strings.Fields(lines[0]); !slices.Equal(got, []string{"TR", "이름", "종류", "연속조회", "경로", "Go", "설명"}) {
		t.Errorf("header %q", got)
	}
	// Every TR's row names its Go package and method, in the Go column.
	goCol := width(lines[0][:strings.Index(lines[0], "Go")])
	for _, tr := range catalog.TRs() {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, tr.ID+" ") })
		if i < 0 {
			t.Errorf("no row for %s", tr.ID)
			continue
		}
		l := lines[i]
		j := strings.Index(l, " "+tr.Method()+" ")
		if j < 0 || width(l[:j+1]) != goCol || !strings.Contains(l, tr.Path) || !strings.Contains(l, string(tr.Kind)) {
			t.Errorf("row of %s lacks %s in the Go column (at %d):\n%s\n%s", tr.ID, tr.Method(), goCol, lines[0], l)
		}
	}
	for id, method := range map[string]string{
		"au10001": "kiwoom.Client.IssueToken",
		"ka10001": "stockinfo.Client.BasicInfo",
		"ka10081": "chart.Client.StockDaily",
		"ka10075": "account.Client.UnfilledOrders",
		"kt10000": "order.Client.Buy",
	} {
		if !regexp.MustCompile(`(?m)^` + id + ` .* ` + regexp.QuoteMeta(method) + ` `).MatchString(r.stdout) {
			t.Errorf("list: %s is not shown as %s", id, method)
		}
	}
}

func TestDescribe(t *testing.T) {
	r := runArgs(nil, "describe", "KA10081")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, s := range []string{"주식일봉차트조회요청", "/api/dostk/chart", "upd_stkpc_tp", "수정주가구분", "0 (수정주가 미적용), 1 (수정주가 적용)",
		"date YYYYMMDD", "백만원", "  trde_tern_rt", "1 (상한가)"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("describe lacks %q:\n%s", s, r.stdout)
		}
	}
	// The first lines keep their place; the Go line follows them.
	lines := strings.Split(r.stdout, "\n")
	for i, want := range []string{
		"ka10081 주식일봉차트조회요청: ",
		"POST /api/dostk/chart · query · continued with cont-yn/next-key, rows in stk_dt_pole_chart_qry",
		"개요: ",
		`Go: chart.Client.StockDaily (import "github.com/kiwoomgo/kiwoom/kiwoom/chart")`,
		"",
		"Request (kiwoom call ka10081 field=value ...):",
	} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
			t.Errorf("describe line %d does not start with %q:\n%s", i+1, want, r.stdout)
		}
	}
	for _, tr := range catalog.TRs() {
		r := runArgs(nil, "describe", tr.ID)
		if r.code != 0 {
			t.Errorf("describe %s: %s", tr.ID, r)
			continue
		}
		want := "\nGo: " + tr.Method() + " (import \"" + tr.Package + "\")\n"
		if !strings.Contains(r.stdout, want) {
			t.Errorf("describe %s lacks %q:\n%s", tr.ID, want, r.stdout)
		}
	}
	if r := runArgs(nil, "describe", "au10001"); !strings.Contains(r.stdout, `Go: kiwoom.Client.IssueToken (import "github.com/kiwoomgo/kiwoom/kiwoom")`) {
		t.Errorf("describe au10001 does not name the core package's method:\n%s", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "Usage:"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"call"}, "which TR?"},
		{[]string{"call", "ka99999"}, `unknown TR "ka99999"`},
		{[]string{"call", "ka10001", "stk_cd"}, `"stk_cd" is not field=value`},
		{[]string{"call", "ka10001", "stock=005930"}, "unknown field \"stock\"\nka10001 request fields:\n  stk_cd (종목코드): code, required, at most 20 bytes"},
		{[]string{"call", "ka10001", "stk_cd=1", "stk_cd=2"}, "given twice"},
		{[]string{"call", "ka10001", "stk_cd=005930", "--format", "xml"}, `--format "xml"`},
		{[]string{"call", "ka10001", "--bogus"}, "flag provided but not defined"},
		{[]string{"describe"}, "usage: kiwoom describe"},
		{[]string{"describe", "nope"}, `unknown TR "nope"`},
		{[]string{"list", "extra"}, "takes no arguments"},
		{[]string{"serve", "--rate", "x"}, "invalid value"},
		{[]string{"serve", "--fixtures", "/nonexistent"}, "is not a directory"},
		{[]string{"serve", "extra"}, "unexpected argument"},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: want exit 2 and %q\n%s", tc.args, tc.want, r)
		}
	}
	// Environment mistakes are usage errors too.
	for _, env := range [][]string{
		{"KIWOOM_APPKEY=a"},
		{"KIWOOM_APPKEY=a", "KIWOOM_SECRETKEY=b"},
		{"KIWOOM_APPKEY=a", "KIWOOM_SECRETKEY=b", "KIWOOM_ENV=prod"},
	} {
		if r := runArgs(env, "call", "ka10001", "stk_cd=005930"); r.code != exitUsage {
			t.Errorf("env %v: %s", env, r)
		}
	}
}

func TestHelp(t *testing.T) {
	// Every help ends with the secrets, the environment and the exit codes.
	common := []string{"2  usage error", "3  validation error", "4  API error", "5  network",
		"=@env:VAR", "KIWOOM_SERVE_APPKEY", "without KIWOOM_APPKEY is a usage error", "KIWOOM_CACHE_DIR"}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"-h"}, []string{"--reveal", "print secrets (tokens) in clear", "kiwoom completion bash|zsh|fish",
			"kiwoom token revoke", "kiwoom version", "--api-id ID --path PATH", "-o, --format", "--rate N",
			"every format prints typed values now", `{"amount": 58000, "direction": "+"}`, "docs/cli-json.md", "--fixtures DIR"}},
		{[]string{"--help"}, []string{"kiwoom call <TR-ID>"}},
		{[]string{"help"}, []string{"kiwoom call <TR-ID>"}},
		{[]string{"call", "-h"}, []string{"--reveal", "print secrets (tokens) in clear", "-o, --format", "--raw",
			"--rate N", "--api-id ID --path PATH", "--kind query|order", `"+229" -> 2.29`, "<name>.direction"}},
		{[]string{"call", "ka10001", "--help"}, []string{"kiwoom call <TR-ID>"}},
		{[]string{"help", "call"}, []string{"kiwoom call <TR-ID>"}},
		{[]string{"serve", "-h"}, []string{"--addr HOST:PORT", "--page-size N"}},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Exit codes:") || r.stderr != "" {
			t.Errorf("%v: %s", tc.args, r)
		}
		for _, s := range append(tc.want, common...) {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("%v: help lacks %q", tc.args, s)
			}
		}
	}
}

func TestValidationErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=2"},
			[]string{`upd_stkpc_tp: "2" is not one of 0 (수정주가 미적용), 1 (수정주가 적용)`, "allowed: 0 (수정주가 미적용), 1 (수정주가 적용)"}},
		{[]string{"call", "ka10081", "stk_cd=005930", "upd_stkpc_tp=1"},
			[]string{"base_dt: required", "base_dt (기준일자): date YYYYMMDD, required"}},
		{[]string{"call", "ka10081", "stk_cd=005930", "base_dt=2025-09-08", "upd_stkpc_tp=1"},
			[]string{"base_dt:", "2025-09-08", "date YYYYMMDD"}},
		{[]string{"call", "ka10081", "stk_cd=005930", "base_dt=20250230", "upd_stkpc_tp=1"},
			[]string{"base_dt:", "20250230"}},
		{[]string{"call", "ka10099"},
			[]string{"mrkt_tp: required; one of 0 (코스피)", "allowed: 0 (코스피), 10 (코스닥)"}},
		{[]string{"call", "ka10001", "stk_cd=005930005930005930005930"},
			[]string{"stk_cd:", "at most 20"}},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != exitValidation {
			t.Errorf("%v: want exit 3\n%s", tc.args, r)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q\n%s", tc.args, w, r.stderr)
			}
		}
		if strings.Contains(r.stderr, builtinNotice) {
			t.Errorf("%v: a server was started for an invalid request", tc.args)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	r := runArgs(nil, "call", "ka10001", "stk_cd=999999")
	if r.code != exitAPI || !strings.Contains(r.stderr, "[1902:종목 정보가 없습니다. 입력한 종목코드 값을 확인바랍니다. 종목코드=999999]") {
		t.Errorf("unknown stock: %s", r)
	}
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	env := []string{"KIWOOM_APPKEY=wrong", "KIWOOM_SECRETKEY=wrong", "KIWOOM_ENV=" + srv.URL}
	r = runArgs(env, "call", "ka10001", "stk_cd=005930")
	if r.code != exitAPI || !strings.Contains(r.stderr, "8001") {
		t.Errorf("wrong keys: %s", r)
	}
	// Rate limit: return_code 5.
	limited := kiwoomtest.NewServer(kiwoomtest.WithRateLimit(1, time.Hour))
	defer limited.Close()
	runArgs(serverEnv(limited), "call", "ka10001", "stk_cd=005930")
	r = runArgs(serverEnv(limited), "call", "ka10001", "stk_cd=005930")
	if r.code != exitAPI || !strings.Contains(r.stderr, "[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10001]") {
		t.Errorf("rate limit: %s", r)
	}
	// The advice fits the shell: the --rate flag, not the Go option.
	if !strings.Contains(r.stderr, "lower the rate with --rate N") || strings.Contains(r.stderr, "WithRateLimit") {
		t.Errorf("rate limit advice is not for the shell:\n%s", r.stderr)
	}
}

func TestNetworkErrors(t *testing.T) {
	for _, kind := range []kiwoomtest.FaultKind{kiwoomtest.FaultDrop, kiwoomtest.FaultTruncate, kiwoomtest.FaultNonJSON} {
		srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Kind: kind}))
		r := runArgs(serverEnv(srv), "call", "ka10001", "stk_cd=005930")
		srv.Close()
		if r.code != exitNetwork {
			t.Errorf("%v: want exit 5\n%s", kind, r)
		}
	}
	srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultStatus, Status: 500}))
	defer srv.Close()
	if r := runArgs(serverEnv(srv), "call", "ka10001", "stk_cd=005930"); r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 500") {
		t.Errorf("HTTP 500: want exit 4\n%s", r)
	}
}

func TestExitCode(t *testing.T) {
	for err, want := range map[error]int{
		nil:                                    exitOK,
		usagef("x"):                            exitUsage,
		&kiwoom.ValidationError{TR: "ka10001"}: exitValidation,
		&kiwoom.APIError{TR: "ka10001"}:        exitAPI,
		&kiwoom.OpError{TR: "ka10001", Op: "send", Err: io.EOF}: exitNetwork,
		&kiwoom.DecodeError{TR: "ka10001", Err: io.EOF}:         exitNetwork,
		context.DeadlineExceeded:                                exitNetwork,
		io.ErrClosedPipe:                                        exitFailure,
	} {
		if got := exitCode(err); got != want {
			t.Errorf("exitCode(%v) = %d, want %d", err, got, want)
		}
	}
}

// syncBuffer is a goroutine-safe buffer.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- runContext(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--rate", "100", "--page-size", "1",
			"--fixtures", "../../kiwoomtest/testdata/fixtures", "--appkey", "k", "--secretkey", "s"}, nil, &stdout, &stderr)
	}()
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		sc := bufio.NewScanner(strings.NewReader(stdout.String()))
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "kiwoom local server listening on "); ok {
				url = u
			}
		}
	}
	if url == "" {
		t.Fatalf("no URL printed:\n%s\n%s", stdout.String(), stderr.String())
	}
	for _, s := range []string{"app key:    k", "secret key: s"} {
		if !strings.Contains(stdout.String(), s) {
			t.Errorf("serve did not print %q", s)
		}
	}
	// Another program calls it through the environment.
	r := runArgs([]string{"KIWOOM_APPKEY=k", "KIWOOM_SECRETKEY=s", "KIWOOM_ENV=" + url},
		"call", "ka10081", "stk_cd=005930", "base_dt=20241120", "upd_stkpc_tp=1", "--all", "--format", "csv")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 8 {
		t.Errorf("call against serve (7 rows from --fixtures, one per page): %s", r)
	}
	if resp, err := http.Get(url + "/nowhere"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /nowhere: %v %v", resp, err)
	}
	if !strings.Contains(stderr.String(), "api_id=ka10081") {
		t.Errorf("serve logged nothing:\n%s", stderr.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestOrderNeedsYesOnARealHost refuses to send an order TR to a non-local host
// unless --yes is given, and sends it to a local server without asking.
func TestOrderNeedsYesOnARealHost(t *testing.T) {
	// Without the guard the call would try to reach the host and exit with a
	// network error (5); the guard answers with a usage error (2) first.
	env := []string{"KIWOOM_APPKEY=k", "KIWOOM_SECRETKEY=s", "KIWOOM_ENV=https://api.kiwoom.invalid"}
	args := []string{"call", "kt10000", "dmst_stex_tp=KRX", "stk_cd=005930", "ord_qty=1", "trde_tp=3"}
	r := runArgs(env, args...)
	if r.code != exitUsage || !strings.Contains(r.stderr, "add --yes") || !strings.Contains(r.stderr, "api.kiwoom.invalid") {
		t.Fatalf("order to a real host without --yes: %v", r)
	}

	// With --yes the guard lets the order through: the call goes on to the
	// client, which here stops at once on a cancelled context, so nothing leaves
	// this machine (the host is an address of TEST-NET-1, RFC 5737, no DNS).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := runContext(ctx, append(slices.Clone(args), "--yes"), []string{"KIWOOM_APPKEY=k", "KIWOOM_SECRETKEY=s", "KIWOOM_ENV=https://192.0.2.1"}, &stdout, &stderr)
	if code != exitNetwork || strings.Contains(stderr.String(), "add --yes") {
		t.Fatalf("order with --yes: want the guard passed (exit 5 on the cancelled call)\n%s", result{code, stdout.String(), stderr.String()})
	}

	srv := kiwoomtest.NewServer()
	defer srv.Close()
	if r := runArgs(serverEnv(srv), args...); r.code != exitOK {
		t.Fatalf("order to the local server: %v", r)
	}
	if n := srv.Requests("kt10000"); n != 1 {
		t.Errorf("local server saw %d kt10000 requests; want 1", n)
	}
}

// TestSecretsRedacted prints au10001's token as [REDACTED] in every format, and
// in clear only with --reveal.
func TestSecretsRedacted(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	args := goldenArgs(t, srv, "au10001")
	for _, format := range []string{"json", "table", "csv"} {
		r := runArgs(serverEnv(srv), append(args, "--format", format)...)
		if r.code != 0 || !strings.Contains(r.stdout, "[REDACTED]") {
			t.Fatalf("%s: want the token redacted\n%s", format, r)
		}
		if format == "json" {
			var body map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &body); err != nil || body["token"] != "[REDACTED]" {
				t.Errorf("json token = %v (%v)\n%s", body["token"], err, r.stdout)
			}
			if body["expires_dt"] == "" || body["expires_dt"] == "[REDACTED]" {
				t.Errorf("json redacted a field that is not secret:\n%s", r.stdout)
			}
		}
		r = runArgs(serverEnv(srv), append(args, "--format", format, "--reveal")...)
		if r.code != 0 || strings.Contains(r.stdout, "[REDACTED]") {
			t.Fatalf("%s --reveal: want the token in clear\n%s", format, r)
		}
		if format == "json" {
			var body struct{ Token string }
			json.Unmarshal([]byte(r.stdout), &body)
			if len(body.Token) < 20 {
				t.Errorf("json --reveal token = %q", body.Token)
			}
		}
	}
}

// TestRedactRows redacts sensitive fields of list rows too, and a sensitive
// field that is not a string as well (it prints the marker instead of its value).
func TestRedactRows(t *testing.T) {
	type row struct {
		Name string
		Key  kiwoom.Secret
	}
	type resp struct {
		kiwoom.Envelope
		Token kiwoom.Secret
		Rows  []row
		Num   kiwoom.Int
	}
	fields := []catalog.Field{
		{Name: "token", GoName: "Token", Type: catalog.TypeText, Sensitive: true},
		{Name: "rows", GoName: "Rows", Type: catalog.TypeList, Fields: []catalog.Field{
			{Name: "name", GoName: "Name", Type: catalog.TypeText},
			{Name: "key", GoName: "Key", Type: catalog.TypeText, Sensitive: true},
		}},
		{Name: "num", GoName: "Num", Type: catalog.TypeInt, Sensitive: true},
	}
	v := &resp{Token: "t0ken", Rows: []row{{"a", "k1"}, {"b", ""}}, Num: kiwoom.NewInt(7)}
	o, err := jsonFields(fields, reflect.ValueOf(v).Elem(), false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := marshalJSON(o)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"token":"[REDACTED]","rows":[{"name":"a","key":"[REDACTED]"},{"name":"b","key":""}],"num":"[REDACTED]"}`
	if string(b) != want {
		t.Errorf("redacted\n%s\nwant\n%s", b, want)
	}
	for _, secret := range []string{"t0ken", "k1", "7"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("%q leaked: %s", secret, b)
		}
	}
	o, err = jsonFields(fields, reflect.ValueOf(v).Elem(), true)
	if b, _ := marshalJSON(o); err != nil || string(b) != `{"token":"t0ken","rows":[{"name":"a","key":"k1"},{"name":"b","key":""}],"num":7}` {
		t.Errorf("--reveal: %s (%v)", b, err)
	}
}

// TestSecretFieldsFromEnv reads a sensitive field's value from the environment
// with NAME=@env:VAR, so the secret is not in argv.
func TestSecretFieldsFromEnv(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	env := append(serverEnv(srv), "MY_KEY="+srv.AppKey, "MY_SECRET="+srv.SecretKey)
	r := runArgs(env, "call", "au10001", "grant_type=client_credentials", "appkey=@env:MY_KEY", "secretkey=@env:MY_SECRET", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"token": "[REDACTED]"`) {
		t.Fatalf("@env: credentials: %s", r)
	}
	if n := srv.Requests("au10001"); n < 1 {
		t.Errorf("server saw %d au10001 requests", n)
	}
	r = runArgs(env, "call", "au10001", "grant_type=client_credentials", "appkey=@env:MY_KEY", "secretkey=@env:NOPE")
	if r.code != exitUsage || !strings.Contains(r.stderr, "NOPE is not set") {
		t.Errorf("unset variable: want exit 2 naming it\n%s", r)
	}
	r = runArgs(env, "call", "au10001", "grant_type=client_credentials", "appkey=@env:", "secretkey=x")
	if r.code != exitUsage || !strings.Contains(r.stderr, "names no environment variable") {
		t.Errorf("empty variable name: want exit 2\n%s", r)
	}
}

// TestServeCredentialsFromEnv takes serve's credentials from KIWOOM_SERVE_APPKEY
// and KIWOOM_SERVE_SECRETKEY, with the flags overriding them.
func TestServeCredentialsFromEnv(t *testing.T) {
	for _, tc := range []struct {
		flags            []string
		wantKey, wantSec string
	}{
		{nil, "envkey", "envsecret"},
		{[]string{"--appkey", "flagkey"}, "flagkey", "envsecret"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr syncBuffer
		done := make(chan int)
		go func() {
			done <- runContext(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.flags...),
				[]string{"KIWOOM_SERVE_APPKEY=envkey", "KIWOOM_SERVE_SECRETKEY=envsecret"}, &stdout, &stderr)
		}()
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(stdout.String(), "Press Ctrl+C") && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		for _, s := range []string{"app key:    " + tc.wantKey + "\n", "secret key: " + tc.wantSec + "\n"} {
			if !strings.Contains(stdout.String(), s) {
				t.Errorf("%v: serve did not print %q:\n%s%s", tc.flags, s, stdout.String(), stderr.String())
			}
		}
		cancel()
		<-done
	}
}

// TestDisplayRedactsBySpec redacts a field the catalogue marks sensitive even when
// its Go type is a plain string, which would print itself in clear.
func TestDisplayRedactsBySpec(t *testing.T) {
	secret := catalog.Field{Name: "token", Sensitive: true}
	cell := func(f catalog.Field, v reflect.Value, reveal bool) string {
		t.Helper()
		val, err := normalize(f, v, reveal)
		if err != nil {
			t.Fatal(err)
		}
		if c := val.cell(false); c != val.display() {
			t.Errorf("csv %q and table %q differ", c, val.display())
		}
		return val.display()
	}
	v := reflect.ValueOf("plain-secret-value")
	if got := cell(secret, v, false); got != redacted {
		t.Errorf("sensitive string shown as %q", got)
	}
	if got := cell(secret, v, true); got != "plain-secret-value" {
		t.Errorf("with --reveal: %q", got)
	}
	if got := cell(catalog.Field{Name: "stk_nm"}, v, false); got != "plain-secret-value" {
		t.Errorf("ordinary field: %q", got)
	}
	if got := cell(secret, reflect.ValueOf(kiwoom.Secret("tok")), true); got != "tok" {
		t.Errorf("revealed Secret: %q", got)
	}
	// A kiwoom.Secret is redacted even where the catalogue forgot to mark it.
	if got := cell(catalog.Field{Name: "x"}, reflect.ValueOf(kiwoom.Secret("tok")), false); got != redacted {
		t.Errorf("unmarked Secret shown as %q", got)
	}
}
