package kiwoom_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
)

// Decoding benchmarks of issue 8 (docs/performance.md): the generated
// decoders against encoding/json into all-string structs, the ways to decode
// a saved body, and the key order of the rows. The bodies are the golden
// fixtures' rows repeated: ka10099 with 2,500 rows (a whole market), ka10081
// with 600 (about two years of daily candles). Run and compare with
//
//	go test -run '^$' -bench 'BenchmarkDecodeRows|BenchmarkDecodeKeyOrder' -benchmem -count 10 ./kiwoom/ > decode.txt
//	go -C tools run golang.org/x/perf/cmd/benchstat -col /decoder "$PWD/decode.txt"
//
// The comparison with github.com/goccy/go-json lives in the bench module
// (bench/), so that the library never requires it.

// dbKV is one key and its raw value in an object, in body order.
type dbKV struct {
	key string
	raw json.RawMessage
}

// dbObject splits a JSON object into its keys and raw values, in order.
func dbObject(tb testing.TB, data []byte) []dbKV {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		tb.Fatalf("not a JSON object: %v", err)
	}
	var kvs []dbKV
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			tb.Fatal(err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			tb.Fatal(err)
		}
		kvs = append(kvs, dbKV{key: tok.(string), raw: raw})
	}
	return kvs
}

// dbWriteObject writes kvs as a compact JSON object.
func dbWriteObject(tb testing.TB, b *bytes.Buffer, kvs []dbKV) {
	tb.Helper()
	b.WriteByte('{')
	for i, kv := range kvs {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(kv.key)
		b.Write(key)
		b.WriteByte(':')
		if err := json.Compact(b, kv.raw); err != nil {
			tb.Fatal(err)
		}
	}
	b.WriteByte('}')
}

// Key orders of the rows in a benchmark body.
const (
	dbSpecOrder     = "spec"     // as in the fixture, which follows the spec
	dbShuffledOrder = "shuffled" // one fixed random permutation for every row
	dbRandomOrder   = "random"   // a different permutation in every row
)

