package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestFormatsAgreeOnGolden calls every TR of the golden fixtures against the
// local server in every format and checks, field by field and row by row, that
// the JSON value is the wire value read by the spec's type (implied decimals
// scaled, ISO dates, a price as amount and direction, "" as null), and that the
// CSV cells and the table cells show that same value.
func TestFormatsAgreeOnGolden(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	t.Run("group", func(t *testing.T) {
		for _, tr := range catalog.TRs() {
			t.Run(tr.ID, func(t *testing.T) {
				t.Parallel()
				out := map[string]string{}
				for _, format := range []string{"raw", "json", "csv", "table"} {
					args := append(goldenArgs(t, srv, tr.ID), "--all")
					if format == "raw" {
						args = append(args, "--raw")
					} else {
						args = append(args, "-o", format)
					}
					r := runArgs(serverEnv(srv), args...)
					if r.code != 0 || r.stderr != "" {
						t.Fatalf("%s: %s", format, r)
					}
					out[format] = r.stdout
				}
				checkAgreement(t, tr, out)
			})
		}
	})
}

// checkAgreement checks the outputs of one TR against its wire body.
func checkAgreement(t *testing.T, tr catalog.TR, out map[string]string) {
	var wire map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out["raw"]), &wire); err != nil {
		t.Fatalf("--raw is not one JSON object: %v\n%s", err, out["raw"])
	}
	// The server answers with the golden fixture (the token TRs with a token and
	// expiry of their own).
	if tr.Kind != kiwoom.KindAuth {
		b, err := fs.ReadFile(golden.FS(), path.Join(tr.ID, "response.json"))
		if err != nil {
			t.Fatal(err)
		}
		var fixture map[string]json.RawMessage
		if err := json.Unmarshal(b, &fixture); err != nil {
			t.Fatal(err)
		}
		for _, f := range tr.Response {
			if !jsonEqual(fixture[f.Name], wire[f.Name]) {
				t.Errorf("--raw %s = %s, golden %s", f.Name, wire[f.Name], fixture[f.Name])
			}
		}
	}

	dec := json.NewDecoder(strings.NewReader(out["json"]))
	dec.UseNumber()
	var got map[string]any
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("json: %v\n%s", err, out["json"])
	}
	checkKeyOrder(t, tr, out["json"])
	if got["return_code"] != json.Number("0") {
		t.Errorf("return_code = %#v", got["return_code"])
	}

	rf := rowsField(tr)
	var recFields []catalog.Field
	for _, f := range tr.Response {
		if f.Type == catalog.TypeList {
			continue
		}
		recFields = append(recFields, f)
		checkValue(t, f.Name, f, wire[f.Name], got[f.Name])
	}
	var rowsJSON []any
	if rf != nil {
		var rowsWire []map[string]json.RawMessage
		if err := json.Unmarshal(wire[rf.Name], &rowsWire); err != nil {
			t.Fatal(err)
		}
		rowsJSON, _ = got[rf.Name].([]any)
		if len(rowsJSON) != len(rowsWire) || len(rowsWire) == 0 {
			t.Fatalf("json has %d rows, the wire %d (the fixture should have some)", len(rowsJSON), len(rowsWire))
		}
		for i, rw := range rowsWire {
			row, _ := rowsJSON[i].(map[string]any)
			for _, f := range rf.Fields {
				checkValue(t, fmt.Sprintf("%s[%d].%s", rf.Name, i, f.Name), f, rw[f.Name], row[f.Name])
			}
		}
	}

	// CSV: a header and one line per record, the same values.
	recs, err := csv.NewReader(strings.NewReader(out["csv"])).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	header := recs[0]
	if len(slices.Compact(slices.Sorted(slices.Values(header)))) != len(header) {
		t.Errorf("csv header names a column twice: %v", header)
	}
	cell := func(line []string, name string) (string, bool) {
		i := slices.Index(header, name)
		if i < 0 || i >= len(line) {
			return "", false
		}
		return line[i], true
	}
	checkCells := func(where string, line []string, fields []catalog.Field, obj map[string]any, prefix string) {
		for _, f := range fields {
			want, wantDir := csvWant(obj[f.Name])
			col := f.Name
			if prefix != "" && slices.ContainsFunc(recFields, func(r catalog.Field) bool { return r.Name == f.Name }) {
				col = prefix + "." + f.Name // a row column that a single-record field shares a name with
			}
			if c, ok := cell(line, col); !ok || c != want {
				t.Errorf("%s csv %s = %q, json says %q", where, col, c, want)
			}
			if isDirected(f.Type) {
				if c, ok := cell(line, col+".direction"); !ok || c != wantDir {
					t.Errorf("%s csv %s.direction = %q, json says %q", where, f.Name, c, wantDir)
				}
			}
		}
	}
	switch {
	case rf != nil:
		if len(recs) != len(rowsJSON)+1 {
			t.Fatalf("csv has %d lines, want a header and %d rows", len(recs), len(rowsJSON))
		}
		for i, row := range rowsJSON {
			checkCells(fmt.Sprintf("row %d", i), recs[i+1], rf.Fields, row.(map[string]any), rf.Name)
			checkCells(fmt.Sprintf("row %d", i), recs[i+1], recFields, got, "")
		}
	case len(recFields) == 0:
		if len(recs) != 2 || !slices.Equal(recs[0], []string{"return_code", "return_msg"}) || recs[1][0] != "0" {
			t.Errorf("csv of a TR without fields: %v", recs)
		}
	default:
		if len(recs) != 2 {
			t.Fatalf("csv of a single record has %d lines, want a header and one", len(recs))
		}
		checkCells("record", recs[1], recFields, got, "")
	}

	// Table: the same values, a price with its direction, an enum with its label.
	tableOut := out["table"]
	if rf == nil {
		cells := parseTable(t, tableOut)
		if len(cells) != len(recFields)+1 || !slices.Equal(cells[0], []string{"항목", "필드", "값"}) {
			t.Fatalf("table: want a header and %d lines:\n%s", len(recFields), tableOut)
		}
		for i, f := range recFields {
			line := cells[i+1]
			if line[0] != f.Title || line[1] != f.Name || tableWant(f, got[f.Name]) != cellAt(line, 2) {
				t.Errorf("table line %q, want %s %s %q", line, f.Title, f.Name, tableWant(f, got[f.Name]))
			}
		}
		return
	}
	rowsPart := tableOut
	if pre, rest, ok := strings.Cut(tableOut, "\n\n"); ok {
		rowsPart = rest
		var shown []catalog.Field
		for _, f := range recFields {
			if tableWant(f, got[f.Name]) != "" {
				shown = append(shown, f)
			}
		}
		cells := parseTable(t, pre+"\n")
		if len(cells) != len(shown) {
			t.Fatalf("table: %d lines before the rows, want %d:\n%s", len(cells), len(shown), pre)
		}
		for i, f := range shown {
			if cells[i][0] != f.Title+" ("+f.Name+"):" || cellAt(cells[i], 1) != tableWant(f, got[f.Name]) {
				t.Errorf("table line %q, want %s %q", cells[i], f.Name, tableWant(f, got[f.Name]))
			}
		}
	}
	cells := parseTable(t, rowsPart)
	if len(cells) != len(rowsJSON)+1 {
		t.Fatalf("table: %d lines, want a header and %d rows:\n%s", len(cells), len(rowsJSON), rowsPart)
	}
	for j, f := range rf.Fields {
		if cellAt(cells[0], j) != f.Title {
			t.Errorf("table header %d = %q, want %q", j, cellAt(cells[0], j), f.Title)
		}
	}
	for i, row := range rowsJSON {
		for j, f := range rf.Fields {
			if want := tableWant(f, row.(map[string]any)[f.Name]); cellAt(cells[i+1], j) != want {
				t.Errorf("table row %d %s = %q, json says %q", i, f.Name, cellAt(cells[i+1], j), want)
			}
		}
	}
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// checkKeyOrder checks that the JSON object lists return_code, return_msg and
// then the TR's fields in catalogue order.
func checkKeyOrder(t *testing.T, tr catalog.TR, out string) {
	t.Helper()
	want := []string{"return_code", "return_msg"}
	for _, f := range tr.Response {
		want = append(want, f.Name)
	}
	var keys []string
	dec := json.NewDecoder(strings.NewReader(out))
	depth := 0
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			expectKey = tok == json.Delim('{') && depth == 1
			continue
		case json.Delim('}'), json.Delim(']'):
			depth--
			expectKey = depth == 1
			continue
		}
		if depth == 1 && expectKey {
			keys = append(keys, tok.(string))
			expectKey = false
		} else if depth == 1 {
			expectKey = true
		}
	}
	if !slices.Equal(keys, want) {
		t.Errorf("json keys %v, want %v", keys, want)
	}
}

