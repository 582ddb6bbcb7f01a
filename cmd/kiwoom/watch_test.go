package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// realtimeEnv starts a local server that pushes every 2 ms and returns the
// environment pointing the command at it (with a private token cache).
func realtimeEnv(t *testing.T) (*kiwoomtest.Server, []string) {
	t.Helper()
	srv := kiwoomtest.NewServer()
	srv.Realtime().SetPushInterval(2 * time.Millisecond)
	t.Cleanup(srv.Close)
	return srv, append(serverEnv(srv), "KIWOOM_CACHE_DIR="+t.TempDir())
}

// lines splits output into its lines.
func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// jsonLine decodes one JSON line keeping numbers exact, and its keys in order.
func jsonLine(t *testing.T, line string) (map[string]any, []string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, line)
	}
	return m, topKeys(t, line)
}

// topKeys returns the keys of a JSON object in order.
func topKeys(t *testing.T, obj string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(obj))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

var (
	tableTimeRE = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}$`)
	jsonTimeRE  = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$`)
	hmsRE       = regexp.MustCompile(`^\d\d:\d\d:\d\d$`)
	dateRE      = regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
)

// checkTypedValue checks a JSON value against its FID's value type.
func checkTypedValue(t *testing.T, where string, typ realtime.ValueType, v any) {
	t.Helper()
	if v == nil {
		if typ == realtime.ValueText || typ == realtime.ValueCode {
			t.Errorf("%s: text is null, want a string", where)
		}
		return
	}
	switch typ {
	case realtime.ValuePrice, realtime.ValueIndex:
		o, ok := v.(map[string]any)
		if !ok || len(o) != 2 {
			t.Errorf("%s: %v, want {amount, direction}", where, v)
			return
		}
		amount, ok := o["amount"].(json.Number)
		if !ok || strings.HasPrefix(string(amount), "-") {
			t.Errorf("%s: amount %v, want a number that is not negative", where, o["amount"])
		}
		if d, _ := o["direction"].(string); d != "+" && d != "-" && d != "" {
			t.Errorf("%s: direction %v", where, o["direction"])
		}
	case realtime.ValueInt, realtime.ValuePadded, realtime.ValueDecimal, realtime.ValueImpliedDecimal:
		if _, ok := v.(json.Number); !ok {
			t.Errorf("%s: %v (%T), want a number", where, v, v)
		}
	case realtime.ValueTime:
		if s, _ := v.(string); !hmsRE.MatchString(s) {
			t.Errorf("%s: %v, want HH:MM:SS", where, v)
		}
	case realtime.ValueDate:
		if s, _ := v.(string); !dateRE.MatchString(s) {
			t.Errorf("%s: %v, want YYYY-MM-DD", where, v)
		}
	default:
		if _, ok := v.(string); !ok {
			t.Errorf("%s: %v (%T), want a string", where, v, v)
		}
	}
}

// checkEventJSON checks one line of kiwoom watch -o json for type info.
func checkEventJSON(t *testing.T, info realtime.TypeInfo, line string) map[string]any {
	t.Helper()
	m, keys := jsonLine(t, line)
	if want := []string{"time", "type", "item", "values", "extra"}; !slices.Equal(keys, want) && !slices.Equal(keys, append(want, "error")) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if s, _ := m["time"].(string); !jsonTimeRE.MatchString(s) {
		t.Errorf("time %v", m["time"])
	}
	if m["type"] != string(info.Type) {
		t.Errorf("type %v, want %s", m["type"], info.Type)
	}
	if m["error"] != nil {
		t.Errorf("error %v", m["error"])
	}
	if _, ok := m["extra"].(map[string]any); !ok {
		t.Errorf("extra %v, want an object", m["extra"])
	}
	vals, ok := m["values"].(map[string]any)
	if !ok {
		t.Fatalf("values %v", m["values"])
	}
	var want []string
	for _, f := range info.FIDs {
		want = append(want, strconv.Itoa(f.FID))
	}
	_, rest, _ := strings.Cut(line, `"values":`)
	if got := topKeys(t, rest); !slices.Equal(got, want) {
		t.Errorf("%s values keys %v, want every FID in order %v", info.Type, got, want)
	}
	for _, f := range info.FIDs {
		checkTypedValue(t, fmt.Sprintf("%s FID %d (%s)", info.Type, f.FID, f.GoName), f.Type, vals[strconv.Itoa(f.FID)])
	}
	return m
}

