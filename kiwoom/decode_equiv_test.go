package kiwoom_test

// The generated UnmarshalJSON methods — of the token responses in package
// kiwoom and of every response and row type in the family packages
// (stockinfo, chart, account, order), reached through catalog.TRs() — must
// decode exactly like encoding/json's reflection decoder would decode the
// same structs without them: the same typed value, and the same
// accept/reject verdict. The reference decoder here decodes into a
// method-less mirror of each generated type (built with reflect.StructOf: the
// same fields and tags, Envelope's fields inlined, list rows mirrored too) and
// copies the result back into the generated type.
//
// The generated decoders match keys with a switch, so the order in which keys
// arrive must not matter either (TestDecodeKeyOrder).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
)

var (
	envelopeType = reflect.TypeFor[kiwoom.Envelope]()
	mirrors      sync.Map // reflect.Type → reflect.Type
)

// reflectMirror returns a struct type without methods that encoding/json
// decodes like the generated struct t would decode without its UnmarshalJSON.
func reflectMirror(t reflect.Type) reflect.Type {
	if m, ok := mirrors.Load(t); ok {
		return m.(reflect.Type)
	}
	var fields []reflect.StructField
	own := map[string]bool{} // JSON names of t's own fields: they hide Envelope's
	for i := range t.NumField() {
		if f := t.Field(i); !f.Anonymous {
			own[jsonName(f)] = true
		}
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			if f.Type != envelopeType {
				panic(fmt.Sprintf("%v embeds %v", t, f.Type))
			}
			for j := range f.Type.NumField() {
				ef := f.Type.Field(j)
				if name := jsonName(ef); name != "-" && !own[name] {
					fields = append(fields, reflect.StructField{Name: ef.Name, Type: ef.Type, Tag: ef.Tag})
				}
			}
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			ft = reflect.SliceOf(reflectMirror(ft.Elem()))
		}
		fields = append(fields, reflect.StructField{Name: f.Name, Type: ft, Tag: f.Tag})
	}
	m := reflect.StructOf(fields)
	mirrors.Store(t, m)
	return m
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// copyMirror copies a decoded mirror value src into the generated struct dst.
func copyMirror(dst, src reflect.Value) {
	for i := range dst.NumField() {
		f := dst.Type().Field(i)
		if f.Anonymous {
			env := dst.Field(i)
			for j := range env.NumField() {
				if sf := src.FieldByName(env.Type().Field(j).Name); sf.IsValid() {
					env.Field(j).Set(sf)
				}
			}
			continue
		}
		sf := src.FieldByName(f.Name)
		if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct {
			if sf.IsNil() {
				continue
			}
			rows := reflect.MakeSlice(f.Type, sf.Len(), sf.Len())
			for j := range sf.Len() {
				rows.Index(j).Set(sf.Index(j).Convert(f.Type.Elem()))
			}
			dst.Field(i).Set(rows)
			continue
		}
		dst.Field(i).Set(sf)
	}
}

// decodeReflect decodes body into resp with encoding/json's reflection
// decoder, bypassing the generated UnmarshalJSON methods. strict rejects keys
// the types do not carry (json.Decoder.DisallowUnknownFields) and anything
// after the object.
func decodeReflect(body []byte, resp kiwoom.Response, strict bool) error {
	rv := reflect.ValueOf(resp).Elem()
	m := reflect.New(reflectMirror(rv.Type()))
	if strict {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(m.Interface()); err != nil {
			return err
		}
		if _, err := dec.Token(); err != io.EOF {
			return fmt.Errorf("data after the JSON object")
		}
	} else if err := json.Unmarshal(body, m.Interface()); err != nil {
		return err
	}
	copyMirror(rv, m.Elem())
	return nil
}