// checkValue checks one JSON value against its wire value, read by the spec's
// type independently of the kiwoom value types.
func checkValue(t *testing.T, where string, f catalog.Field, wireRaw json.RawMessage, got any) {
	t.Helper()
	var w string
	if wireRaw == nil {
		wireRaw = json.RawMessage(`""`) // a key the fixture's row leaves out reads as no value
	}
	if err := json.Unmarshal(wireRaw, &w); err != nil {
		t.Errorf("%s: wire value %s is not a string", where, wireRaw)
		return
	}
	bad := func(want any) { t.Errorf("%s: wire %q gives json %#v, want %#v", where, w, got, want) }
	if f.Sensitive {
		if w != "" && got != "[REDACTED]" {
			bad("[REDACTED]")
		}
		return
	}
	switch f.Type {
	case catalog.TypeText, catalog.TypeCode:
		if got != w {
			bad(w)
		}
		return
	case catalog.TypeFlags:
		want := []any{}
		for p := range strings.SplitSeq(w, "|") {
			if p != "" {
				want = append(want, p)
			}
		}
		if !reflect.DeepEqual(got, want) {
			bad(want)
		}
		return
	}
	if w == "" || (strings.Trim(w, "0") == "" && (f.Type == catalog.TypeDate || f.Type == catalog.TypeDateTime)) {
		if got != nil {
			bad(nil)
		}
		return
	}
	switch f.Type {
	case catalog.TypeEnum:
		if got != w {
			bad(w)
		}
	case catalog.TypeDate:
		if want := w[:4] + "-" + w[4:6] + "-" + w[6:8]; got != want {
			bad(want)
		}
	case catalog.TypeTime:
		d := strings.ReplaceAll(w, ":", "")
		if want := d[:2] + ":" + d[2:4] + ":" + d[4:6]; got != want {
			bad(want)
		}
	case catalog.TypeDateTime:
		if want := w[:4] + "-" + w[4:6] + "-" + w[6:8] + "T" + w[8:10] + ":" + w[10:12] + ":" + w[12:14] + "+09:00"; got != want {
			bad(want)
		}
	case catalog.TypePrice:
		dir, amount := "", w
		if w[0] == '+' || w[0] == '-' {
			dir, amount = w[:1], w[1:]
		}
		obj, ok := got.(map[string]any)
		if !ok || len(obj) != 2 || obj["direction"] != dir || !sameNumber(obj["amount"], amount, -1) || strings.HasPrefix(string(obj["amount"].(json.Number)), "-") {
			bad(fmt.Sprintf(`{"amount": %s, "direction": %q}`, amount, dir))
		}
	case catalog.TypeInt, catalog.TypePadded, catalog.TypeGrouped:
		if n := signed(strings.ReplaceAll(w, ",", "")); !sameNumber(got, n, 0) {
			bad(n)
		}
	case catalog.TypePercent:
		n := signed(strings.TrimSuffix(w, "%"))
		scale := 0
		if _, frac, ok := strings.Cut(n, "."); ok {
			scale = len(frac)
		}
		if !sameNumber(got, n, scale) {
			bad(n)
		}
	case catalog.TypeIndex, catalog.TypeImpliedIndex:
		dir, points := "", w
		if w[0] == '+' || w[0] == '-' {
			dir, points = w[:1], w[1:]
		}
		scale := f.Decimals
		if f.Type == catalog.TypeImpliedIndex {
			r, _ := new(big.Rat).SetString(points)
			points = r.Quo(r, big.NewRat(100, 1)).FloatString(2)
		} else if _, frac, ok := strings.Cut(points, "."); ok {
			scale = len(frac)
		}
		obj, ok := got.(map[string]any)
		if !ok || obj["direction"] != dir || !sameNumber(obj["amount"], points, scale) {
			bad(fmt.Sprintf(`{"amount": %s, "direction": %q}`, points, dir))
		}
	case catalog.TypeDecimal:
		scale := 0
		if _, frac, ok := strings.Cut(w, "."); ok {
			scale = len(frac)
		}
		if !sameNumber(got, signed(w), scale) {
			bad(signed(w))
		}
	case catalog.TypeImpliedDecimal:
		r, ok := new(big.Rat).SetString(signed(w))
		if !ok {
			t.Fatalf("%s: wire %q", where, w)
		}
		r.Quo(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.Decimals)), nil)))
		if !sameNumber(got, r.RatString(), f.Decimals) {
			bad(r.FloatString(f.Decimals))
		}
	default:
		t.Errorf("%s: type %s not checked", where, f.Type)
	}
}