func TestWatchTable(t *testing.T) {
	_, env := realtimeEnv(t)
	r := runArgs(env, "watch", "0B", "005930", "--count", "3")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	ls := lines(r.stdout)
	if len(ls) != 4 {
		t.Fatalf("want a header and 3 events:\n%s", r.stdout)
	}
	head := strings.Fields(ls[0])
	if want := []string{"수신시각", "타입", "종목", "체결시간", "현재가", "전일대비", "등락율", "거래량", "누적거래량", "체결강도"}; !slices.Equal(head, want) {
		t.Errorf("header %q, want %q", head, want)
	}
	for _, l := range ls[1:] {
		f := strings.Fields(l)
		if len(f) != len(head) || !tableTimeRE.MatchString(f[0]) || f[1] != "0B" || f[2] != "005930" ||
			!hmsRE.MatchString(f[3]) || !regexp.MustCompile(`^[+-]?\d+$`).MatchString(f[4]) {
			t.Errorf("line %q", l)
		}
	}
	// Columns line up under the header (the values fit their columns; the last is right-aligned).
	for _, l := range ls[1:] {
		if width(l) != width(ls[0]) {
			t.Errorf("lines not aligned:\n%s", r.stdout)
			break
		}
	}
}

func TestWatchJSON(t *testing.T) {
	_, env := realtimeEnv(t)
	info, _ := realtime.LookupType("0B")
	r := runArgs(env, "watch", "StockTrade", "005930", "000660", "--count", "4", "-o", "json")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	ls := lines(r.stdout)
	if len(ls) != 4 {
		t.Fatalf("want 4 lines:\n%s", r.stdout)
	}
	for _, l := range ls {
		m := checkEventJSON(t, info, l)
		if it := m["item"]; it != "005930" && it != "000660" {
			t.Errorf("item %v", it)
		}
		vals := m["values"].(map[string]any)
		if vals["10"] == nil || vals["15"] == nil || vals["20"] == nil {
			t.Errorf("price, volume or time missing: %s", l)
		}
	}
}

func TestWatchCSV(t *testing.T) {
	_, env := realtimeEnv(t)
	for _, all := range []bool{false, true} {
		args := []string{"watch", "0D", "005930", "--count", "2", "-o", "csv"}
		if all {
			args = append(args, "--all-fields")
		}
		r := runArgs(env, args...)
		if r.code != 0 {
			t.Fatal(r)
		}
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || len(recs) != 3 {
			t.Fatalf("%v: %v\n%s", args, err, r.stdout)
		}
		if !slices.Equal(recs[0][:4], []string{"time", "type", "item", "21"}) || !slices.Contains(recs[0], "41.direction") {
			t.Errorf("header %v", recs[0])
		}
		if all && len(recs[0]) < 3+163 {
			t.Errorf("--all-fields: %d columns", len(recs[0]))
		}
		for _, rec := range recs[1:] {
			if !jsonTimeRE.MatchString(rec[0]) || rec[1] != "0D" || rec[2] != "005930" {
				t.Errorf("record %v", rec[:3])
			}
			ask, _ := strconv.Atoi(rec[slices.Index(recs[0], "41")])
			bid, _ := strconv.Atoi(rec[slices.Index(recs[0], "51")])
			if ask <= bid || bid <= 0 {
				t.Errorf("ask %d bid %d", ask, bid)
			}
		}
	}
}

// watchItem is an item the local server pushes for a type.
func watchItem(t realtime.TypeInfo) []string {
	switch t.Item {
	case "sector":
		return []string{"001"}
	case "gold":
		return []string{"MGD"}
	case "elw":
		return []string{"57JBHH"}
	case "stock":
		return []string{"005930"}
	}
	return nil
}

// TestWatchEveryType watches one event of every type, in JSON and as a table of
// every FID.
func TestWatchEveryType(t *testing.T) {
	_, env := realtimeEnv(t)
	for _, info := range watchTypes() {
		args := append([]string{"watch", string(info.Type)}, watchItem(info)...)
		r := runArgs(env, append(args, "--count", "1", "-o", "json")...)
		if r.code != 0 || r.stderr != "" || len(lines(r.stdout)) != 1 {
			t.Errorf("%v: %s", args, r)
			continue
		}
		m := checkEventJSON(t, info, r.stdout)
		if items := watchItem(info); items != nil && m["item"] != items[0] {
			t.Errorf("%s: item %v", info.Type, m["item"])
		}
		if info.AnyItem() && info.Item != "market" && m["item"] == "" {
			t.Errorf("%s: pushed without a stock code", info.Type)
		}
		r = runArgs(env, append(args, "--count", "1", "--all-fields")...)
		ls := lines(r.stdout)
		if r.code != 0 || len(ls) != 2 {
			t.Errorf("%v --all-fields: %s", args, r)
			continue
		}
		if n, want := len(strings.Fields(ls[1])), len(info.FIDs)+3; n < want {
			t.Errorf("%s --all-fields: %d cells, want at least %d:\n%s", info.Type, n, want, r.stdout)
		}
	}
}

