// Package wire is the runtime of the generated UnmarshalJSON methods of every
// kiwoom package: a strict one-pass JSON scanner (scan.go) and the helpers the
// generated decoders call per field (this file).
//
// Every generated response and row type decodes itself in one pass over the
// body: its decodeJSON method loops over the object's members with an Object
// and switches on each member's key, calling Value, Text or Rows per
// documented field. The result is the value encoding/json's reflection decoder
// would produce for the same struct (keys match case-insensitively, unknown
// keys are ignored, the last of duplicate keys wins, null leaves strings and
// values as they are and a null list nil), and an error names the field path,
// e.g. "stk_dt_pole_chart_qry[1].cur_prc", as a *FieldPathError.
package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// FieldPathError is a value that did not decode, with the path of its field
// from the decoded object: "flu_rt", "stk_dt_pole_chart_qry[1].cur_prc". The
// client turns it into a *kiwoom.DecodeError.
type FieldPathError struct {
	Path   string // the field's path from the decoded object
	Offset int    // byte offset in the input of the value that did not decode
	Err    error  // why the value did not decode
}

// Error formats the path and the cause.
func (e *FieldPathError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FieldPathError) Unwrap() error { return e.Err }

// ErrorOffset returns the byte offset in the input at which err, an error of
// a generated decoder, was found.
func ErrorOffset(err error) (int, bool) {
	var se *jsonSyntaxError
	if errors.As(err, &se) {
		return se.offset, true
	}
	var fe *FieldPathError
	if errors.As(err, &fe) {
		return fe.Offset, true
	}
	return 0, false
}

// Finish completes a top-level decode that stopped at offset n with err: only
// white space may follow the value.
func Finish(data []byte, n int, err error) error { return jsonEnd(data, n, err) }

// jsonWrapPath prefixes the path of err with a key or an index ("[3]").
// Syntax errors stay as they are: the body is not JSON, no field is at fault.
func jsonWrapPath(prefix string, offset int, err error) error {
	switch e := err.(type) {
	case *jsonSyntaxError:
		return err
	case *FieldPathError:
		if strings.HasPrefix(e.Path, "[") {
			return &FieldPathError{Path: prefix + e.Path, Offset: e.Offset, Err: e.Err}
		}
		return &FieldPathError{Path: prefix + "." + e.Path, Offset: e.Offset, Err: e.Err}
	}
	return &FieldPathError{Path: prefix, Offset: offset, Err: err}
}

// Object decodes the members of one JSON object into a generated struct. The
// generated code switches on each member's key, so matching does not depend on
// the order in which keys arrive; a key that matches no case exactly is tried
// once more case-insensitively against the struct's list of keys (names: each
// key followed by '\n'), as encoding/json matches struct fields:
//
//	d := wire.NewObject(data, i, depth)
//	for d.Next() {
//		if !r.decodeField(&d, d.Key()) {
//			r.decodeField(&d, d.Fold(keysRow))
//		}
//	}
//	return d.End()
//
// where decodeField is a switch over the keys that calls Value, Text or Rows
// and reports false for a key it does not know; such a member is skipped.
type Object struct {
	obj   jsonObject
	field string // the current member's key, for error paths; valid until Next
	start int    // offset of the current member's value, for errors
	flags uint8  // jsonString flags of the string last read by raw
}

// NewObject starts decoding the object at data[i], which is nested in depth
// containers (0 for a whole body).
func NewObject(data []byte, i, depth int) Object {
	return Object{obj: jsonObject{data: data, pos: i, depth: depth}}
}

// Next advances to the next member and reports whether there is one.
func (d *Object) Next() bool {
	d.field = ""
	return d.obj.next()
}

// Key returns the current member's key, unescaped. The string shares memory
// with the input: it is for matching and must not be kept.
func (d *Object) Key() string {
	k := d.obj.key
	if len(k) == 0 {
		return ""
	}
	d.field = unsafe.String(&k[0], len(k))
	return d.field
}

// Fold returns the entry of names that the current key matches
// case-insensitively (the first one, as encoding/json picks a field), or "".
func (d *Object) Fold(names string) string {
	key := d.obj.key
	for i := 0; i < len(names); {
		n := names[i : i+strings.IndexByte(names[i:], '\n')]
		if jsonFoldEqual(n, key) {
			d.field = n
			return n
		}
		i += len(n) + 1
	}
	return ""
}

// End returns the offset after the object and the first error.
func (d *Object) End() (int, error) { return d.obj.pos, d.obj.err }

// fail stops decoding with err, located at the current field.
func (d *Object) fail(err error) { d.obj.fail(jsonWrapPath(strings.Clone(d.field), d.start, err)) }

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
func (d *Object) raw() []byte {
	o := &d.obj
	data, start := o.data, o.pos
	d.start = start
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

// Text decodes a JSON string into a string field (text, codes, enums,
// secrets). null leaves the field as it is; other kinds are errors.
func Text[S ~string](d *Object, p *S) {
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

// Value decodes a field of a value type (Int, Price, Date, ...) with
// its UnmarshalJSON method, which also decides what null means.
func Value(d *Object, u json.Unmarshaler) {
	v := d.raw()
	if v == nil {
		return
	}
	if err := u.UnmarshalJSON(v); err != nil {
		d.fail(err)
	}
}

// Rows decodes a JSON array of objects into a list field; dec decodes one
// element from the object at data[i], nested in depth containers, and returns
// the offset after it. As with encoding/json, null sets the list to nil, [] to
// an empty slice, and elements are decoded into the slice's existing elements
// before it grows.
func Rows[T any](d *Object, dst *[]T, dec func(r *T, data []byte, i, depth int) (int, error)) {
	o := &d.obj
	o.pending = false
	d.start = o.pos
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
		end, err := dec(&s[n], a.data, a.pos, a.depth+1)
		if err != nil {
			a.fail(jsonWrapPath("["+strconv.Itoa(n)+"]", a.pos, err))
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
