package wire

// A small, strict JSON scanner for the generated response decoders.
//
// The functions here work on the whole input and an offset into it, so error
// offsets are absolute and nothing is copied: a string is located (and
// validated) in place, and any value can be skipped. They accept exactly what
// encoding/json accepts: RFC 8259 syntax with no trailing commas, no single
// quotes, no control characters in strings, only the escapes \" \\ \/ \b \f
// \n \r \t \uXXXX, the number grammar -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
// the literals true, false and null, at most jsonMaxDepth nested containers,
// and nothing but white space after the top-level value. Like encoding/json
// it does not validate UTF-8 (strings are repaired when decoded).
//
// All unexported identifiers in this file carry the prefix "json".

import (
	"encoding/json"
	"strconv"
)

// jsonMaxDepth is encoding/json's limit on nested objects and arrays.
const jsonMaxDepth = 10000

// jsonSyntaxError is malformed JSON at a byte offset of the input.
type jsonSyntaxError struct {
	msg    string
	offset int
}

func (e *jsonSyntaxError) Error() string {
	return "invalid JSON at offset " + strconv.Itoa(e.offset) + ": " + e.msg
}

// jsonErrAt describes the byte at data[i] (or the end of the input) as the
// problem found while looking for what.
func jsonErrAt(data []byte, i int, what string) error {
	if i >= len(data) {
		return &jsonSyntaxError{msg: "unexpected end of JSON input", offset: i}
	}
	return &jsonSyntaxError{msg: "invalid character " + jsonQuoteChar(data[i]) + " " + what, offset: i}
}

// jsonQuoteChar formats c the way encoding/json's messages do.
func jsonQuoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// jsonSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func jsonSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonEnd completes a top-level decode that stopped at offset n: only white
// space may follow the value.
func jsonEnd(data []byte, n int, err error) error {
	if err != nil {
		return err
	}
	if i := jsonSpace(data, n); i < len(data) {
		return jsonErrAt(data, i, "after top-level value")
	}
	return nil
}

// jsonStrEscape is the flag jsonString reports for a string with a
// backslash escape.
const jsonStrEscape = 1

// jsonPlainTab has a 1 at the index of each byte that may appear in a string
// without further checks: not '"', not '\\', not a control character. (A
// constant string indexed by a byte needs no bounds check and, unlike a
// package-level table, cannot be modified.)
const jsonPlainTab = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01"

// jsonPlain reports whether c may appear in a string without further checks.
func jsonPlain(c byte) bool { return jsonPlainTab[c] != 0 }

// jsonString scans the string whose opening quote is data[i] and returns the
// offset after its closing quote and whether it contains escapes.
func jsonString(data []byte, i int) (end int, flags uint8, err error) {
	j := i + 1
	for {
		for j < len(data) && jsonPlain(data[j]) {
			j++
		}
		if j >= len(data) {
			return j, flags, jsonErrAt(data, j, "")
		}
		switch c := data[j]; {
		case c == '"':
			return j + 1, flags, nil
		case c == '\\':
			flags |= jsonStrEscape
			if j+1 >= len(data) {
				return j + 1, flags, jsonErrAt(data, j+1, "")
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				for k := j + 2; k < j+6; k++ {
					if k >= len(data) {
						return k, flags, jsonErrAt(data, k, "")
					}
					if !jsonIsHex(data[k]) {
						return k, flags, jsonErrAt(data, k, `in \u hexadecimal character escape`)
					}
				}
				j += 6
			default:
				return j + 1, flags, jsonErrAt(data, j+1, "in string escape code")
			}
		default: // c < 0x20
			return j, flags, jsonErrAt(data, j, "in string literal")
		}
	}
}

func jsonIsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func jsonIsDigit(c byte) bool { return '0' <= c && c <= '9' }

// jsonNumber scans the number that starts at data[i].
func jsonNumber(data []byte, i int) (int, error) {
	if data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		return i, jsonErrAt(data, i, "")
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		for i++; i < len(data) && jsonIsDigit(data[i]); i++ {
		}
	default:
		return i, jsonErrAt(data, i, "in numeric literal")
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || !jsonIsDigit(data[i]) {
			return i, jsonErrAt(data, i, "after decimal point in numeric literal")
		}
		for i++; i < len(data) && jsonIsDigit(data[i]); i++ {
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !jsonIsDigit(data[i]) {
			return i, jsonErrAt(data, i, "in exponent of numeric literal")
		}
		for i++; i < len(data) && jsonIsDigit(data[i]); i++ {
		}
	}
	return i, nil
}

