package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// envRunMain makes the test binary run the command line instead of the tests,
// so that shell scripts (the completion scripts) can call it as kiwoom.
const envRunMain = "KIWOOM_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		os.Exit(runContext(context.Background(), os.Args[1:], os.Environ(), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runArgs(nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "kiwoom ") || !strings.Contains(r.stdout, "go1.") {
			t.Errorf("%v: %s", args, r)
		}
	}
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/kiwoomgo/kiwoom", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2025-09-08T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	if got := versionLine(bi, true); !strings.HasPrefix(got, "kiwoom v1.2.3 (commit 0123456789ab, 2025-09-08T10:00:00Z, modified) go1.26.8 ") {
		t.Errorf("versionLine = %q", got)
	}
	if got := versionLine(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true); !strings.HasPrefix(got, "kiwoom (devel) go") {
		t.Errorf("devel build: %q", got)
	}
	if got := versionLine(nil, false); !strings.HasPrefix(got, "kiwoom (devel) go") {
		t.Errorf("no build info: %q", got)
	}
	if r := runArgs(nil, "version", "extra"); r.code != exitUsage {
		t.Errorf("version extra: %s", r)
	}
}

// TestHelpEveryCommand answers -h and --help on every subcommand with its own
// usage, whatever else is on the line.
func TestHelpEveryCommand(t *testing.T) {
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "ka10001", "-h"}} {
			r := runArgs(nil, args...)
			if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage:\n  kiwoom "+c.name) || !strings.Contains(r.stdout, c.summary) {
				t.Errorf("%v: %s", args, r)
			}
		}
	}
	// kiwoom -h lists every command.
	r := runArgs(nil, "-h")
	for _, c := range commands() {
		if got := strings.Contains(r.stdout, "\n  kiwoom "+c.name); got == c.hidden {
			t.Errorf("kiwoom -h lists %s: %v (hidden %v)", c.name, got, c.hidden)
		}
	}
}

// TestShortFormatFlag takes -o for --format, in call and list.
func TestShortFormatFlag(t *testing.T) {
	for _, args := range [][]string{
		{"call", "ka10001", "stk_cd=005930"},
		{"call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1"},
		{"list"},
	} {
		for _, format := range []string{"json", "csv"} {
			long := runArgs(nil, append(slices.Clone(args), "--format", format)...)
			short := runArgs(nil, append(slices.Clone(args), "-o", format)...)
			table := runArgs(nil, args...)
			if long.code != 0 || short.stdout != long.stdout || short.stdout == table.stdout {
				t.Errorf("%v -o %s differs from --format %s:\n%s\n%s", args, format, format, short, long)
			}
		}
	}
	if r := runArgs(nil, "call", "ka10001", "stk_cd=005930", "-o", "xml"); r.code != exitUsage || !strings.Contains(r.stderr, `--format "xml"`) {
		t.Errorf("-o xml: %s", r)
	}
}