// checkEquivalent decodes body as tr's response with the generated decoder
// (called directly, and through json.Unmarshal) and with reflection, and
// reports any difference in verdict or value.
func checkEquivalent(t *testing.T, tr catalog.TR, body []byte) {
	t.Helper()
	want := tr.NewResponse()
	wantErr := decodeReflect(body, want, false)
	got := tr.NewResponse()
	gotErr := got.(json.Unmarshaler).UnmarshalJSON(body)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: generated decoder error %v, reflection error %v, for\n%q", tr.ID, gotErr, wantErr, body)
	}
	// reflect.DeepEqual first: cmp.Diff is only needed to explain a difference.
	if wantErr == nil && !reflect.DeepEqual(want, got) {
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("%s: generated decoder differs from reflection (-reflection +generated):\n%s\nbody %q", tr.ID, d, body)
		}
	}
	viaStd := tr.NewResponse()
	if err := json.Unmarshal(body, viaStd); (err == nil) != (wantErr == nil) {
		t.Fatalf("%s: json.Unmarshal with the generated method: error %v, reflection error %v, for\n%q", tr.ID, err, wantErr, body)
	} else if err == nil && !reflect.DeepEqual(want, viaStd) {
		if d := cmp.Diff(want, viaStd); d != "" {
			t.Fatalf("%s: json.Unmarshal with the generated method differs (-reflection +generated):\n%s", tr.ID, d)
		}
	}
}

func goldenBodies(t testing.TB) map[string][]byte {
	bodies := map[string][]byte{}
	for _, tr := range catalog.TRs() {
		b, err := fs.ReadFile(golden.FS(), tr.ID+"/response.json")
		if err != nil {
			t.Fatalf("%s: %v", tr.ID, err)
		}
		bodies[tr.ID] = b
	}
	return bodies
}

// TestDecodeEquivalence compares the generated decoders with reflection on
// the golden responses and on mutants of them: structural edits (nulls, wrong
// kinds, unknown, duplicate, differently cased and escaped keys, empty and
// odd lists), every truncation, and single-byte edits at random offsets.
//
// The cost grows with the number of TRs, so each TR gets a bounded sample of
// truncations (every cut in the first and last 96 bytes and 160 spread
// between) and 400 random byte edits; FuzzDecodeEquivalence searches further.
func TestDecodeEquivalence(t *testing.T) {
	t.Parallel()
	bodies := goldenBodies(t)
	trs := catalog.TRs()
	if raceEnabled {
		trs = trs[:min(len(trs), 4)] // single-goroutine code: a sample is enough under -race
	}
	for _, tr := range trs {
		t.Run(tr.ID, func(t *testing.T) {
			t.Parallel()
			body := bodies[tr.ID]
			checkEquivalent(t, tr, body)
			for _, m := range structuralMutants(t, tr, body) {
				checkEquivalent(t, tr, m)
			}
			for _, i := range truncationPoints(len(body)) {
				checkEquivalent(t, tr, body[:i])
			}
			rng := rand.New(rand.NewPCG(1, uint64(len(body))))
			edits := []byte("\"\\,:[]{} \t0-+.eEnulltrufas1x'\x00\x1f\x7f\x80\xc5\xff")
			for range 400 {
				m := bytes.Clone(body)
				m[rng.IntN(len(m))] = edits[rng.IntN(len(edits))]
				checkEquivalent(t, tr, m)
			}
		})
	}
}

// structuralMutants derives variants of a golden body by editing its decoded
// form and by text substitutions.
// spread returns at most n of fields, evenly spread and always with the first
// and the last.
func spread(fields []catalog.Field, n int) []catalog.Field {
	if len(fields) <= n {
		return fields
	}
	out := make([]catalog.Field, 0, n)
	for i := range n {
		out = append(out, fields[i*(len(fields)-1)/(n-1)])
	}
	return out
}

// truncationPoints returns the cut points of a body of n bytes to try: every
// cut in the first and the last 96 bytes and 160 spread evenly between.
func truncationPoints(n int) []int {
	var out []int
	for i := range n {
		if i < 96 || i >= n-96 || i%max(1, n/160) == 0 {
			out = append(out, i)
		}
	}
	return out
}