// signed turns a Kiwoom number ("+1300", "--28837", "-00000163958") into one
// big.Rat reads.
func signed(w string) string {
	if strings.HasPrefix(w, "--") {
		return "-" + w[2:]
	}
	return strings.TrimPrefix(w, "+")
}

// sameNumber reports whether got is a JSON number (without exponent) equal to
// want; with scale ≥ 0 it must be written with that many fraction digits.
func sameNumber(got any, want string, scale int) bool {
	n, ok := got.(json.Number)
	if !ok || strings.ContainsAny(string(n), "eE+") {
		return false
	}
	a, ok1 := new(big.Rat).SetString(string(n))
	b, ok2 := new(big.Rat).SetString(want)
	if !ok1 || !ok2 || a.Cmp(b) != 0 {
		return false
	}
	if scale >= 0 {
		_, frac, _ := strings.Cut(string(n), ".")
		return len(frac) == scale
	}
	return true
}

// csvWant returns the CSV cell (and the direction cell of a price) of a JSON value.
func csvWant(v any) (string, string) {
	switch x := v.(type) {
	case nil:
		return "", ""
	case string:
		return x, ""
	case json.Number:
		return string(x), ""
	case map[string]any:
		return string(x["amount"].(json.Number)), x["direction"].(string)
	case []any:
		var parts []string
		for _, p := range x {
			parts = append(parts, p.(string))
		}
		return strings.Join(parts, "|"), ""
	}
	return fmt.Sprint(v), ""
}