func TestListFormats(t *testing.T) {
	r := runArgs(nil, "list", "--format", "json")
	var list []struct {
		ID, Name, Kind, Path, Go, Package, English string
		Paging                                     bool
		Rows                                       *string
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); r.code != 0 || err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	trs := catalog.TRs()
	if len(list) != len(trs) {
		t.Fatalf("%d TRs, want %d", len(list), len(trs))
	}
	for i, tr := range trs {
		e := list[i]
		if e.ID != tr.ID || e.Name != tr.Name || e.Kind != string(tr.Kind) || e.Path != tr.Path || e.Go != tr.Method() ||
			e.Package != tr.Package || e.Paging != tr.Paging || (e.Rows != nil) != tr.Paging {
			t.Errorf("list json %+v does not describe %s", e, tr.ID)
		}
	}
	r = runArgs(nil, "list", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(recs) != len(trs)+1 || recs[0][0] != "id" || recs[1][0] != trs[0].ID {
		t.Errorf("list csv: %v\n%s", err, r)
	}
	if r := runArgs(nil, "list", "--format", "yaml"); r.code != exitUsage {
		t.Errorf("list --format yaml: %s", r)
	}
}

// TestDescribeSeveral describes several TRs in one call, each with its notes.
func TestDescribeSeveral(t *testing.T) {
	r := runArgs(nil, "describe", "ka10001", "ka10059")
	if r.code != 0 {
		t.Fatal(r)
	}
	for _, id := range []string{"ka10001", "ka10059"} {
		tr, _ := catalog.Lookup(id)
		if !strings.Contains(r.stdout, "\n"+id+" ") && !strings.HasPrefix(r.stdout, id+" ") {
			t.Errorf("describe lacks %s", id)
		}
		if !strings.Contains(r.stdout, "Go: "+tr.Method()) {
			t.Errorf("describe lacks %s", tr.Method())
		}
		for _, n := range tr.Notes {
			if !strings.Contains(r.stdout, "  - "+n+"\n") {
				t.Errorf("describe %s lacks the note %q", id, n)
			}
		}
	}
	// A field's note: ka10001 flo_stk's unit caveat, ka10059 flu_rt's implied decimals.
	tr, _ := catalog.Lookup("ka10001")
	if f := tr.Field(false, "flo_stk"); f.Note == "" || !strings.Contains(r.stdout, "  flo_stk ("+f.Title+"): "+f.Note) {
		t.Errorf("describe lacks flo_stk's note %q:\n%s", f.Note, r.stdout)
	}
	if !strings.Contains(r.stdout, "  stk_invsr_orgn[].flu_rt (등락율): No decimal point") {
		t.Errorf("describe lacks the note of a row field:\n%s", r.stdout)
	}
	if r := runArgs(nil, "describe", "ka10001", "nope"); r.code != exitUsage || r.stdout != "" {
		t.Errorf("describe with an unknown TR: %s", r)
	}
	if r := runArgs(nil, "describe", "ka10001", "--bogus"); r.code != exitUsage {
		t.Errorf("describe --bogus: %s", r)
	}
}

// TestComplete checks the candidates of kiwoom __complete.
func TestComplete(t *testing.T) {
	values := func(words ...string) []string {
		r := runArgs(nil, append([]string{"__complete", "--"}, words...)...)
		if r.code != 0 {
			t.Fatal(r)
		}
		var out []string
		for l := range strings.SplitSeq(strings.TrimRight(r.stdout, "\n"), "\n") {
			if l != "" {
				v, _, _ := strings.Cut(l, "\t")
				out = append(out, v)
			}
		}
		return out
	}
	for _, tc := range []struct {
		words []string
		want  []string
		not   []string
	}{
		{[]string{""}, []string{"call", "list", "describe", "serve", "token", "completion", "version", "help"}, []string{"__complete"}},
		{[]string{"de"}, []string{"describe"}, []string{"call"}},
		{[]string{"--v"}, []string{"--version"}, nil},
		{[]string{"call", ""}, []string{"ka10001", "ka10081", "kt10000"}, nil},
		{[]string{"call", "KA1008"}, []string{"ka10081"}, []string{"ka10001"}},
		{[]string{"call", "ka10081", ""}, []string{"stk_cd=", "base_dt=", "upd_stkpc_tp="}, nil},
		{[]string{"call", "ka10081", "stk_cd=005930", "u"}, []string{"upd_stkpc_tp="}, []string{"stk_cd="}},
		{[]string{"call", "ka10081", "stk_cd=005930", ""}, []string{"base_dt="}, []string{"stk_cd="}},
		{[]string{"call", "ka10081", "upd_stkpc_tp="}, []string{"upd_stkpc_tp=0", "upd_stkpc_tp=1"}, nil},
		{[]string{"call", "ka10081", "upd_stkpc_tp=1"}, []string{"upd_stkpc_tp=1"}, []string{"upd_stkpc_tp=0"}},
		{[]string{"call", "-o", "json", "ka10081", "base"}, []string{"base_dt="}, nil},
		{[]string{"call", "ka10001", "-o", ""}, []string{"table", "json", "csv"}, nil},
		{[]string{"call", "ka10001", "--format", "c"}, []string{"csv"}, []string{"json"}},
		{[]string{"call", "--"}, []string{"--format", "--raw", "--rate", "--api-id", "--path", "--kind", "--yes", "--help"}, nil},
		{[]string{"call", "--api-id", "ka99999", "--kind", ""}, []string{"query", "order"}, nil},
		{[]string{"describe", "ka10001", "ka1000"}, nil, []string{"ka10001"}},
		{[]string{"describe", "ka10001", "ka1008"}, []string{"ka10081"}, nil},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}, nil},
		{[]string{"token", ""}, []string{"revoke", "path"}, nil},
		{[]string{"list", "-"}, []string{"-o", "--format"}, nil},
		{[]string{"serve", "--"}, []string{"--addr", "--fixtures", "--rate", "--page-size", "--appkey", "--secretkey"}, nil},
		{[]string{"help", "ca"}, []string{"call"}, nil},
	} {
		got := values(tc.words...)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %v lacks %q", tc.words, got, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: %v has %q", tc.words, got, w)
			}
		}
	}
	// Every enum value of every request field completes.
	for _, tr := range catalog.TRs() {
		for _, f := range tr.Request {
			if f.Enum == nil {
				continue
			}
			got := values("call", tr.ID, f.Name+"=")
			if len(got) != len(f.Enum.Values) {
				t.Errorf("%s %s=: %v, want the %d values of %s", tr.ID, f.Name, got, len(f.Enum.Values), f.Enum.Name)
			}
		}
	}
	// Descriptions come after a tab: a TR's name, an enum value's label.
	r := runArgs(nil, "__complete", "--", "call", "ka10081", "upd_stkpc_tp=")
	if !strings.Contains(r.stdout, "upd_stkpc_tp=1\t수정주가 적용\n") {
		t.Errorf("no description:\n%s", r.stdout)
	}
}

