package kiwoom

// Runtime of the generated UnmarshalJSON methods.
//
// Every generated response and row type decodes itself in one pass over the
// body with the scanner of jsonscan.go: its decodeJSON method loops over the
// object's members with an objectDecoder and switches on the member's key,
// calling one of the helpers below per documented field. The result is the
// value encoding/json's reflection decoder would produce for the same struct
// (keys match case-insensitively, unknown keys are ignored, the last of
// duplicate keys wins, null leaves strings and values as they are and a null
// list nil), and an error names the field path, e.g.
// "stk_dt_pole_chart_qry[1].cur_prc", as a *fieldPathError.

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// fieldPathError is a value that did not decode, with the path of its field
// from the decoded object: "flu_rt", "stk_dt_pole_chart_qry[1].cur_prc". The
// client turns it into a *DecodeError.
type fieldPathError struct {
	Path string
	Err  error
}

func (e *fieldPathError) Error() string { return e.Path + ": " + e.Err.Error() }

func (e *fieldPathError) Unwrap() error { return e.Err }

// jsonWrapPath prefixes the path of err with a key or an index ("[3]").
// Syntax errors stay as they are: the body is not JSON, no field is at fault.
func jsonWrapPath(prefix string, err error) error {
	switch e := err.(type) {
	case *jsonSyntaxError:
		return err
	case *fieldPathError:
		if strings.HasPrefix(e.Path, "[") {
			return &fieldPathError{Path: prefix + e.Path, Err: e.Err}
		}
		return &fieldPathError{Path: prefix + "." + e.Path, Err: e.Err}
	}
	return &fieldPathError{Path: prefix, Err: err}
}

// objectDecoder decodes the members of one JSON object into a generated
// struct whose JSON keys are names: a constant that lists them in spec order,
// each followed by '\n':
//
//	d := newObjectDecoder(data, i, depth, "cur_prc\ntrde_qty\n")
//	for d.next() {
//		switch d.field {
//		case "cur_prc":
//			decodeValue(&d, &r.CurrentPrice)
//		}
//	}
//	return d.end()
type objectDecoder struct {
	obj   jsonObject
	names string // the struct's JSON keys, each followed by '\n'
	hint  int    // offset in names of the key expected next
	field string // the current member's key as listed in names; "" for a key the struct lacks
	flags uint8  // jsonString flags of the string last read by raw
}

// newObjectDecoder starts decoding the object at data[i], which is nested in
// depth containers (0 for a whole body).
func newObjectDecoder(data []byte, i, depth int, names string) objectDecoder {
	return objectDecoder{obj: jsonObject{data: data, pos: i, depth: depth}, names: names}
}

// next advances to the next member and reports whether there is one.
func (d *objectDecoder) next() bool {
	if !d.obj.next() {
		return false
	}
	d.field = d.match(d.obj.key)
	return true
}

// end returns the offset after the object and the first error.
func (d *objectDecoder) end() (int, error) { return d.obj.pos, d.obj.err }

// fail stops decoding with err, located at the current field.
func (d *objectDecoder) fail(err error) { d.obj.fail(jsonWrapPath(d.field, err)) }

// nameAt returns the key of names that starts at offset i.
func nameAt(names string, i int) string {
	return names[i : i+strings.IndexByte(names[i:], '\n')]
}

// match returns the entry of names that key selects, as encoding/json picks
// a struct field: an exact match, else the first case-insensitive one. Keys
// usually arrive in spec order, so the one after the last match is tried first.
func (d *objectDecoder) match(key []byte) string {
	names := d.names
	if h := d.hint; h < len(names) {
		if n := nameAt(names, h); n == string(key) {
			d.hint = h + len(n) + 1
			return n
		}
	}
	for i := 0; i < len(names); {
		n := nameAt(names, i)
		if n == string(key) {
			d.hint = i + len(n) + 1
			return n
		}
		i += len(n) + 1
	}
	for i := 0; i < len(names); {
		n := nameAt(names, i)
		if jsonFoldEqual(n, key) {
			return n
		}
		i += len(n) + 1
	}
	return ""
}