func structuralMutants(t *testing.T, tr catalog.TR, body []byte) [][]byte {
	t.Helper()
	var out [][]byte
	add := func(b []byte) { out = append(out, b) }
	edit := func(f func(m map[string]any)) {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		add(b)
	}
	odd := []any{nil, 12, -0.5, 1e3, true, false, "", "x", "12a", "+1", "--2", "0000", "\u00e9\t\"\\/", []any{}, []any{"a"}, map[string]any{}, map[string]any{"k": []any{1}}}
	var compact bytes.Buffer
	if err := json.Compact(&compact, body); err != nil {
		t.Fatal(err)
	}
	add(compact.Bytes())
	add([]byte(" \n\t" + string(body) + " \r\n"))
	for _, lit := range []string{"", " ", "null", " null ", "{}", "[]", "0", `"x"`, "true", "{} {}", "{}x", "{,}", `{"return_code":0,}`, `{'return_code':0}`} {
		add([]byte(lit))
	}
	// Every kind of edit on the envelope and on a spread of at most 16 of the
	// TR's fields (and 16 row fields per list): the decoder is one generic
	// runtime plus one switch per struct, so a sample covers every value type
	// while the test's cost stays flat as TRs are added.
	keys := []string{"return_code", "return_msg"}
	for _, f := range spread(tr.Response, 16) {
		keys = append(keys, f.Name)
	}
	for _, k := range keys {
		for _, v := range odd {
			edit(func(m map[string]any) { m[k] = v })
		}
		edit(func(m map[string]any) { delete(m, k) })
		edit(func(m map[string]any) { v := m[k]; delete(m, k); m[strings.ToUpper(k)] = v })
		edit(func(m map[string]any) {
			v := m[k]
			delete(m, k)
			// U+212A KELVIN SIGN and U+017F LATIN SMALL LETTER LONG S fold to k and s.
			m[strings.NewReplacer("k", "\u212a", "s", "\u017f").Replace(k)] = v
		})
		edit(func(m map[string]any) { m["unknown_"+k] = m[k] })
	}
	for _, f := range tr.Response {
		if f.Type != catalog.TypeList {
			continue
		}
		for _, v := range []any{[]any{}, []any{nil}, []any{1}, []any{"x"}, []any{[]any{}}, []any{map[string]any{}}} {
			edit(func(m map[string]any) { m[f.Name] = v })
		}
		for _, rf := range spread(f.Fields, 16) {
			for _, v := range odd {
				edit(func(m map[string]any) {
					if rows, _ := m[f.Name].([]any); len(rows) > 0 {
						rows[len(rows)-1].(map[string]any)[rf.Name] = v
					}
				})
			}
			edit(func(m map[string]any) {
				if rows, _ := m[f.Name].([]any); len(rows) > 0 {
					row := rows[0].(map[string]any)
					row[strings.ToUpper(rf.Name)] = row[rf.Name]
					delete(row, rf.Name)
					row["kind"] = map[string]any{"nested": []any{1, "two", nil, true}}
				}
			})
		}
	}
	// Text edits: escaped keys, duplicate keys (last wins; a duplicate list
	// decodes into the rows of the first), bad syntax.
	s := string(compact.Bytes())
	for _, k := range keys {
		q := `"` + k + `":`
		if !strings.Contains(s, q) {
			continue
		}
		add([]byte(strings.Replace(s, q, `"\u00`+fmt.Sprintf("%x", k[0])+k[1:]+`":`, 1)))
		add([]byte(strings.Replace(s, q, `"`+k+`\u0000":`, 1)))
		i := strings.Index(s, q) + len(q)
		var raw json.RawMessage
		if err := json.NewDecoder(strings.NewReader(s[i:])).Decode(&raw); err != nil {
			t.Fatal(err)
		}
		add([]byte(s[:len(s)-1] + "," + q + string(raw) + "}"))
		add([]byte(s[:len(s)-1] + "," + q + "null}"))
		add([]byte("{" + q + string(raw) + "," + s[1:]))
		if strings.HasPrefix(string(raw), "[") {
			add([]byte(s[:len(s)-1] + "," + q + `[{"x":1}]}`))
			add([]byte("{" + q + `[{},{},{},{}],` + s[1:]))
			add([]byte(s[:len(s)-1] + "," + q + "[]," + q + string(raw) + "}"))
		}
	}
	for _, r := range [][2]string{
		{`}`, `,}`}, {`]`, `,]`}, {`"`, `'`}, {`:`, ` : `}, {`,`, " ,\n"}, {`":"`, `":"\t`}, {`0`, `01`},
		{`"`, `"\`}, {`"`, `"\u12`}, {`"`, `"\x`}, {`"`, "\"\xff\xfe"}, {`{`, `{"":0,`}, {`[`, `[ `},
	} {
		add([]byte(strings.Replace(s, r[0], r[1], 1)))
		add([]byte(strings.Replace(s, r[0], r[1], -1)))
	}
	return out
}