// TestCompletionScripts prints a script for each shell and runs the bash one
// against this binary: bash splits words at '=', which the script must undo.
func TestCompletionScripts(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		r := runArgs(nil, "completion", sh)
		if r.code != 0 || !strings.Contains(r.stdout, "kiwoom __complete --") {
			t.Errorf("completion %s: %s", sh, r)
		}
	}
	if r := runArgs(nil, "completion", "tcsh"); r.code != exitUsage {
		t.Errorf("completion tcsh: %s", r)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "kiwoom.bash")
	if err := os.WriteFile(script, []byte(runArgs(nil, "completion", "bash").stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line  string   // COMP_LINE up to the cursor
		words []string // COMP_WORDS as bash splits them (at spaces and '=')
		want  []string
	}{
		{"kiwoom ca", []string{"kiwoom", "ca"}, []string{"call"}},
		{"kiwoom call ka1008", []string{"kiwoom", "call", "ka1008"}, []string{"ka10081"}}, // and others of the catalogue
		{"kiwoom call ka10081 upd", []string{"kiwoom", "call", "ka10081", "upd"}, []string{"upd_stkpc_tp="}},
		{"kiwoom call ka10081 upd_stkpc_tp=", []string{"kiwoom", "call", "ka10081", "upd_stkpc_tp", "="}, []string{"=0", "=1"}},
		{"kiwoom call ka10081 upd_stkpc_tp=1", []string{"kiwoom", "call", "ka10081", "upd_stkpc_tp", "=", "1"}, []string{"1"}},
		{"kiwoom call ka10001 ", []string{"kiwoom", "call", "ka10001", ""}, []string{"stk_cd="}},
	} {
		quoted := make([]string, len(tc.words))
		for i, w := range tc.words {
			quoted[i] = "'" + w + "'"
		}
		prog := `kiwoom() { "$KIWOOM_TEST_BIN" "$@"; }
source "$1"
COMP_LINE='` + tc.line + `'
COMP_POINT=${#COMP_LINE}
COMP_WORDS=(` + strings.Join(quoted, " ") + `)
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_kiwoom_complete
printf '%s\n' "${COMPREPLY[@]}"
`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog, "bash", script)
		// GORACE: a binary built with -race otherwise waits a second at exit.
		cmd.Env = []string{envRunMain + "=1", "KIWOOM_TEST_BIN=" + self, "PATH=" + os.Getenv("PATH"), "GORACE=atexit_sleep_ms=0"}
		out, err := cmd.CombinedOutput()
		got := strings.Fields(string(out))
		if strings.HasSuffix(tc.line, "ka1008") {
			// The catalogue grows: every TR id that starts so, ka10081 among them.
			got = slices.DeleteFunc(got, func(s string) bool { return s != "ka10081" && strings.HasPrefix(s, "ka1008") })
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("bash completion of %q: %q (%v), want %q", tc.line, got, err, tc.want)
		}
	}
}

