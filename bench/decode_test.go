package bench_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"time"

	gojson "github.com/goccy/go-json"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
)

// The issue 8 target: the generated decoders are at least as fast as
// github.com/goccy/go-json decoding into all-string structs plus strconv on
// the fields the generated decoders convert (ints, prices, dates, decimals,
// flags). The bodies are built as in kiwoom/decode_bench_test.go: the golden
// fixture's rows repeated, ka10099 to 2,500 rows and ka10081 to 600.

// body builds a body of TR id from golden/<id>/response.json, its rows list
// rowsKey holding the fixture's rows repeated to n rows (keys as in the fixture).
func body(tb testing.TB, id, rowsKey string, n int) []byte {
	tb.Helper()
	data, err := fs.ReadFile(golden.FS(), id+"/response.json")
	if err != nil {
		tb.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		tb.Fatalf("%s: not a JSON object: %v", id, err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for first := true; dec.More(); first = false {
		tok, err := dec.Token()
		if err != nil {
			tb.Fatal(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			tb.Fatal(err)
		}
		if !first {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(tok.(string))
		b.Write(key)
		b.WriteByte(':')
		if tok != rowsKey {
			if err := json.Compact(&b, raw); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		var rows []json.RawMessage
		if err := json.Unmarshal(raw, &rows); err != nil || len(rows) == 0 {
			tb.Fatalf("%s: %s is not a non-empty list: %v", id, rowsKey, err)
		}
		b.WriteByte('[')
		for r := range n {
			if r > 0 {
				b.WriteByte(',')
			}
			if err := json.Compact(&b, rows[r%len(rows)]); err != nil {
				tb.Fatal(err)
			}
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes()
}

// ka10099Strings is ka10099's response with every row value a string.
type ka10099Strings struct {
	ReturnCode int    `json:"return_code"`
	ReturnMsg  string `json:"return_msg"`
	List       []struct {
		Code             string `json:"code"`
		Name             string `json:"name"`
		ListCount        string `json:"listCount"`
		AuditInfo        string `json:"auditInfo"`
		RegDay           string `json:"regDay"`
		LastPrice        string `json:"lastPrice"`
		State            string `json:"state"`
		MarketCode       string `json:"marketCode"`
		MarketName       string `json:"marketName"`
		UpName           string `json:"upName"`
		UpSizeName       string `json:"upSizeName"`
		OrderWarning     string `json:"orderWarning"`
		CompanyClassName string `json:"companyClassName"`
		NxtEnable        string `json:"nxtEnable"`
	} `json:"list"`
}

// ka10099Row is a ka10099 row after strconv: the values the generated
// decoder produces, in plain Go types.
type ka10099Row struct {
	Code, Name, AuditInfo                      string
	ListCount                                  int64
	RegDay                                     time.Time
	LastPrice                                  int64
	State                                      []string
	MarketCode, MarketName, UpName, UpSizeName string
	OrderWarning, CompanyClassName, NxtEnable  string
}

// ka10081Strings is ka10081's response with every row value a string.
type ka10081Strings struct {
	StockCode  string `json:"stk_cd"`
	ReturnCode int    `json:"return_code"`
	ReturnMsg  string `json:"return_msg"`
	Rows       []struct {
		CurPrc     string `json:"cur_prc"`
		TrdeQty    string `json:"trde_qty"`
		TrdePrica  string `json:"trde_prica"`
		Dt         string `json:"dt"`
		OpenPric   string `json:"open_pric"`
		HighPric   string `json:"high_pric"`
		LowPric    string `json:"low_pric"`
		PredPre    string `json:"pred_pre"`
		PredPreSig string `json:"pred_pre_sig"`
		TrdeTernRt string `json:"trde_tern_rt"`
	} `json:"stk_dt_pole_chart_qry"`
}

// ka10081Row is a ka10081 row after strconv.
type ka10081Row struct {
	CurPrc, TrdeQty, TrdePrica        int64
	Dt                                time.Time
	OpenPric, HighPric, LowPric, Pred int64
	PredPreSig                        string
	TrdeTernRt                        float64
}

// parseInt parses a Kiwoom integer or price: an optional sign, then digits
// (zero-padded or not); "" is zero.
func parseInt(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.ParseInt(s, 10, 64)
}

// parseDate parses YYYYMMDD; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) != 8 {
		return time.Time{}, fmt.Errorf("date %q", s)
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[4:6])
	d, err3 := strconv.Atoi(s[6:])
	if err1 != nil || err2 != nil || err3 != nil {
		return time.Time{}, fmt.Errorf("date %q", s)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// convert10099 decodes a ka10099 body with unmarshal into strings and
// converts the rows with strconv.
func convert10099(unmarshal func([]byte, any) error, data []byte) ([]ka10099Row, error) {
	var s ka10099Strings
	if err := unmarshal(data, &s); err != nil {
		return nil, err
	}
	rows := make([]ka10099Row, len(s.List))
	for i, r := range s.List {
		var err [3]error
		rows[i] = ka10099Row{
			Code: r.Code, Name: r.Name, AuditInfo: r.AuditInfo,
			MarketCode: r.MarketCode, MarketName: r.MarketName, UpName: r.UpName, UpSizeName: r.UpSizeName,
			OrderWarning: r.OrderWarning, CompanyClassName: r.CompanyClassName, NxtEnable: r.NxtEnable,
		}
		rows[i].ListCount, err[0] = parseInt(r.ListCount)
		rows[i].RegDay, err[1] = parseDate(r.RegDay)
		rows[i].LastPrice, err[2] = parseInt(r.LastPrice)
		if r.State != "" {
			rows[i].State = strings.Split(r.State, "|")
		}
		for _, e := range err {
			if e != nil {
				return nil, e
			}
		}
	}
	return rows, nil
}

// convert10081 decodes a ka10081 body with unmarshal into strings and
// converts the rows with strconv.
func convert10081(unmarshal func([]byte, any) error, data []byte) ([]ka10081Row, error) {
	var s ka10081Strings
	if err := unmarshal(data, &s); err != nil {
		return nil, err
	}
	rows := make([]ka10081Row, len(s.Rows))
	for i, r := range s.Rows {
		var err [9]error
		row := &rows[i]
		row.CurPrc, err[0] = parseInt(r.CurPrc)
		row.TrdeQty, err[1] = parseInt(r.TrdeQty)
		row.TrdePrica, err[2] = parseInt(r.TrdePrica)
		row.Dt, err[3] = parseDate(r.Dt)
		row.OpenPric, err[4] = parseInt(r.OpenPric)
		row.HighPric, err[5] = parseInt(r.HighPric)
		row.LowPric, err[6] = parseInt(r.LowPric)
		row.Pred, err[7] = parseInt(r.PredPre)
		row.PredPreSig = r.PredPreSig
		row.TrdeTernRt, err[8] = strconv.ParseFloat(r.TrdeTernRt, 64)
		for _, e := range err {
			if e != nil {
				return nil, e
			}
		}
	}
	return rows, nil
}

// decoders lists, per TR, the ways the benchmarks decode a body; each returns
// the number of rows decoded.
type decoder struct {
	name   string
	decode func([]byte) (int, error)
}

type trCase struct {
	tr, rowsKey string
	rows        int
	decoders    []decoder
}

func cases() []trCase {
	generated := func(newResp func() kiwoom.Response, count func(kiwoom.Response) int) func([]byte) (int, error) {
		return func(data []byte) (int, error) {
			r := newResp()
			err := r.(json.Unmarshaler).UnmarshalJSON(data)
			return count(r), err
		}
	}
	return []trCase{
		{tr: "ka10099", rowsKey: "list", rows: 2500, decoders: []decoder{
			{"generated", generated(func() kiwoom.Response { return new(stockinfo.ListResponse) },
				func(r kiwoom.Response) int { return len(r.(*stockinfo.ListResponse).Rows) })},
			{"goccy+strconv", func(data []byte) (int, error) {
				rows, err := convert10099(gojson.Unmarshal, data)
				return len(rows), err
			}},
			{"goccy-strings", func(data []byte) (int, error) {
				var s ka10099Strings
				err := gojson.Unmarshal(data, &s)
				return len(s.List), err
			}},
			{"encoding-json+strconv", func(data []byte) (int, error) { rows, err := convert10099(json.Unmarshal, data); return len(rows), err }},
		}},
		{tr: "ka10081", rowsKey: "stk_dt_pole_chart_qry", rows: 600, decoders: []decoder{
			{"generated", generated(func() kiwoom.Response { return new(chart.StockDailyResponse) },
				func(r kiwoom.Response) int { return len(r.(*chart.StockDailyResponse).Rows) })},
			{"goccy+strconv", func(data []byte) (int, error) {
				rows, err := convert10081(gojson.Unmarshal, data)
				return len(rows), err
			}},
			{"goccy-strings", func(data []byte) (int, error) {
				var s ka10081Strings
				err := gojson.Unmarshal(data, &s)
				return len(s.Rows), err
			}},
			{"encoding-json+strconv", func(data []byte) (int, error) { rows, err := convert10081(json.Unmarshal, data); return len(rows), err }},
		}},
	}
}

// BenchmarkGoccy compares, per TR, the generated decoder with goccy/go-json
// into all-string structs plus strconv (the target), goccy into strings alone,
// and encoding/json plus strconv.
func BenchmarkGoccy(b *testing.B) {
	for _, c := range cases() {
		data := body(b, c.tr, c.rowsKey, c.rows)
		for _, d := range c.decoders {
			b.Run("tr="+c.tr+"/decoder="+d.name, func(b *testing.B) {
				if n, err := d.decode(data); err != nil || n != c.rows {
					b.Fatalf("decoded %d rows, want %d: %v", n, c.rows, err)
				}
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := d.decode(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestBaselinesAgree checks that the baselines do the work the generated
// decoder does: the same rows and, for a few fields, the same values.
func TestBaselinesAgree(t *testing.T) {
	data := body(t, "ka10099", "list", 2500)
	var gen stockinfo.ListResponse
	if err := gen.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	for name, unmarshal := range map[string]func([]byte, any) error{"goccy": gojson.Unmarshal, "encoding/json": json.Unmarshal} {
		rows, err := convert10099(unmarshal, data)
		if err != nil || len(rows) != len(gen.Rows) {
			t.Fatalf("%s: %d rows, %v; want %d", name, len(rows), err, len(gen.Rows))
		}
		for i, r := range rows {
			g := gen.Rows[i]
			if r.Code != g.Code || r.ListCount != g.ListedShares.Value || r.LastPrice != g.PrevClosePrice.Value ||
				r.RegDay.Year() != g.ListingDate.Year || len(r.State) != len(g.State) {
				t.Fatalf("%s row %d: %+v, generated %+v", name, i, r, g)
			}
		}
	}

	data = body(t, "ka10081", "stk_dt_pole_chart_qry", 600)
	var daily chart.StockDailyResponse
	if err := daily.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	rows, err := convert10081(gojson.Unmarshal, data)
	if err != nil || len(rows) != len(daily.Rows) {
		t.Fatalf("goccy: %d rows, %v; want %d", len(rows), err, len(daily.Rows))
	}
	for i, r := range rows {
		g := daily.Rows[i]
		if r.CurPrc != g.CurrentPrice.Value || r.Pred != g.PrevDayChange.Value || r.Dt.Day() != g.Date.Day {
			t.Fatalf("goccy row %d: %+v, generated %+v", i, r, g)
		}
	}
}