// FuzzDecodeEquivalence checks the generated decoders against reflection on
// arbitrary bodies, seeded with the golden responses.
func FuzzDecodeEquivalence(f *testing.F) {
	trs := catalog.TRs()
	bodies := goldenBodies(f)
	for i, tr := range trs {
		f.Add(uint8(i), bodies[tr.ID])
	}
	f.Add(uint8(0), []byte(`{"return_code":0,"return_msg":"","list":[{"code":"1"},null,{}],"list":[{"name":"n"}]}`))
	f.Fuzz(func(t *testing.T, i uint8, body []byte) {
		checkEquivalent(t, trs[int(i)%len(trs)], body)
	})
}

// TestDecodeDeepNesting checks encoding/json's nesting limit (10000
// containers) inside an unknown key and inside a list row.
func TestDecodeDeepNesting(t *testing.T) {
	tr, _ := catalog.Lookup("ka10099")
	for _, depth := range []int{9996, 9997, 9998, 9999, 10000} {
		nest := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		checkEquivalent(t, tr, []byte(`{"x":`+nest+`}`))
		checkEquivalent(t, tr, []byte(`{"list":[{"x":`+nest+`}]}`))
	}
}

// TestDecodeKeyOrder decodes every golden response with its keys — at the top
// level and in every list row — in other orders (reversed, sorted and
// shuffled, and once shuffled with every key upper-cased, which the decoders
// match case-insensitively as encoding/json does) and checks that the
// generated decoder yields the same value as for the golden order, and still
// agrees with reflection.
func TestDecodeKeyOrder(t *testing.T) {
	bodies := goldenBodies(t)
	for _, tr := range catalog.TRs() {
		t.Run(tr.ID, func(t *testing.T) {
			body := bodies[tr.ID]
			want := tr.NewResponse()
			if err := want.(json.Unmarshaler).UnmarshalJSON(body); err != nil {
				t.Fatalf("golden body: %v", err)
			}
			type variant struct {
				name  string
				order func([]string)
				upper bool
			}
			variants := []variant{
				{"golden order, compacted", func([]string) {}, false},
				{"reversed", slices.Reverse[[]string], false},
				{"sorted", slices.Sort[[]string], false},
			}
			for seed := range uint64(8) {
				rng := rand.New(rand.NewPCG(seed, uint64(len(body))))
				shuffle := func(keys []string) {
					rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
				}
				variants = append(variants, variant{fmt.Sprintf("shuffled %d", seed), shuffle, false})
				if seed == 0 {
					variants = append(variants, variant{"shuffled and upper-cased", shuffle, true})
				}
			}
			same := reorderKeys(t, body, func([]string) {}, false) // golden order, compacted
			moved := 0
			for _, v := range variants {
				reordered := reorderKeys(t, body, v.order, v.upper)
				if !bytes.Equal(reordered, same) {
					moved++
				}
				got := tr.NewResponse()
				if err := got.(json.Unmarshaler).UnmarshalJSON(reordered); err != nil {
					t.Fatalf("%s: %v\n%s", v.name, err, reordered)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s keys decode differently (-golden order +%s):\n%s\n%s", v.name, v.name, d, reordered)
				}
				checkEquivalent(t, tr, reordered)
			}
			if moved == 0 {
				t.Errorf("no variant changed the key order of golden/%s/response.json", tr.ID)
			}
		})
	}
}

// reorderKeys re-encodes a JSON document with the keys of every object put in
// the order order leaves them (starting from the document's own order), upper-
// cased if upper; values other than objects and arrays are copied verbatim.
func reorderKeys(t *testing.T, body []byte, order func([]string), upper bool) []byte {
	t.Helper()
	var out bytes.Buffer
	var walk func(raw json.RawMessage)
	walk = func(raw json.RawMessage) {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) > 0 && raw[0] == '{':
			dec := json.NewDecoder(bytes.NewReader(raw))
			if _, err := dec.Token(); err != nil { // {
				t.Fatal(err)
			}
			var keys []string
			vals := map[string]json.RawMessage{}
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					t.Fatal(err)
				}
				k := tok.(string)
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					t.Fatal(err)
				}
				if _, dup := vals[k]; dup {
					t.Fatalf("duplicate key %q", k)
				}
				keys = append(keys, k)
				vals[k] = v
			}
			order(keys)
			out.WriteByte('{')
			for i, k := range keys {
				if i > 0 {
					out.WriteByte(',')
				}
				name := k
				if upper {
					name = strings.ToUpper(k)
				}
				q, _ := json.Marshal(name)
				out.Write(q)
				out.WriteByte(':')
				walk(vals[k])
			}
			out.WriteByte('}')
		case len(raw) > 0 && raw[0] == '[':
			var elems []json.RawMessage
			if err := json.Unmarshal(raw, &elems); err != nil {
				t.Fatal(err)
			}
			out.WriteByte('[')
			for i, e := range elems {
				if i > 0 {
					out.WriteByte(',')
				}
				walk(e)
			}
			out.WriteByte(']')
		default:
			out.Write(raw)
		}
	}
	walk(body)
	return out.Bytes()
}

