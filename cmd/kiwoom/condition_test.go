package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom/realtime"
)

// The local server's fixture conditions.
var fixtureConditions = []realtime.Condition{{Seq: "0", Name: "급등주"}, {Seq: "1", Name: "거래량상위"}, {Seq: "2", Name: "신고가"}}

func TestConditionList(t *testing.T) {
	_, env := realtimeEnv(t)
	r := runArgs(env, "condition", "list")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	ls := lines(r.stdout)
	if len(ls) != 4 || !slices.Equal(strings.Fields(ls[0]), []string{"일련번호", "조건명"}) {
		t.Fatalf("table:\n%s", r.stdout)
	}
	for i, c := range fixtureConditions {
		if got := strings.Fields(ls[i+1]); !slices.Equal(got, []string{c.Seq, c.Name}) {
			t.Errorf("line %d: %q", i+1, got)
		}
	}

	r = runArgs(env, "condition", "list", "-o", "json")
	var got []struct{ Seq, Name string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("%v\n%s", err, r)
	}
	if len(got) != 3 || got[0].Seq != "0" || got[0].Name != "급등주" || got[2].Name != "신고가" {
		t.Errorf("json: %+v", got)
	}
	if !strings.Contains(r.stdout, `"seq": "0"`) {
		t.Errorf("json keys:\n%s", r.stdout)
	}

	r = runArgs(env, "condition", "list", "--format", "csv")
	if want := "seq,name\n0,급등주\n1,거래량상위\n2,신고가\n"; r.code != 0 || r.stdout != want {
		t.Errorf("csv: %s", r)
	}
}