// jsonLiteral scans the literal lit (true, false or null) at data[i].
func jsonLiteral(data []byte, i int, lit string) (int, error) {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(data) {
			return i + k, jsonErrAt(data, i+k, "")
		}
		if data[i+k] != lit[k] {
			return i + k, jsonErrAt(data, i+k, "in literal "+lit+" (expecting "+jsonQuoteChar(lit[k])+")")
		}
	}
	return i + len(lit), nil
}

// jsonSkip validates and skips the value that starts at data[i] (white space
// already skipped), nested in depth containers, and returns the offset after it.
func jsonSkip(data []byte, i, depth int) (int, error) {
	if i >= len(data) {
		return i, jsonErrAt(data, i, "")
	}
	switch c := data[i]; c {
	case '"':
		end, _, err := jsonString(data, i)
		return end, err
	case '{', '[':
		if depth+1 > jsonMaxDepth {
			return i, &jsonSyntaxError{msg: "exceeded max depth", offset: i}
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		i = jsonSpace(data, i+1)
		if i < len(data) && data[i] == closing {
			return i + 1, nil
		}
		for {
			var err error
			if c == '{' {
				if i >= len(data) || data[i] != '"' {
					return i, jsonErrAt(data, i, "looking for beginning of object key string")
				}
				if i, _, err = jsonString(data, i); err != nil {
					return i, err
				}
				i = jsonSpace(data, i)
				if i >= len(data) || data[i] != ':' {
					return i, jsonErrAt(data, i, "after object key")
				}
				i = jsonSpace(data, i+1)
			}
			if i, err = jsonSkip(data, i, depth+1); err != nil {
				return i, err
			}
			i = jsonSpace(data, i)
			switch {
			case i >= len(data):
				return i, jsonErrAt(data, i, "")
			case data[i] == ',':
				i = jsonSpace(data, i+1)
			case data[i] == closing:
				return i + 1, nil
			case c == '{':
				return i, jsonErrAt(data, i, "after object key:value pair")
			default:
				return i, jsonErrAt(data, i, "after array element")
			}
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return jsonNumber(data, i)
	case 't':
		return jsonLiteral(data, i, "true")
	case 'f':
		return jsonLiteral(data, i, "false")
	case 'n':
		return jsonLiteral(data, i, "null")
	}
	return i, jsonErrAt(data, i, "looking for beginning of value")
}

// jsonKind names the kind of the JSON value that starts with c, for type errors.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonUnquote returns the content of the valid JSON string token s, unescaped
// and with invalid UTF-8 replaced by U+FFFD, as encoding/json decodes it. It
// is the slow path for strings with escapes or suspicious bytes.
func jsonUnquote(s []byte) string {
	var out string
	if err := json.Unmarshal(s, &out); err != nil {
		// Unreachable for a token jsonString accepted.
		return string(s[1 : len(s)-1])
	}
	return out
}

// jsonObject iterates the members of the object that starts at data[i]:
//
//	o := jsonObject{data: data, pos: i, depth: depth}
//	for o.next() {
//		key := o.key // unescaped; the value starts at o.pos
//		// consume the value and set o.pos after it, or leave it to next
//	}
//	end, err := o.pos, o.err
//
// A value that the loop body does not consume (o.pending still true) is
// skipped. A JSON null instead of the object ends the iteration at once
// without error; any other kind of value is a type error.
type jsonObject struct {
	data    []byte
	pos     int    // where the current value starts, or after it once consumed
	depth   int    // containers the object is nested in
	key     []byte // the current member's key, unescaped
	pending bool   // the current value has not been consumed
	started bool
	done    bool
	err     error
}

// next advances to the next member and reports whether there is one.
func (o *jsonObject) next() bool {
	if o.err != nil || o.done {
		return false
	}
	data := o.data
	i := jsonSpace(data, o.pos)
	if !o.started {
		o.started = true
		switch {
		case i >= len(data):
			return o.fail(jsonErrAt(data, i, "looking for beginning of value"))
		case data[i] == 'n':
			o.pos, o.err = jsonLiteral(data, i, "null")
			o.done = true
			return false
		case data[i] != '{':
			var err error
			if o.pos, err = jsonSkip(data, i, o.depth); err != nil {
				return o.fail(err)
			}
			return o.fail(&jsonTypeError{value: jsonKind(data[i]), want: "an object"})
		case o.depth+1 > jsonMaxDepth:
			return o.fail(&jsonSyntaxError{msg: "exceeded max depth", offset: i})
		}
		i = jsonSpace(data, i+1)
		if i < len(data) && data[i] == '}' {
			o.pos, o.done = i+1, true
			return false
		}
	} else {
		if o.pending {
			var err error
			if i, err = jsonSkip(data, i, o.depth+1); err != nil {
				return o.fail(err)
			}
			i = jsonSpace(data, i)
		}
		switch {
		case i >= len(data):
			return o.fail(jsonErrAt(data, i, ""))
		case data[i] == ',':
			i = jsonSpace(data, i+1)
		case data[i] == '}':
			o.pos, o.done, o.pending = i+1, true, false
			return false
		default:
			return o.fail(jsonErrAt(data, i, "after object key:value pair"))
		}
	}
	if i >= len(data) || data[i] != '"' {
		return o.fail(jsonErrAt(data, i, "looking for beginning of object key string"))
	}
	end, flags, err := jsonString(data, i)
	if err != nil {
		return o.fail(err)
	}
	if flags&jsonStrEscape != 0 {
		o.key = []byte(jsonUnquote(data[i:end]))
	} else {
		o.key = data[i+1 : end-1]
	}
	i = jsonSpace(data, end)
	if i >= len(data) || data[i] != ':' {
		return o.fail(jsonErrAt(data, i, "after object key"))
	}
	o.pos, o.pending = jsonSpace(data, i+1), true
	return true
}

func (o *jsonObject) fail(err error) bool {
	o.err, o.done = err, true
	return false
}

// jsonArray iterates the elements of the array that starts at data[i]:
//
//	a := jsonArray{data: data, pos: i, depth: depth}
//	for a.next() {
//		// the element starts at a.pos; consume it and set a.pos after it
//	}
//
// The loop body must consume each element. A JSON null instead of the array
// ends the iteration at once with a.null set; any other kind of value is a
// type error.
type jsonArray struct {
	data    []byte
	pos     int
	depth   int // containers the array is nested in
	n       int // elements seen so far
	null    bool
	started bool
	done    bool
	err     error
}

// next advances to the next element and reports whether there is one.
func (a *jsonArray) next() bool {
	if a.err != nil || a.done {
		return false
	}
	data := a.data
	i := jsonSpace(data, a.pos)
	if !a.started {
		a.started = true
		switch {
		case i >= len(data):
			return a.fail(jsonErrAt(data, i, "looking for beginning of value"))
		case data[i] == 'n':
			a.pos, a.err = jsonLiteral(data, i, "null")
			a.null, a.done = true, true
			return false
		case data[i] != '[':
			var err error
			if a.pos, err = jsonSkip(data, i, a.depth); err != nil {
				return a.fail(err)
			}
			return a.fail(&jsonTypeError{value: jsonKind(data[i]), want: "an array"})
		case a.depth+1 > jsonMaxDepth:
			return a.fail(&jsonSyntaxError{msg: "exceeded max depth", offset: i})
		}
		i = jsonSpace(data, i+1)
		if i < len(data) && data[i] == ']' {
			a.pos, a.done = i+1, true
			return false
		}
	} else {
		switch {
		case i >= len(data):
			return a.fail(jsonErrAt(data, i, ""))
		case data[i] == ',':
			i = jsonSpace(data, i+1)
		case data[i] == ']':
			a.pos, a.done = i+1, true
			return false
		default:
			return a.fail(jsonErrAt(data, i, "after array element"))
		}
	}
	a.pos = i
	a.n++
	return true
}

func (a *jsonArray) fail(err error) bool {
	a.err, a.done = err, true
	return false
}

// jsonTypeError is a JSON value of the wrong kind, e.g. a number where an
// object belongs.
type jsonTypeError struct {
	value string // kind of the JSON value: "number", "string", ...
	want  string // what belongs there: "an object", "a string", ...
}

func (e *jsonTypeError) Error() string {
	return "cannot decode a JSON " + e.value + " as " + e.want
}