// TestRateFlag: --rate N limits the requests a call sends per second, and a
// bad N is a usage error.
func TestRateFlag(t *testing.T) {
	for _, bad := range []string{"0", "-1", "x", "+Inf"} {
		if r := runArgs(nil, "call", "ka10001", "stk_cd=005930", "--rate", bad); r.code != exitUsage || !strings.Contains(r.stderr, "rate") {
			t.Errorf("--rate %s: %s", bad, r)
		}
	}
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	// au10001 and three pages: four requests, at most 40 a second (the client
	// keeps 5% below the rate), take three intervals of 26 ms. A local server
	// is otherwise called without a client-side limit.
	args := []string{"call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1", "--all", "-o", "csv", "--rate", "40"}
	start := time.Now()
	r := runArgs(serverEnv(srv), args...)
	if elapsed := time.Since(start); r.code != 0 || elapsed < 3*time.Second/(40*95/100) {
		t.Errorf("--rate 40: 4 requests in %v, want at least %v\n%s", elapsed, 3*time.Second/38, r)
	}
	if n := srv.Requests("ka10081"); n != 3 {
		t.Errorf("%d ka10081 requests, want 3", n)
	}
	// The built-in server takes --rate too.
	if r := runArgs(nil, "call", "ka10001", "stk_cd=005930", "--rate", "1000"); r.code != 0 {
		t.Errorf("built-in server with --rate: %s", r)
	}
}

// TestForShell rewords the rate-limit advice for the shell and keeps the exit
// code; other errors pass unchanged.
func TestForShell(t *testing.T) {
	limited := &kiwoom.APIError{TR: "ka10001", HTTPStatus: 200, ReturnCode: 5, DetailCode: 1700, Message: "허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10001]"}
	if !strings.Contains(limited.Error(), "WithRateLimit") {
		t.Logf("the library's hint no longer names WithRateLimit: %s", limited.Error())
	}
	err := forShell(limited)
	if msg := err.Error(); strings.Contains(msg, "WithRateLimit") || !strings.Contains(msg, "--rate N") || !strings.Contains(msg, "[1700:") {
		t.Errorf("reworded: %s", msg)
	}
	if exitCode(err) != exitAPI {
		t.Errorf("exit code %d, want %d", exitCode(err), exitAPI)
	}
	http429 := &kiwoom.APIError{TR: "ka10001", HTTPStatus: 429}
	if msg := forShell(http429).Error(); !strings.Contains(msg, "--rate") || strings.Contains(msg, "WithRateLimit") {
		t.Errorf("HTTP 429: %s", msg)
	}
	other := &kiwoom.APIError{TR: "ka10001", HTTPStatus: 200, ReturnCode: 1, DetailCode: 1902}
	if forShell(other) != error(other) {
		t.Errorf("an unrelated error was reworded: %v", forShell(other))
	}
	unknown := &kiwoom.OutcomeUnknownError{TR: "kt10000", Err: context.DeadlineExceeded}
	if err := forShell(unknown); !strings.Contains(err.Error(), "kiwoom call ka10075") || exitCode(err) != exitNetwork {
		t.Errorf("outcome unknown: %v (exit %d)", err, exitCode(err))
	}
}