// jsonFoldEqual is bytes.EqualFold(key, name) (encoding/json's key folding),
// without converting name in the common all-ASCII case.
func jsonFoldEqual(name string, key []byte) bool {
	if len(name) != len(key) {
		for _, c := range key {
			if c >= utf8.RuneSelf {
				return bytes.EqualFold(key, []byte(name))
			}
		}
		return false
	}
	for i := range len(key) {
		a, b := name[i], key[i]
		if a == b {
			continue
		}
		if a >= utf8.RuneSelf || b >= utf8.RuneSelf {
			return bytes.EqualFold(key, []byte(name))
		}
		if l := a | 0x20; l != b|0x20 || l < 'a' || l > 'z' {
			return false
		}
	}
	return true
}

// raw consumes the current member's value and returns its bytes, or nil after
// a syntax error.
func (d *objectDecoder) raw() []byte {
	o := &d.obj
	data, start := o.data, o.pos
	var end int
	var err error
	if start < len(data) && data[start] == '"' {
		end, d.flags, err = jsonString(data, start)
	} else {
		end, err = jsonSkip(data, start, o.depth+1)
	}
	o.pending = false
	if err != nil {
		o.fail(err)
		return nil
	}
	o.pos = end
	return data[start:end]
}

// decodeText decodes a JSON string into a string field (text, codes, enums,
// secrets). null leaves the field as it is; other kinds are errors.
func decodeText[S ~string](d *objectDecoder, p *S) {
	v := d.raw()
	if v == nil {
		return
	}
	switch v[0] {
	case '"':
		if s := v[1 : len(v)-1]; d.flags == 0 && utf8.Valid(s) {
			*p = S(s)
		} else {
			*p = S(jsonUnquote(v))
		}
	case 'n':
	default:
		d.fail(&jsonTypeError{value: jsonKind(v[0]), want: "a string"})
	}
}

// decodeValue decodes a field of a value type (Int, Price, Date, ...) with
// its UnmarshalJSON method, which also decides what null means.
func decodeValue(d *objectDecoder, u json.Unmarshaler) {
	v := d.raw()
	if v == nil {
		return
	}
	if err := u.UnmarshalJSON(v); err != nil {
		d.fail(err)
	}
}

// jsonRow is a generated struct that decodes itself from the object at
// data[i], nested in depth containers, and returns the offset after it.
type jsonRow interface {
	decodeJSON(data []byte, i, depth int) (int, error)
}

// decodeRows decodes a JSON array of objects into a list field. As with
// encoding/json, null sets it to nil, [] to an empty slice, and elements are
// decoded into the slice's existing elements before it grows.
func decodeRows[T any, P interface {
	*T
	jsonRow
}](d *objectDecoder, dst *[]T) {
	o := &d.obj
	o.pending = false
	a := jsonArray{data: o.data, pos: o.pos, depth: o.depth + 1}
	start, s := o.pos, *dst
	for a.next() {
		n := a.n - 1
		if n >= cap(s) {
			s = jsonGrow(s, n, a.pos-start, len(a.data)-a.pos)
		}
		if n >= len(s) {
			s = s[:n+1]
		}
		end, err := P(&s[n]).decodeJSON(a.data, a.pos, a.depth+1)
		if err != nil {
			a.fail(jsonWrapPath("["+strconv.Itoa(n)+"]", err))
			break
		}
		a.pos = end
	}
	o.pos = a.pos
	switch {
	case a.err != nil:
		d.fail(a.err)
	case a.null:
		*dst = nil
	case a.n == 0:
		*dst = []T{}
	default:
		*dst = s[:a.n]
	}
}

// jsonGrow makes room for element n (n == len(s) == cap(s)). After the first
// element it sizes the slice for the rest of the input at the average length
// of the elements so far (used bytes for n elements, rest bytes left), so a
// long list is allocated once; the estimate is capped at a few bytes of
// memory per byte of input, and append's growth takes over if it was short.
func jsonGrow[T any](s []T, n, used, rest int) []T {
	more := 1
	if n > 0 {
		more = rest/max(used/n, 1) + 1
		if size := int(unsafe.Sizeof(*new(T))); size > 0 {
			more = min(more, 4*rest/size+1)
		}
	}
	return slices.Grow(s[:n], more)
}