// tableWant returns the table cell of a JSON value of field f, without the
// spaces around it (which an aligned table cannot show).
func tableWant(f catalog.Field, v any) string {
	return strings.TrimSpace(tableText(tableCell(f, v)))
}

func tableCell(f catalog.Field, v any) string {
	c, dir := csvWant(v)
	if _, ok := v.(map[string]any); ok {
		return dir + c
	}
	if s, ok := v.(string); ok && f.Enum != nil {
		for _, ev := range f.Enum.Values {
			if ev.Value == s {
				return s + " (" + ev.Label + ")"
			}
		}
	}
	return c
}

// parseTable splits an aligned table into cells: columns are separated by runs
// of at least two display columns that are blank on every line.
func parseTable(t *testing.T, out string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	type glyph struct {
		r   rune
		col int
	}
	var grid [][]glyph
	var used []bool
	for _, l := range lines {
		var g []glyph
		col := 0
		for _, r := range l {
			g = append(g, glyph{r, col})
			w := width(string(r))
			for len(used) < col+w {
				used = append(used, false)
			}
			if r != ' ' {
				for c := col; c < col+w; c++ {
					used[c] = true
				}
			}
			col += w
		}
		grid = append(grid, g)
	}
	type span struct{ from, to int }
	var cols []span
	for c := 0; c < len(used); {
		if !used[c] {
			c++
			continue
		}
		s := span{from: c}
		for c < len(used) && (used[c] || (c+1 < len(used) && used[c+1])) {
			c++
		}
		s.to = c
		cols = append(cols, s)
	}
	var cells [][]string
	for _, g := range grid {
		line := make([]string, len(cols))
		for i, s := range cols {
			var b strings.Builder
			for _, gl := range g {
				if gl.col >= s.from && gl.col < s.to {
					b.WriteRune(gl.r)
				}
			}
			line[i] = strings.TrimSpace(b.String())
		}
		cells = append(cells, line)
	}
	return cells
}