// TestWatchTypeNames takes codes and Go names in any case, and the Korean name.
func TestWatchTypeNames(t *testing.T) {
	for in, want := range map[string]realtime.Type{
		"0B": "0B", "0b": "0B", "StockTrade": "0B", "stocktrade": "0B", "STOCKTRADE": "0B", "주식체결": "0B",
		"0g": "0g", "0G": "0G", "stockinfo": "0g", "etfnav": "0G", "1H": "1h", "00": "00",
	} {
		if got, ok := lookupWatchType(in); !ok || got.Type != want {
			t.Errorf("lookupWatchType(%q) = %s, %v; want %s", in, got.Type, ok, want)
		}
	}
	for _, in := range []string{"", "0X", "Stock", "02x"} {
		if _, ok := lookupWatchType(in); ok {
			t.Errorf("lookupWatchType(%q) found a type", in)
		}
	}
	_, env := realtimeEnv(t)
	if r := runArgs(env, "watch", "stocktrade", "005930", "--count", "1", "-o", "json"); r.code != 0 || !strings.Contains(r.stdout, `"type":"0B"`) {
		t.Errorf("watch stocktrade: %s", r)
	}
}

// TestKeyFIDs checks that the table's key fields exist in their types.
func TestKeyFIDs(t *testing.T) {
	for _, info := range realtime.Types() {
		keys, ok := keyFIDs[info.Type]
		if !ok {
			t.Errorf("%s %s: no key fields", info.Type, info.Name)
			continue
		}
		for _, k := range keys {
			if !slices.ContainsFunc(info.FIDs, func(f realtime.FIDInfo) bool { return f.FID == k }) {
				t.Errorf("%s: key FID %d is not one of its FIDs", info.Type, k)
			}
		}
		if got := eventColumns(info, false); len(got) != len(keys) {
			t.Errorf("%s: %d columns, want %d", info.Type, len(got), len(keys))
		}
		// Every FID is a field of the type's event struct, by its Go name.
		var d realtime.Decoder
		evs, err := d.Append(nil, []byte(`{"trnm":"REAL","data":[{"type":"`+string(info.Type)+`","name":"","item":"x","values":{}}]}`))
		if err != nil || len(evs) != 1 {
			t.Fatalf("%s: %v", info.Type, err)
		}
		st := reflect.TypeOf(evs[0]).Elem()
		for _, f := range info.FIDs {
			if _, ok := st.FieldByName(f.GoName); !ok {
				t.Errorf("%s (%s): FID %d's Go name %s is not a field", info.Type, st.Name(), f.FID, f.GoName)
			}
		}
	}
	// Every field of a condition search row has its FID.
	if n, want := len(searchColumns()), reflect.TypeFor[realtime.ConditionSearchRow]().NumField()-1; n != want {
		t.Errorf("searchColumns: %d, want every field but Extra (%d)", n, want)
	}
}

func TestWatchUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"watch"}, []string{"which type", "0B", "StockTrade"}},
		{[]string{"watch", "XX", "005930"}, append([]string{`unknown realtime type "XX"`}, typeWords()...)},
		{[]string{"watch", "02"}, []string{"kiwoom condition watch"}},
		{[]string{"watch", "ConditionHit"}, []string{"kiwoom condition watch"}},
		{[]string{"watch", "00", "005930"}, []string{"takes no items"}},
		{[]string{"watch", "0s", "005930"}, []string{"takes no items"}},
		{[]string{"watch", "0B"}, []string{"needs at least one item"}},
		{[]string{"watch", "0B", "005930", "--count", "0"}, []string{"--count 0"}},
		{[]string{"watch", "0B", "005930", "--count", "-1"}, []string{"--count -1"}},
		{[]string{"watch", "0B", "005930", "-o", "xml"}, []string{`--format "xml"`}},
		{[]string{"watch", "0B", "005930", "--connect-timeout", "0s"}, []string{"--connect-timeout"}},
		{[]string{"watch", "0B", "005930", "--bogus"}, []string{"bogus"}},
		{[]string{"watch", "0B", "00 5930"}, []string{"item"}},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != exitUsage || r.stdout != "" || strings.Contains(r.stderr, builtinNotice) {
			t.Errorf("%v: want exit 2 before connecting\n%s", tc.args, r)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", tc.args, w, r.stderr)
			}
		}
	}
}

