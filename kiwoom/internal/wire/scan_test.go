package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// jsonScanValid reports whether the scanner accepts data as one JSON value.
func jsonScanValid(data []byte) bool {
	end, err := jsonSkip(data, jsonSpace(data, 0), 0)
	return jsonEnd(data, end, err) == nil
}

var jsonScanCases = []string{
	``, ` `, `null`, `nul`, `nulll`, `true`, `tru`, `false`, `falsy`, `0`, `-0`, `-`, `01`, `1.`, `.5`, `1.5`, `1e`, `1e+`,
	`1E-7`, `1e07`, `-1.0e+2`, `+1`, `0x10`, `NaN`, `""`, `"a`, `"\"`, `"\\"`, `"\/"`, `"\b\f\n\r\t"`, `"\u00e9"`,
	`"\u00g9"`, `"\u12"`, `"\x"`, `"\'"`, "\"\x00\"", "\"\x1f\"", "\"\x7f\"", "\"\xff\xfe\"", `'a'`, `[]`, `[ ]`,
	`[1,]`, `[,1]`, `[1 2]`, `[1,2]`, `[[[]]]`, `[[[]]`, `{}`, `{ }`, `{"a":1}`, `{"a":1,}`, `{,"a":1}`, `{"a"}`,
	`{"a" 1}`, `{"a":}`, `{a:1}`, `{'a':1}`, `{"a":1 "b":2}`, `{"a":[1,{"b":null}],"c":{"d":"e"}}`, `{} {}`, `{}x`,
	"{}\n\t ", " \r\n{\"a\" : \"b\" } ", `{"a":1}}`, `[1]]`, `"a"b`, `{"\u0061":1}`, `{"a\"b":1}`, `{"":0}`,
}

func TestJSONScanMatchesValid(t *testing.T) {
	for _, c := range jsonScanCases {
		if got, want := jsonScanValid([]byte(c)), json.Valid([]byte(c)); got != want {
			t.Errorf("%q: scanner accepts %v, encoding/json %v", c, got, want)
		}
	}
	deep := func(n int) []byte {
		return []byte(strings.Repeat(`[{"a":`, n/2) + strings.Repeat(`}]`, n/2))
	}
	for _, n := range []int{9998, 10000, 10002} {
		if got, want := jsonScanValid(deep(n)), json.Valid(deep(n)); got != want {
			t.Errorf("%d nested containers: scanner accepts %v, encoding/json %v", n, got, want)
		}
	}
}

// jsonObjectKeys lists the keys of the object in data with the scanner.
func jsonObjectKeys(data []byte) ([]string, error) {
	o := jsonObject{data: data}
	var keys []string
	for o.next() {
		keys = append(keys, string(o.key))
	}
	return keys, jsonEnd(data, o.pos, o.err)
}

// jsonDecoderKeys lists the keys of the object in data with encoding/json.
func jsonDecoderKeys(data []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the object")
	}
	return keys, nil
}

func TestJSONObjectKeys(t *testing.T) {
	for _, c := range []string{`{}`, `{"a":1,"b":[1,{"c":2}],"c":null}`, `{"\u0063ode":"x","a\"b":1,"é":2,"\ud83d\ude00":3}`, ` { "a" : { } } `} {
		got, err := jsonObjectKeys([]byte(c))
		want, werr := jsonDecoderKeys([]byte(c))
		if err != nil || werr != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: keys %q (%v), encoding/json %q (%v)", c, got, err, want, werr)
		}
	}
	// null instead of an object ends the iteration without error; other kinds are errors.
	if keys, err := jsonObjectKeys([]byte(` null `)); err != nil || keys != nil {
		t.Errorf("null: keys %q, err %v", keys, err)
	}
	var te *jsonTypeError
	if _, err := jsonObjectKeys([]byte(`[1]`)); !errors.As(err, &te) {
		t.Errorf("array: err %v, want a *jsonTypeError", err)
	}
}

func FuzzJSONScan(f *testing.F) {
	for _, c := range jsonScanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		if got := jsonScanValid(data); got != valid {
			t.Fatalf("%q: scanner accepts %v, encoding/json %v", data, got, valid)
		}
		keys, err := jsonObjectKeys(data)
		want, werr := jsonDecoderKeys(data)
		if werr == nil && (err != nil || strings.Join(keys, "\x00") != strings.Join(want, "\x00")) {
			t.Fatalf("%q: keys %q (%v), encoding/json %q", data, keys, err, want)
		}
	})
}

// TestJSONScanAllocs checks that scanning allocates nothing when keys have
// no escapes.
func TestJSONScanAllocs(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"return_code":0,"return_msg":"정상","list":[`)
	for i := range 100 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"code":"005930","name":"삼성전자","e":"a\"b\u00e9","n":-1.5e3,"t":true,"z":null,"o":{"a":[1,2]}}`)
	}
	b.WriteString(`]}`)
	data := []byte(b.String())
	if allocs := testing.AllocsPerRun(10, func() {
		if !jsonScanValid(data) {
			t.Fatal("invalid")
		}
		o := jsonObject{data: data}
		for o.next() {
		}
		if o.err != nil {
			t.Fatal(o.err)
		}
	}); allocs != 0 {
		t.Errorf("scanning allocates %v times, want 0", allocs)
	}
}

func TestJSONPlainTable(t *testing.T) {
	if len(jsonPlainTab) != 256 {
		t.Fatalf("len(jsonPlainTab) = %d, want 256", len(jsonPlainTab))
	}
	for c := range 256 {
		want := c >= 0x20 && c != '"' && c != '\\'
		if got := jsonPlain(byte(c)); got != want {
			t.Errorf("jsonPlain(%#x) = %v, want %v", c, got, want)
		}
	}
}
