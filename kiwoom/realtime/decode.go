package realtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// This file is the one-pass scanner for WebSocket frames. It walks the JSON text
// once, keeps byte slices into the frame instead of building maps, and hands each
// FID's raw value straight to the typed field's UnmarshalJSON. Only the event
// itself is allocated (item and type strings are interned per Decoder; unknown
// FIDs and values with stray spaces allocate on their rare path).

// FrameError reports a frame that could not be decoded at all.
type FrameError struct {
	// Offset is the byte offset where decoding stopped.
	Offset int
	// Reason says what was wrong.
	Reason string
}

// Error describes the problem with its offset.
func (e *FrameError) Error() string {
	return fmt.Sprintf("realtime: malformed frame at byte %d: %s", e.Offset, e.Reason)
}

// Is makes errors.Is(err, ErrMalformedFrame) true.
func (e *FrameError) Is(target error) bool { return target == ErrMalformedFrame }

// ErrMalformedFrame matches every *FrameError.
var ErrMalformedFrame = errors.New("realtime: malformed JSON frame")

// scanner walks a JSON text.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) fail(reason string) error { return &FrameError{Offset: s.i, Reason: reason} }

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// expect consumes c after optional white space.
func (s *scanner) expect(c byte) error {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != c {
		return s.fail("expected '" + string(c) + "'")
	}
	s.i++
	return nil
}

// peek returns the next non-space byte (0 at the end).
func (s *scanner) peek() byte {
	s.ws()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

// str consumes a JSON string and returns its raw token, quotes included.
func (s *scanner) str() ([]byte, error) {
	s.ws()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, s.fail("expected a string")
	}
	start := s.i
	s.i++
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start:s.i], nil
		case c == '\\':
			s.i += 2
		case c < 0x20:
			return nil, s.fail("control character in string")
		default:
			s.i++
		}
	}
	return nil, s.fail("unterminated string")
}

// value consumes any JSON value and returns its raw token.
func (s *scanner) value() ([]byte, error) {
	switch c := s.peek(); {
	case c == '"':
		return s.str()
	case c == '{' || c == '[':
		start := s.i
		depth := 0
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case '"':
				if _, err := s.str(); err != nil {
					return nil, err
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.i++
					return s.b[start:s.i], nil
				}
			}
			s.i++
		}
		return nil, s.fail("unterminated object or array")
	case c == 0:
		return nil, s.fail("unexpected end of frame")
	default:
		start := s.i
		for s.i < len(s.b) {
			c := s.b[s.i]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			s.i++
		}
		tok := s.b[start:s.i]
		switch {
		case string(tok) == "true", string(tok) == "false", string(tok) == "null":
		case isNumber(tok):
		default:
			s.i = start
			return nil, s.fail("invalid value")
		}
		return tok, nil
	}
}

// isNumber reports whether tok looks like a JSON number (digits, sign, point, exponent).
func isNumber(tok []byte) bool {
	if len(tok) == 0 || (tok[0] != '-' && (tok[0] < '0' || tok[0] > '9')) {
		return false
	}
	for _, c := range tok {
		if (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			return false
		}
	}
	return true
}

// object calls fn for each member of a JSON object, with the raw key token
// content (without quotes; keys with escapes are passed raw) and a scanner
// positioned at the value; fn must consume the value.
func (s *scanner) object(fn func(key []byte) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.i++
		return nil
	}
	for {
		k, err := s.str()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := fn(k[1 : len(k)-1]); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return s.fail("expected ',' or '}'")
		}
	}
}

// array calls fn for each element of a JSON array with the scanner positioned at
// the element; fn must consume it.
func (s *scanner) array(fn func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.i++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return s.fail("expected ',' or ']'")
		}
	}
}

// unquote returns the content of a string token as a string (a number or other
// token as it is).
func unquote(tok []byte) (string, error) {
	if len(tok) < 2 || tok[0] != '"' {
		return string(tok), nil
	}
	inner := tok[1 : len(tok)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		return string(inner), nil
	}
	var s string
	if err := json.Unmarshal(tok, &s); err != nil {
		return "", err
	}
	return s, nil
}

// unquoteBytes is unquote without allocating when there are no escapes.
func unquoteBytes(tok []byte) []byte {
	if len(tok) >= 2 && tok[0] == '"' {
		inner := tok[1 : len(tok)-1]
		if bytes.IndexByte(inner, '\\') < 0 {
			return inner
		}
		var s string
		if json.Unmarshal(tok, &s) == nil {
			return []byte(s)
		}
	}
	return tok
}

// decodeString stores a string token's content in dst (generated code calls it
// for text and code FIDs). Non-string tokens are kept as written.
func decodeString(dst *string, v []byte) error {
	if string(v) == "null" {
		*dst = ""
		return nil
	}
	s, err := unquote(v)
	if err != nil {
		return err
	}
	*dst = s
	return nil
}

// envelope is the top level of a frame, as slices into it.
type envelope struct {
	trnm       []byte // content of trnm
	returnCode int
	hasCode    bool
	returnMsg  []byte // raw token
	code       []byte // SYSTEM code content
	message    []byte // SYSTEM message raw token
	data       []byte // raw data value
	seq        []byte // content of seq
	contYN     []byte
	nextKey    []byte
}