func TestConditionRun(t *testing.T) {
	srv, env := realtimeEnv(t)
	srv.Realtime().SetConditionPageSize(4)

	// Condition 2 matches 25 stocks: 7 pages of 4.
	r := runArgs(env, "condition", "run", "2", "-o", "json")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	var rows []map[string]any
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 25 {
		t.Fatalf("%d rows, want the 25 of every page", len(rows))
	}
	cols := searchColumns()
	for i, row := range rows {
		if want := fmt.Sprintf("A%06d", 100000+i*10); row["9001"] != want {
			t.Errorf("row %d: code %v, want %s", i, row["9001"], want)
		}
		if len(row) != len(cols)+1 {
			t.Errorf("row %d: %d keys, want %d FIDs and extra", i, len(row), len(cols))
		}
		for _, c := range cols {
			typ := c.info.Type
			if c.info.FID == 12 {
				typ = realtime.ValueImpliedDecimal // a number all the same
			}
			checkTypedValue(t, fmt.Sprintf("row %d FID %d", i, c.info.FID), typ, row[c.field.Name])
		}
	}
	if rows[0]["10"] == nil || rows[0]["302"] == nil {
		t.Errorf("row 0: %v", rows[0])
	}

	r = runArgs(env, "condition", "run", "0")
	ls := lines(r.stdout)
	if r.code != 0 || len(ls) != 3 || !strings.HasPrefix(ls[0], "종목코드") ||
		!strings.HasPrefix(ls[1], "A005930") || !strings.HasPrefix(ls[2], "A000660") {
		t.Errorf("table: %s", r)
	}

	r = runArgs(env, "condition", "run", "1", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 || len(recs) != 2 || recs[0][0] != "9001" || recs[1][0] != "A035720" || !slices.Contains(recs[0], "10.direction") {
		t.Errorf("csv: %v %s", err, r)
	}

	// A seq the server does not have is Kiwoom's refusal: exit 4.
	if r := runArgs(env, "condition", "run", "9"); r.code != exitAPI || !strings.Contains(r.stderr, "CNSRREQ") {
		t.Errorf("unknown seq: %s", r)
	}
}

func TestConditionWatch(t *testing.T) {
	_, env := realtimeEnv(t)
	r := runArgs(env, "condition", "watch", "0", "--count", "3", "-o", "json")
	if r.code != 0 || r.stderr != "" {
		t.Fatal(r)
	}
	ls := lines(r.stdout)
	if len(ls) != 2+3 {
		t.Fatalf("want the 2 initial stocks and 3 entries or exits:\n%s", r.stdout)
	}
	info, _ := realtime.LookupType("02")
	for i, l := range ls {
		m, keys := jsonLine(t, l)
		if want := []string{"time", "seq", "code", "action", "values", "extra"}; !slices.Equal(keys, want) {
			t.Errorf("line %d keys %v, want %v", i, keys, want)
		}
		if m["seq"] != "0" || !jsonTimeRE.MatchString(m["time"].(string)) {
			t.Errorf("line %d: %s", i, l)
		}
		if i < 2 {
			if want := []string{"A005930", "A000660"}[i]; m["code"] != want || m["action"] != "initial" || m["values"] != nil {
				t.Errorf("initial line %d: %s", i, l)
			}
			continue
		}
		vals, _ := m["values"].(map[string]any)
		if a := m["action"]; (a != "I" && a != "D") || vals["843"] != a || vals["9001"] != m["code"] || vals["841"] != "0" {
			t.Errorf("hit line %d: %s", i, l)
		}
		for _, f := range info.FIDs {
			checkTypedValue(t, fmt.Sprintf("line %d FID %d", i, f.FID), f.Type, vals[fmt.Sprint(f.FID)])
		}
	}

	r = runArgs(env, "condition", "watch", "1", "--count", "2")
	ls = lines(r.stdout)
	if r.code != 0 || len(ls) != 1+1+2 {
		t.Fatalf("table: %s", r)
	}
	if got := strings.Fields(ls[0]); !slices.Equal(got, []string{"수신시각", "조건", "종목코드", "구분", "체결시간"}) {
		t.Errorf("header %q", got)
	}
	if got := strings.Fields(ls[1]); len(got) != 5 || got[1] != "1" || got[2] != "A035720" || got[3] != "initial" || got[4] != "-" {
		t.Errorf("initial %q", got)
	}
	for _, l := range ls[2:] {
		got := strings.Fields(l)
		if len(got) != 6 || got[1] != "1" || (got[3] != "I" && got[3] != "D") || !hmsRE.MatchString(got[5]) {
			t.Errorf("hit %q", got)
		}
	}

	r = runArgs(env, "condition", "watch", "1", "--count", "1", "-o", "csv", "--all-fields")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || r.code != 0 || len(recs) != 3 || !slices.Equal(recs[0], []string{"time", "seq", "code", "action", "20", "907"}) ||
		recs[1][3] != "initial" || recs[1][4] != "" {
		t.Errorf("csv: %v %s", err, r)
	}
}

func TestConditionUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"condition"}, "list, run or watch"},
		{[]string{"condition", "show"}, `unknown subcommand "show"`},
		{[]string{"condition", "list", "0"}, "takes no arguments"},
		{[]string{"condition", "run"}, "want one condition seq"},
		{[]string{"condition", "watch", "0", "1"}, "want one condition seq"},
		{[]string{"condition", "run", "1234"}, "1 to 3 characters"},
		{[]string{"condition", "run", "0", "--count", "2"}, "--count is for kiwoom condition watch"},
		{[]string{"condition", "list", "--all-fields"}, "--all-fields is for kiwoom condition watch"},
		{[]string{"condition", "watch", "0", "-o", "xml"}, `--format "xml"`},
	} {
		r := runArgs(nil, tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, builtinNotice) {
			t.Errorf("%v: want exit 2 with %q\n%s", tc.args, tc.want, r)
		}
	}
}

// TestConditionBuiltinServer lists the fixture conditions without credentials.
func TestConditionBuiltinServer(t *testing.T) {
	r := runArgs(nil, "condition", "list")
	if r.code != 0 || !strings.Contains(r.stderr, builtinNotice) || !strings.Contains(r.stdout, "급등주") {
		t.Fatal(r)
	}
}