// cellAt returns line[i], or "" past its end.
func cellAt(line []string, i int) string {
	if i < len(line) {
		return line[i]
	}
	return ""
}

// TestJSONTyped checks the JSON shape on known values: numbers as numbers,
// implied decimals scaled, a price as amount and direction, ISO dates, null for
// no value; and that it never goes through float64.
func TestJSONTyped(t *testing.T) {
	decode := func(args ...string) map[string]any {
		t.Helper()
		r := runArgs(nil, append(args, "-o", "json")...)
		if r.code != 0 {
			t.Fatal(r)
		}
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(r.stdout))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := decode("call", "ka10001", "stk_cd=005930")
	for key, want := range map[string]string{
		"cur_prc":         `{"amount":58000,"direction":"+"}`,
		"oyr_lwst":        `{"amount":55900,"direction":"-"}`,
		"pred_pre":        `1300`,
		"flu_rt":          `2.29`,
		"250hgst_pric_dt": `"2024-07-11"`,
		"mac_wght":        `null`,
		"stk_nm":          `"삼성전자"`,
		"pre_sig":         `"2"`,
		"crd_rt":          `0.15`,
	} {
		b, _ := json.Marshal(m[key])
		if string(b) != want {
			t.Errorf("ka10001 %s = %s, want %s", key, b, want)
		}
	}
	m = decode("call", "ka10059", "stk_cd=005930", "dt=20241107", "amt_qty_tp=1", "trde_tp=0", "unit_tp=1000")
	rows := m["stk_invsr_orgn"].([]any)
	if got := rows[0].(map[string]any)["flu_rt"]; got != json.Number("2.29") {
		t.Errorf("ka10059 flu_rt = %#v, want 2.29 (implied decimals scaled)", got)
	}
	if got := rows[1].(map[string]any)["cur_prc"]; !reflect.DeepEqual(got, map[string]any{"amount": json.Number("56700"), "direction": "-"}) {
		t.Errorf("a down day's price = %#v, want a positive amount and direction -", got)
	}
	// A decimal that float64 cannot hold exactly keeps every digit.
	v, err := normalize(catalog.Field{Name: "x", Type: catalog.TypeDecimal}, reflect.ValueOf(kiwoom.NewDecimal(1234567890123456789, 9)), false)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := marshalJSON(v.json()); string(b) != "1234567890.123456789" {
		t.Errorf("decimal = %s", b)
	}
	for _, tc := range []struct {
		f    catalog.Field
		v    any
		want string
	}{
		{catalog.Field{Type: catalog.TypeTime}, kiwoom.NewTimeOfDay(15, 30, 12), `"15:30:12"`},
		{catalog.Field{Type: catalog.TypeTime}, kiwoom.TimeOfDay{}, `null`},
		{catalog.Field{Type: catalog.TypeImpliedDecimal}, kiwoom.NewImplied2(-5), `-0.05`},
		{catalog.Field{Type: catalog.TypeInt}, kiwoom.Int{}, `null`},
		{catalog.Field{Type: catalog.TypePrice}, kiwoom.NewPrice(0, kiwoom.SignMinus), `{"amount":0,"direction":"-"}`},
		{catalog.Field{Type: catalog.TypePrice}, kiwoom.NewPrice(70800, kiwoom.SignNone), `{"amount":70800,"direction":""}`},
		{catalog.Field{Type: catalog.TypeFlags}, kiwoom.Flags(nil), `[]`},
		{catalog.Field{Type: catalog.TypeText}, "S&P <500>", `"S&P <500>"`},
	} {
		v, err := normalize(tc.f, reflect.ValueOf(tc.v), false)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := marshalJSON(v.json()); string(b) != tc.want {
			t.Errorf("%T %v = %s, want %s", tc.v, tc.v, b, tc.want)
		}
	}
	if _, err := normalize(catalog.Field{Name: "p", Type: catalog.TypePrice}, reflect.ValueOf(kiwoom.NewPrice(-1, kiwoom.SignNone)), false); err == nil {
		t.Error("a negative price amount was printed")
	}
	// au10001's expires_dt is RFC 3339 in Korea time.
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	r := runArgs(serverEnv(srv), append(goldenArgs(t, srv, "au10001"), "-o", "json")...)
	var tok struct {
		ExpiresDt string `json:"expires_dt"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &tok); err != nil || !strings.HasSuffix(tok.ExpiresDt, "+09:00") || len(tok.ExpiresDt) != len("2006-01-02T15:04:05+09:00") {
		t.Errorf("expires_dt = %q (%v)", tok.ExpiresDt, err)
	}
}

// TestCSVAppends prints a single-record answer as one header row and one value
// row, so the lines of several calls append under one header; a list TR's lines
// carry the single-record fields.
func TestCSVAppends(t *testing.T) {
	var all [][]string
	// (The fixture server answers every stock code with the same record.)
	for _, code := range []string{"005930", "000660"} {
		r := runArgs(nil, "call", "ka10001", "stk_cd="+code, "-o", "csv")
		recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if r.code != 0 || err != nil || len(recs) != 2 {
			t.Fatalf("%s: %v\n%s", code, err, r)
		}
		if all == nil {
			all = recs
		} else if !slices.Equal(all[0], recs[0]) {
			t.Fatalf("headers differ:\n%v\n%v", all[0], recs[0])
		} else {
			all = append(all, recs[1])
		}
	}
	i := slices.Index(all[0], "stk_cd")
	if len(all) != 3 || all[1][i] != "005930" || len(all[2]) != len(all[0]) {
		t.Errorf("appended lines: %v", all)
	}
	j := slices.Index(all[0], "cur_prc.direction")
	if j < 0 || j < slices.Index(all[0], "dstr_rt") || all[1][slices.Index(all[0], "cur_prc")] != "58000" || all[1][j] != "+" {
		t.Errorf("price columns: %v\n%v", all[0], all[1])
	}

	r := runArgs(nil, "call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("%v\n%s", err, r)
	}
	// The row columns keep their places (cur_prc first); stk_cd ends each line.
	if recs[0][0] != "cur_prc" || recs[0][len(recs[0])-1] != "stk_cd" {
		t.Errorf("header %v", recs[0])
	}
	for _, l := range recs[1:] {
		if l[len(l)-1] != "005930" {
			t.Errorf("line %v lacks stk_cd", l)
		}
	}
}

// TestCSVHeadersUnique: for every TR the CSV header names each column once, so
// the single-record part and the rows never collide.
func TestCSVHeadersUnique(t *testing.T) {
	for _, tr := range catalog.TRs() {
		names := columnNames(csvColumns(tr.Response))
		if rf := rowsField(tr); rf != nil {
			rowCols, recCols := listColumns(*rf, tr.Response)
			names = append(columnNames(rowCols), columnNames(recCols)...)
		}
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				t.Errorf("%s: CSV column %s twice", tr.ID, n)
			}
			seen[n] = true
		}
	}
}

// TestRaw prints the body as it arrived with --raw: the exact bytes for a query,
// and the token redacted for au10001 unless the library already did.
func TestRaw(t *testing.T) {
	r := runArgs(nil, "call", "ka10001", "stk_cd=005930", "--raw")
	if r.code != 0 {
		t.Fatal(r)
	}
	if !strings.Contains(r.stdout, `"cur_prc":"+58000"`) || !strings.Contains(r.stdout, `"flu_rt":"+2.29"`) {
		t.Errorf("--raw is not the wire body:\n%s", r.stdout)
	}
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	r = runArgs(serverEnv(srv), append(goldenArgs(t, srv, "au10001"), "--raw", "--reveal")...)
	if r.code != 0 || !strings.Contains(r.stdout, `"token":"[REDACTED]"`) || !strings.Contains(r.stderr, "--format json --reveal") {
		t.Errorf("au10001 --raw --reveal: %s", r)
	}
	// --all --raw: every page's body on a line of its own.
	paged := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer paged.Close()
	r = runArgs(serverEnv(paged), "call", "ka10081", "stk_cd=005930", "base_dt=20250908", "upd_stkpc_tp=1", "--all", "--raw")
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	pages := 0
	for ; dec.More(); pages++ {
		var page struct {
			Rows []struct{ Dt string } `json:"stk_dt_pole_chart_qry"`
		}
		if err := dec.Decode(&page); err != nil || len(page.Rows) != 1 {
			t.Fatalf("page %d: %v\n%s", pages, err, r)
		}
	}
	if r.code != 0 || pages != 3 || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("--all --raw: %d pages\n%s", pages, r)
	}
	if r := runArgs(nil, "call", "ka10001", "stk_cd=005930", "--raw", "-o", "json"); r.code != exitUsage {
		t.Errorf("--raw with --format: %s", r)
	}
}

func TestRedactRaw(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"1","token":"abc","b":2}`:                  `{"a":"1","token":"[REDACTED]","b":2}`,
		"{\"Token\" : \"a\\\"b\",\n \"appkey\":\"k\"}":   "{\"Token\" : \"[REDACTED]\",\n \"appkey\":\"[REDACTED]\"}",
		`{"rows":[{"secretkey":"s"}],"token":""}`:        `{"rows":[{"secretkey":"[REDACTED]"}],"token":""}`,
		`<html>"access_token": "xyz"</html>`:             `<html>"access_token": "[REDACTED]"</html>`,
		`{"stk_nm":"token","token_type":"bearer"}`:       `{"stk_nm":"token","token_type":"bearer"}`,
		`{"token":5,"authorization":"Bearer t","x":"y"}`: `{"token":5,"authorization":"[REDACTED]","x":"y"}`,
	} {
		if got := string(kiwoom.RedactCredentials([]byte(in))); got != want {
			t.Errorf("RedactCredentials(%s) = %s, want %s", in, got, want)
		}
	}
	var b bytes.Buffer
	if err := printRaw(&b, []byte(`{"token":"abc"}`), true); err != nil || b.String() != "{\"token\":\"abc\"}\n" {
		t.Errorf("printRaw --reveal: %q", b.String())
	}
}

// TestOutputDocumented: docs/cli-json.md and kiwoom call -h describe the JSON
// of every value type the catalogue uses.
func TestOutputDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "cli-json.md"))
	if err != nil {
		t.Fatal(err)
	}
	types := map[catalog.ValueType]bool{}
	var walk func([]catalog.Field)
	walk = func(fields []catalog.Field) {
		for _, f := range fields {
			types[f.Type] = true
			walk(f.Fields)
		}
	}
	for _, tr := range catalog.TRs() {
		walk(tr.Response)
	}
	delete(types, catalog.TypeList)
	for typ := range types {
		if !strings.Contains(string(doc), "`"+string(typ)+"`") {
			t.Errorf("docs/cli-json.md does not describe the type %s", typ)
		}
		if !regexp.MustCompile(`(?m)^ {12}(.*[ ,])?` + string(typ) + `[ ,]`).MatchString(jsonHelp) {
			t.Errorf("kiwoom call -h does not describe the type %s", typ)
		}
	}
}