// TestDecodeSavedBody checks kiwoom.Decode, the documented way to decode a
// saved body: on every golden response it yields what the generated decoder
// yields; a non-zero return_code is an *APIError (the body still decoded); a
// bad value is a *DecodeError naming its field path; a body that is not a
// JSON object is a *DecodeError without a field. A struct of the caller's own
// that embeds kiwoom.Envelope decodes through encoding/json.
func TestDecodeSavedBody(t *testing.T) {
	bodies := goldenBodies(t)
	for _, tr := range catalog.TRs() {
		want := tr.NewResponse()
		if err := want.(json.Unmarshaler).UnmarshalJSON(bodies[tr.ID]); err != nil {
			t.Fatalf("%s: %v", tr.ID, err)
		}
		kiwoom.EnvelopeOf(want).Meta.Raw = bodies[tr.ID] // Decode keeps the body, as Do does
		got := tr.NewResponse()
		if err := kiwoom.Decode(bodies[tr.ID], got); err != nil {
			t.Errorf("%s: Decode: %v", tr.ID, err)
		} else if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: Decode differs from the generated decoder (-want +got):\n%s", tr.ID, d)
		}
	}

	tr, _ := catalog.Lookup("ka10081")
	body := bodies["ka10081"]
	failed := bytes.Replace(body, []byte(`"return_code": 0`), []byte(`"return_code": 2`), 1)
	if bytes.Equal(failed, body) {
		t.Fatal(`golden/ka10081/response.json has no "return_code": 0`)
	}
	resp := tr.NewResponse()
	var apiErr *kiwoom.APIError
	if err := kiwoom.Decode(failed, resp); !errors.As(err, &apiErr) || apiErr.ReturnCode != 2 {
		t.Errorf("return_code 2: err = %v, want an *APIError with ReturnCode 2", err)
	}
	if env := kiwoom.EnvelopeOf(resp); env.ReturnCode != 2 || len(dynamicRows(t, tr, resp).([]chart.StockDailyRow)) == 0 {
		t.Errorf("return_code 2: the body was not decoded: %+v", env)
	}

	bad := goldenMutate(t, body, func(m map[string]any) { goldenRow(t, m, "stk_dt_pole_chart_qry", 2)["trde_qty"] = "1,000" })
	var de *kiwoom.DecodeError
	if err := kiwoom.Decode(bad, tr.NewResponse()); !errors.As(err, &de) || de.Field != "stk_dt_pole_chart_qry[2].trde_qty" {
		t.Errorf("bad value: err = %v, want a *DecodeError for stk_dt_pole_chart_qry[2].trde_qty", err)
	}
	for _, notObject := range []string{"", "[]", "<html>", `{"return_code":0`} {
		de = nil
		if err := kiwoom.Decode([]byte(notObject), tr.NewResponse()); !errors.As(err, &de) || de.Field != "" {
			t.Errorf("%q: err = %v, want a *DecodeError without a field", notObject, err)
		}
	}

	type own struct {
		kiwoom.Envelope
		Code  string       `json:"stk_cd"`
		Price kiwoom.Price `json:"cur_prc"`
	}
	var o own
	if err := kiwoom.Decode(bodies["ka10001"], &o); err != nil {
		t.Fatalf("own struct: %v", err)
	}
	if o.Code != "005930" || o.Price != kiwoom.NewPrice(58000, kiwoom.SignPlus) || o.ReturnMsg != goldenOK {
		t.Errorf("own struct decoded as %+v", o)
	}
}