// parseEnvelope reads the top-level object of a frame. Keys may come in any
// order (Kiwoom often sends data before trnm). return_code may be a number or a
// numeric string ("0", "0000").
func parseEnvelope(b []byte, env *envelope) error {
	*env = envelope{}
	s := scanner{b: b}
	err := s.object(func(key []byte) error {
		tok, err := s.value()
		if err != nil {
			return err
		}
		switch string(key) {
		case "trnm":
			env.trnm = unquoteBytes(tok)
		case "data":
			env.data = tok
		case "return_code":
			c, ok := parseCode(unquoteBytes(tok))
			if !ok {
				return &FrameError{Offset: s.i, Reason: "return_code " + string(tok) + " is not a number"}
			}
			env.returnCode, env.hasCode = c, true
		case "return_msg":
			env.returnMsg = tok
		case "code":
			env.code = unquoteBytes(tok)
		case "message":
			env.message = tok
		case "seq":
			env.seq = bytes.TrimSpace(unquoteBytes(tok))
		case "cont_yn":
			env.contYN = unquoteBytes(tok)
		case "next_key":
			env.nextKey = unquoteBytes(tok)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if s.peek() != 0 {
		return s.fail("trailing data after the frame")
	}
	return nil
}

func parseCode(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, true
	}
	n, err := strconv.Atoi(string(b))
	return n, err == nil
}

// Decoder decodes REAL frames into typed events. It interns item codes and
// type codes, so decoding a frame allocates only the events. A Decoder is not
// safe for concurrent use; the zero value is ready to use.
type Decoder struct {
	strs map[string]string
	env  envelope
}

// maxInterned bounds the intern table (items are bounded by what is registered).
const maxInterned = 8192

func (d *Decoder) intern(b []byte) string {
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if d.strs == nil {
		d.strs = make(map[string]string)
	}
	if len(d.strs) < maxInterned {
		d.strs[s] = s
	}
	return s
}

// Append decodes a REAL frame and appends its events (one per data element) to
// dst. A frame that is not valid JSON or not a REAL frame is an error (a
// *FrameError for malformed JSON). A FID value that does not decode does not
// fail the frame: the event records it in Push.Err and keeps the raw value in
// Push.Extra.
func (d *Decoder) Append(dst []Event, frame []byte) ([]Event, error) {
	if err := parseEnvelope(frame, &d.env); err != nil {
		return dst, err
	}
	if string(d.env.trnm) != "REAL" {
		return dst, fmt.Errorf("realtime: not a REAL frame (trnm %q)", d.env.trnm)
	}
	return d.appendData(dst, d.env.data)
}

// appendData decodes the data array of a REAL frame.
func (d *Decoder) appendData(dst []Event, data []byte) ([]Event, error) {
	if data == nil {
		return dst, &FrameError{Reason: "REAL frame without data"}
	}
	s := scanner{b: data}
	err := s.array(func() error {
		ev, err := d.element(&s)
		if err != nil {
			return err
		}
		dst = append(dst, ev)
		return nil
	})
	return dst, err
}

// element decodes one data element: it finds type, item and values in any order,
// then decodes values into the type's event.
func (d *Decoder) element(s *scanner) (Event, error) {
	var typ, item, values []byte
	err := s.object(func(key []byte) error {
		tok, err := s.value()
		if err != nil {
			return err
		}
		switch string(key) {
		case "type":
			typ = unquoteBytes(tok)
		case "item":
			item = unquoteBytes(tok)
		case "values":
			values = tok
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if typ == nil {
		return nil, &FrameError{Offset: s.i, Reason: "data element without type"}
	}
	code := Type(d.intern(typ))
	ev := newEvent(code)
	if ev == nil {
		ev = &Unknown{Code: code}
	}
	p := ev.Header()
	p.Item = d.intern(item)
	if values == nil {
		return ev, nil
	}
	if err := decodeValues(ev, p.extra(), code, values); err != nil {
		return nil, err
	}
	if p.Err != nil {
		return ev, nil
	}
	return ev, nil
}

// fidSetter is an event or a FID-keyed row.
type fidSetter interface {
	setFID(fid int, v []byte) (bool, error)
}

// decodeValues walks a values object once and sets each FID on e. Unknown FIDs
// go to *extra; the first value error is stored in the event's Push.Err (for
// events) and returned only when e is not an event.
func decodeValues(e fidSetter, extra *map[string]string, typ Type, values []byte) error {
	s := scanner{b: values}
	var firstErr error
	err := s.object(func(key []byte) error {
		v, err := s.value()
		if err != nil {
			return err
		}
		fid := fidNumber(key)
		if fid > 0 {
			known, err := e.setFID(fid, v)
			if err != nil {
				if t := trimmed(v); t != nil {
					_, err = e.setFID(fid, t)
				}
			}
			if err != nil && firstErr == nil {
				firstErr = &FieldError{Type: typ, FID: string(key), Field: fidName(fid), Err: err}
			}
			if known && err == nil {
				return nil
			}
		}
		if *extra == nil {
			*extra = make(map[string]string)
		}
		sv, uerr := unquote(v)
		if uerr != nil {
			sv = string(v)
		}
		(*extra)[string(key)] = sv
		return nil
	})
	if err != nil {
		return err
	}
	if firstErr != nil {
		if ev, ok := e.(Event); ok {
			ev.Header().Err = firstErr
			return nil
		}
		return firstErr
	}
	return nil
}

// fidNumber parses a FID key; 0 when it is not a number.
func fidNumber(key []byte) int {
	if len(key) == 0 || len(key) > 9 {
		return 0
	}
	n := 0
	for _, c := range key {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// trimmed returns a string token with the spaces inside its quotes removed
// (Kiwoom sends " 67300" and " 450"), or nil when there is nothing to trim.
func trimmed(v []byte) []byte {
	if len(v) < 2 || v[0] != '"' {
		return nil
	}
	inner := v[1 : len(v)-1]
	t := bytes.TrimSpace(inner)
	if len(t) == len(inner) {
		return nil
	}
	out := make([]byte, 0, len(t)+2)
	out = append(out, '"')
	out = append(out, t...)
	return append(out, '"')
}