// dbBody builds a body of TR id from golden/<id>/response.json: the top-level
// keys in the fixture's order, the list rowsKey holding the fixture's rows
// repeated to n rows, each row's keys in the given order.
func dbBody(tb testing.TB, id, rowsKey string, n int, order string) []byte {
	tb.Helper()
	data, err := fs.ReadFile(golden.FS(), id+"/response.json")
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 10099))
	var perm []int
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range dbObject(tb, data) {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(kv.key)
		b.Write(key)
		b.WriteByte(':')
		if kv.key != rowsKey {
			if err := json.Compact(&b, kv.raw); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		var rows []json.RawMessage
		if err := json.Unmarshal(kv.raw, &rows); err != nil || len(rows) == 0 {
			tb.Fatalf("%s: %s is not a non-empty list: %v", id, rowsKey, err)
		}
		b.WriteByte('[')
		for r := range n {
			if r > 0 {
				b.WriteByte(',')
			}
			fields := dbObject(tb, rows[r%len(rows)])
			switch {
			case order == dbRandomOrder || (order == dbShuffledOrder && len(perm) != len(fields)):
				perm = rng.Perm(len(fields))
			case order == dbSpecOrder:
				perm = nil
			}
			if perm != nil {
				shuffled := make([]dbKV, len(fields))
				for i, j := range perm {
					shuffled[i] = fields[j]
				}
				fields = shuffled
			}
			dbWriteObject(tb, &b, fields)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes()
}

// dbKa10099Strings is ka10099's response with every row value a string, as a
// client without typed values would decode it with encoding/json.
type dbKa10099Strings struct {
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

// dbKa10081Strings is ka10081's response with every row value a string.
type dbKa10081Strings struct {
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

// dbCase is one TR of the decoding benchmarks.
type dbCase struct {
	tr, rowsKey string
	rows        int
	// generated returns a new generated response; strings a new all-string one.
	generated, strings func() any
	// count returns the number of rows a decoded response holds.
	count func(any) int
}

func dbCases() []dbCase {
	return []dbCase{
		{
			tr: "ka10099", rowsKey: "list", rows: 2500,
			generated: func() any { return new(stockinfo.ListResponse) },
			strings:   func() any { return new(dbKa10099Strings) },
			count: func(v any) int {
				switch r := v.(type) {
				case *stockinfo.ListResponse:
					return len(r.Rows)
				case *dbKa10099Strings:
					return len(r.List)
				}
				return -1
			},
		},
		{
			tr: "ka10081", rowsKey: "stk_dt_pole_chart_qry", rows: 600,
			generated: func() any { return new(chart.StockDailyResponse) },
			strings:   func() any { return new(dbKa10081Strings) },
			count: func(v any) int {
				switch r := v.(type) {
				case *chart.StockDailyResponse:
					return len(r.Rows)
				case *dbKa10081Strings:
					return len(r.Rows)
				}
				return -1
			},
		},
	}
}

// dbRun benchmarks one way of decoding body into values made by newResp.
func dbRun(b *testing.B, c dbCase, body []byte, newResp func() any, decode func([]byte, any) error) {
	if v := newResp(); decode(body, v) != nil || c.count(v) != c.rows {
		b.Fatalf("%s: the body does not decode to %d rows: %v", c.tr, c.rows, decode(body, newResp()))
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := decode(body, newResp()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeRows compares, per TR, the generated decoder (called
// directly, as the client does) with: encoding/json into all-string structs
// (the baseline; the generated decoder must be at least 2× faster),
// kiwoom.Decode (the documented way to decode a saved body, which adds the
// return_code check), and json.Unmarshal on the generated type (which scans
// the body once more before calling UnmarshalJSON).
func BenchmarkDecodeRows(b *testing.B) {
	for _, c := range dbCases() {
		body := dbBody(b, c.tr, c.rowsKey, c.rows, dbSpecOrder)
		b.Run("tr="+c.tr+"/decoder=generated", func(b *testing.B) {
			dbRun(b, c, body, c.generated, func(data []byte, v any) error { return v.(json.Unmarshaler).UnmarshalJSON(data) })
		})
		b.Run("tr="+c.tr+"/decoder=encoding-json-strings", func(b *testing.B) {
			dbRun(b, c, body, c.strings, json.Unmarshal)
		})
		b.Run("tr="+c.tr+"/decoder=kiwoom.Decode", func(b *testing.B) {
			dbRun(b, c, body, c.generated, func(data []byte, v any) error { return kiwoom.Decode(data, v.(kiwoom.Response)) })
		})
		b.Run("tr="+c.tr+"/decoder=json.Unmarshal-generated", func(b *testing.B) {
			dbRun(b, c, body, c.generated, json.Unmarshal)
		})
	}
}

// BenchmarkDecodeKeyOrder decodes the same rows with their keys in spec
// order, in one shuffled order, and in a different order per row. The
// generated decoders switch on the key, so the order should not matter.
func BenchmarkDecodeKeyOrder(b *testing.B) {
	for _, c := range dbCases() {
		for _, order := range []string{dbSpecOrder, dbShuffledOrder, dbRandomOrder} {
			body := dbBody(b, c.tr, c.rowsKey, c.rows, order)
			b.Run("tr="+c.tr+"/order="+order, func(b *testing.B) {
				dbRun(b, c, body, c.generated, func(data []byte, v any) error { return v.(json.Unmarshaler).UnmarshalJSON(data) })
			})
		}
	}
}

// TestDecodeKeyOrderBodies checks what the benchmarks rely on: the bodies
// really differ in key order, and every order, every decoding path and
// encoding/json give the same response.
func TestDecodeKeyOrderBodies(t *testing.T) {
	for _, c := range dbCases() {
		spec := dbBody(t, c.tr, c.rowsKey, c.rows, dbSpecOrder)
		want := c.generated()
		if err := want.(json.Unmarshaler).UnmarshalJSON(spec); err != nil {
			t.Fatalf("%s: %v", c.tr, err)
		}
		if n := c.count(want); n != c.rows {
			t.Fatalf("%s: %d rows, want %d", c.tr, n, c.rows)
		}
		strs := c.strings()
		if err := json.Unmarshal(spec, strs); err != nil || c.count(strs) != c.rows {
			t.Errorf("%s: encoding/json into strings: %v, %d rows", c.tr, err, c.count(strs))
		}
		viaDecode, viaUnmarshal := c.generated(), c.generated()
		err := kiwoom.Decode(spec, viaDecode.(kiwoom.Response))
		kiwoom.EnvelopeOf(viaDecode.(kiwoom.Response)).Meta = kiwoom.Meta{} // Decode may keep the raw body there
		if err != nil || !reflect.DeepEqual(viaDecode, want) {
			t.Errorf("%s: kiwoom.Decode gives another response (%v)", c.tr, err)
		}
		if err := json.Unmarshal(spec, viaUnmarshal); err != nil || !reflect.DeepEqual(viaUnmarshal, want) {
			t.Errorf("%s: json.Unmarshal gives another response (%v)", c.tr, err)
		}
		for _, order := range []string{dbShuffledOrder, dbRandomOrder} {
			body := dbBody(t, c.tr, c.rowsKey, c.rows, order)
			if bytes.Equal(body, spec) || len(body) != len(spec) {
				t.Errorf("%s: the %s body is not a reordering of the spec-order body", c.tr, order)
			}
			got := c.generated()
			if err := got.(json.Unmarshaler).UnmarshalJSON(body); err != nil {
				t.Errorf("%s, %s order: %v", c.tr, order, err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: rows with keys in %s order decode differently", c.tr, order)
			}
		}
	}
}