// typeWords are the codes and Go names of the watch types.
func typeWords() []string {
	var out []string
	for _, t := range watchTypes() {
		out = append(out, "  "+string(t.Type)+" ", t.GoName)
	}
	return out
}

// TestWatchBuiltinServer runs without credentials against the built-in server
// and says so.
func TestWatchBuiltinServer(t *testing.T) {
	r := runArgs(nil, "watch", "0b", "005930", "--count", "2", "-o", "json")
	if r.code != 0 || !strings.Contains(r.stderr, builtinNotice) || !strings.Contains(r.stderr, builtinRealtimeNotice) {
		t.Fatal(r)
	}
	if n := len(lines(r.stdout)); n != 2 {
		t.Errorf("%d lines, want 2:\n%s", n, r.stdout)
	}
}

// TestWatchJSONValues checks the exact typed values of a known push, rendered
// by the printer: directions, arithmetic signs, exact decimals, null, extra.
func TestWatchJSONValues(t *testing.T) {
	var d realtime.Decoder
	evs, err := d.Append(nil, []byte(`{"trnm":"REAL","data":[{"type":"0B","name":"주식체결","item":"005930","values":{`+
		`"20":"090001","10":"-58000","11":"-1200","12":"-2.03","15":"-100","13":"0001234","16":"58500","17":"+59000","30":"0.00","9999":"x"}}]}`))
	if err != nil || len(evs) != 1 {
		t.Fatal(evs, err)
	}
	info, _ := realtime.LookupType("0B")
	at := time.Date(2025, 9, 8, 0, 0, 1, 5e6, time.UTC)

	var b bytes.Buffer
	p := newEventPrinter(&b, "json", info, false)
	if err := p.event(at, evs[0]); err != nil {
		t.Fatal(err)
	}
	line := b.String()
	for _, want := range []string{
		`{"time":"2025-09-08T09:00:01.005+09:00","type":"0B","item":"005930","values":{"20":"09:00:01","10":{"amount":58000,"direction":"-"},"11":-1200,"12":-2.03,`,
		`"15":-100,"13":1234,"14":null,`, `"16":{"amount":58500,"direction":""},"17":{"amount":59000,"direction":"+"},`,
		`"30":0.00,`, `"extra":{"9999":"x"}}` + "\n",
	} {
		if !strings.Contains(line, want) {
			t.Errorf("JSON lacks %s\n%s", want, line)
		}
	}
	checkEventJSON(t, info, line)

	b.Reset()
	p = newEventPrinter(&b, "table", info, false)
	if err := p.header(); err != nil {
		t.Fatal(err)
	}
	if err := p.event(at, evs[0]); err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(lines(b.String())[1]); !slices.Equal(got, []string{"09:00:01.005", "0B", "005930", "09:00:01", "-58000", "-1200", "-2.03", "-100", "1234", "-"}) {
		t.Errorf("table line %q", got)
	}

	b.Reset()
	p = newEventPrinter(&b, "csv", info, false)
	p.header()
	p.event(at, evs[0])
	if want := "time,type,item,20,10,11,12,15,13,228,10.direction\n2025-09-08T09:00:01.005+09:00,0B,005930,09:00:01,58000,-1200,-2.03,-100,1234,,-\n"; b.String() != want {
		t.Errorf("csv:\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWatchInterrupt cancels a watch (SIGINT) while events arrive: it ends with
// exit 0 and leaves no goroutine behind.
func TestWatchInterrupt(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := kiwoomtest.NewServer()
	srv.Realtime().SetPushInterval(2 * time.Millisecond)
	env := append(serverEnv(srv), "KIWOOM_CACHE_DIR="+t.TempDir())
	for _, args := range [][]string{
		{"watch", "0B", "005930"},
		{"condition", "watch", "0"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var stdout, stderr syncBuffer
		done := make(chan int)
		go func() { done <- runContext(ctx, args, env, &stdout, &stderr) }()
		deadline := time.Now().Add(5 * time.Second)
		for len(lines(stdout.String())) < 4 && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
		select {
		case code := <-done:
			if code != 0 || stderr.String() != "" {
				t.Errorf("%v: exit %d\nstderr:\n%s", args, code, stderr.String())
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not end after the interrupt", args)
		}
		if n := len(lines(stdout.String())); n < 4 {
			t.Errorf("%v: %d lines before the interrupt:\n%s", args, n, stdout.String())
		}
	}
	// The subscription and the condition were removed on the way out.
	deadline := time.Now().Add(3 * time.Second)
	for srv.Realtime().Sessions() > 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if n := srv.Realtime().Sessions(); n != 0 {
		t.Errorf("%d sessions left on the server", n)
	}
	srv.Close()
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestWatchGap drops the connection during a watch: a gap notice goes to
// stderr and the events go on after the reconnect.
func TestWatchGap(t *testing.T) {
	srv, env := realtimeEnv(t)
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- runContext(context.Background(), []string{"watch", "0B", "005930", "--count", "8", "-o", "json"}, env, &stdout, &stderr)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(lines(stdout.String())) < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	srv.Realtime().Drop()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d\nstderr:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the watch did not go on after the reconnect")
	}
	if n := len(lines(stdout.String())); n != 8 {
		t.Errorf("%d lines, want 8", n)
	}
	if !strings.Contains(stderr.String(), "kiwoom watch: realtime: connection lost from") || !strings.Contains(stderr.String(), "missing") {
		t.Errorf("no gap notice on stderr:\n%s", stderr.String())
	}
	if strings.Contains(stdout.String(), "gap") {
		t.Errorf("notice on stdout")
	}
}

// TestWatchSessionTaken ends with exit 4 when Kiwoom hands the session to
// another login (R10001).
func TestWatchSessionTaken(t *testing.T) {
	srv, env := realtimeEnv(t)
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- runContext(context.Background(), []string{"watch", "0B", "005930"}, env, &stdout, &stderr)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for len(lines(stdout.String())) < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	srv.Realtime().SessionTaken()
	select {
	case code := <-done:
		if code != exitAPI || !strings.Contains(stderr.String(), "R10001") {
			t.Errorf("exit %d, want 4 naming R10001\nstderr:\n%s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the watch did not end after R10001")
	}
}

// TestWatchConnectTimeout gives up when the server does not answer the LOGIN.
func TestWatchConnectTimeout(t *testing.T) {
	srv, env := realtimeEnv(t)
	srv.Realtime().Stall(2 * time.Second)
	start := time.Now()
	r := runArgs(env, "watch", "0B", "005930", "--connect-timeout", "100ms")
	if r.code != exitNetwork || !strings.Contains(r.stderr, "--connect-timeout") {
		t.Errorf("want exit 5 naming --connect-timeout:\n%s", r)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	// Bad credentials fail at once, before the realtime client retries.
	env2 := []string{"KIWOOM_APPKEY=wrong", "KIWOOM_SECRETKEY=wrong", "KIWOOM_ENV=" + srv.URL, "KIWOOM_CACHE_DIR=" + t.TempDir()}
	if r := runArgs(env2, "watch", "0B", "005930"); r.code != exitAPI {
		t.Errorf("wrong app key: want exit 4:\n%s", r)
	}
}

func TestWatchComplete(t *testing.T) {
	values := func(words ...string) []string {
		var out []string
		for _, c := range completeWords(words) {
			out = append(out, c.value)
		}
		return out
	}
	for _, tc := range []struct {
		words     []string
		want, not []string
	}{
		{[]string{""}, []string{"watch", "condition"}, nil},
		{[]string{"watch", ""}, []string{"0B", "0D", "00", "1h", "StockTrade", "VolatilityInterruption"}, []string{"02", "ConditionHit"}},
		{[]string{"watch", "sto"}, []string{"StockTrade", "StockOrderBook"}, []string{"0B", "SectorIndex"}},
		{[]string{"watch", "0d"}, []string{"0D"}, []string{"0B"}},
		{[]string{"watch", "-o", "json", "0"}, []string{"0B"}, nil},
		{[]string{"watch", "0B", ""}, nil, []string{"0B", "StockTrade"}},
		{[]string{"watch", "0B", "--"}, []string{"--count", "--format", "--all-fields", "--connect-timeout"}, nil},
		{[]string{"watch", "0B", "-o", ""}, []string{"table", "json", "csv"}, nil},
		{[]string{"condition", ""}, []string{"list", "run", "watch"}, nil},
		{[]string{"condition", "w"}, []string{"watch"}, []string{"list"}},
		{[]string{"condition", "--count", "3", ""}, []string{"list", "run", "watch"}, nil},
		{[]string{"condition", "run", ""}, nil, []string{"list", "run", "watch"}},
		{[]string{"help", "wa"}, []string{"watch"}, nil},
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
}
