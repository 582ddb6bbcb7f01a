package kiwoom

// Hand-written value types for the string-encoded values in Kiwoom REST
// responses (see docs §4 "Value formats in responses").
//
// Every value in a Kiwoom response body is a JSON string. The empty string
// means "no value" and is kept distinguishable from zero: the zero value of
// every type in this file means "absent" and encodes as "". Decoding parses
// straight from the raw JSON token and does not allocate in the common case
// (a string without backslash escapes).
//
// All unexported identifiers in this file carry the prefix "val" so that
// they do not collide with identifiers in other files of the package.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ValueError reports a wire value that could not be decoded into one of the
// value types of this package (or a value that cannot be encoded). Decoding
// methods return it as a *ValueError, so a caller can find it with
// errors.As and wrap it with the wire name of the field.
type ValueError struct {
	// Type is the Go type name the value was decoded into, e.g. "Price".
	Type string
	// Value is the offending wire text with the JSON quotes removed (a
	// non-string token is shown as it appeared). Values longer than 40
	// bytes are truncated and end in "...".
	Value string
	// Reason says what is wrong, e.g. "unexpected character 'a'".
	Reason string
}

// Error returns a message such as
//
//	kiwoom: invalid Price "12a": unexpected character 'a'
func (e *ValueError) Error() string {
	return "kiwoom: invalid " + e.Type + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

// valMaxErrValue is the longest value a ValueError quotes in full.
const valMaxErrValue = 40

// valErr builds a *ValueError, truncating long values at a rune boundary.
func valErr[T ~string | ~[]byte](typ string, value T, reason string) error {
	v := string(value)
	if len(v) > valMaxErrValue {
		n := valMaxErrValue
		for n > 0 && !utf8.RuneStart(v[n]) {
			n--
		}
		v = v[:n] + "..."
	}
	return &ValueError{Type: typ, Value: v, Reason: reason}
}

// valUnexpected describes the character at s[i] for an error reason.
func valUnexpected[T ~string | ~[]byte](s T, i int) string {
	r, _ := utf8.DecodeRune([]byte(string(s[i:min(len(s), i+utf8.UTFMax)])))
	return "unexpected character " + strconv.QuoteRune(r)
}

// Token kinds returned by valToken.
const (
	valKindInvalid = iota
	valKindString
	valKindNumber
	valKindNull
)

// valToken classifies a raw JSON token. For a string it returns the
// unquoted content (unescaping through encoding/json only when the string
// contains a backslash); for a number it returns the token itself.
func valToken(data []byte) ([]byte, int) {
	for len(data) > 0 && valIsSpace(data[0]) {
		data = data[1:]
	}
	for len(data) > 0 && valIsSpace(data[len(data)-1]) {
		data = data[:len(data)-1]
	}
	if len(data) == 0 {
		return data, valKindInvalid
	}
	switch c := data[0]; {
	case c == '"':
		if len(data) < 2 || data[len(data)-1] != '"' {
			return data, valKindInvalid
		}
		inner := data[1 : len(data)-1]
		if bytes.IndexByte(inner, '\\') >= 0 {
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				return data, valKindInvalid
			}
			return []byte(s), valKindString
		}
		return inner, valKindString
	case c == '-' || ('0' <= c && c <= '9'):
		return data, valKindNumber
	case string(data) == "null":
		return nil, valKindNull
	}
	return data, valKindInvalid
}

func valIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// valBadToken is the error for a token of the wrong JSON kind.
func valBadToken(typ string, data []byte, numberOK bool) error {
	if numberOK {
		return valErr(typ, data, "want a JSON string or number")
	}
	return valErr(typ, data, "want a JSON string")
}

// valQuoted appends a JSON string made by fn to a fresh small buffer.
func valQuoted(fn func([]byte) []byte) []byte {
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = fn(b)
	return append(b, '"')
}

// valEmptyJSON returns the encoding of an absent value.
func valEmptyJSON() []byte { return []byte(`""`) }

// KST returns Korea Standard Time, the zone of all Kiwoom dates and times:
// UTC+9 all year (Korea has no daylight saving time), named "KST". Each call
// returns a new *time.Location (the package keeps no mutable state), so compare
// times with Equal rather than ==.
func KST() *time.Location { return time.FixedZone("KST", valKSTOffset) }

// valKSTOffset is the offset of KST east of UTC, in seconds.
const valKSTOffset = 9 * 60 * 60

// valInKST returns t's wall clock in KST as a UTC time: the same fields as
// t.In(KST()) without building a Location (which allocates).
func valInKST(t time.Time) time.Time { return t.UTC().Add(valKSTOffset * time.Second) }

// ---------------------------------------------------------------------------
// Numbers

// Sign prefix modes for valParseNumber.
const (
	valSignOne    = iota // at most one sign character ("+5", "-5")
	valSignDouble        // also "--5", meaning -5
	valSignJSON          // a JSON number: only a single '-'
)

// valNumber is the result of parsing [sign]digits[.digits].
type valNumber struct {
	sign  Sign   // sign character as written (SignNone, SignPlus, SignMinus)
	neg   bool   // arithmetic sign: '-' or "--"
	mag   uint64 // all digits as one integer (integer and fraction part)
	scale int    // number of fraction digits
}

// valParseNumber parses [sign]digits, or [sign]digits.digits when frac is
// true. It never allocates unless it fails. The magnitude is limited to
// what fits an int64 of the resulting sign.
func valParseNumber[T ~string | ~[]byte](s T, mode int, frac bool) (valNumber, string) {
	var n valNumber
	i := 0
	if len(s) > 0 {
		switch s[0] {
		case '+':
			if mode == valSignJSON {
				return n, valUnexpected(s, 0)
			}
			n.sign, i = SignPlus, 1
		case '-':
			n.sign, n.neg, i = SignMinus, true, 1
			if mode == valSignDouble && len(s) > 1 && s[1] == '-' {
				i = 2
			}
		}
	}
	limit := uint64(math.MaxInt64)
	if n.neg {
		limit++
	}
	digits, point := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' && frac && point < 0 && digits > 0 {
			point = i
			continue
		}
		if c < '0' || c > '9' {
			return n, valUnexpected(s, i)
		}
		d := uint64(c - '0')
		if n.mag > (limit-d)/10 {
			return n, "value out of range"
		}
		n.mag = n.mag*10 + d
		digits++
		if point >= 0 {
			n.scale++
		}
	}
	switch {
	case digits == 0:
		return n, "no digits"
	case point >= 0 && n.scale == 0:
		return n, "no digits after '.'"
	case n.scale > math.MaxUint8:
		return n, "too many fraction digits"
	}
	return n, ""
}

// int64 returns the arithmetic value of n (its magnitude fits by
// construction).
func (n valNumber) int64() int64 {
	if n.neg {
		return -int64(n.mag) // wraps correctly for math.MinInt64
	}
	return int64(n.mag)
}

// valDecodeNumber is the shared UnmarshalJSON body of the numeric types.
// It reports absent=true for null and "".
// s is the unquoted wire text.
func valDecodeNumber(typ string, data []byte, mode int, frac bool) (n valNumber, s []byte, absent bool, err error) {
	s, kind := valToken(data)
	switch kind {
	case valKindNull:
		return n, nil, true, nil
	case valKindString:
		if len(s) == 0 {
			return n, s, true, nil
		}
	case valKindNumber:
		mode = valSignJSON
	default:
		return n, nil, false, valBadToken(typ, data, true)
	}
	n, reason := valParseNumber(s, mode, frac)
	if reason != "" {
		return n, s, false, valErr(typ, s, reason)
	}
	return n, s, false, nil
}

// Sign is the sign character a Kiwoom value was sent with. For prices it is
// the direction against the previous close, not arithmetic negativity.
type Sign int8

const (
	// SignNone means the value had no sign character.
	SignNone Sign = 0
	// SignPlus means the value started with '+'.
	SignPlus Sign = 1
	// SignMinus means the value started with '-'.
	SignMinus Sign = -1
)

// String returns "", "+" or "-" (and "Sign(n)" for an invalid Sign).
func (s Sign) String() string {
	switch s {
	case SignNone:
		return ""
	case SignPlus:
		return "+"
	case SignMinus:
		return "-"
	}
	return "Sign(" + strconv.Itoa(int(s)) + ")"
}

// appendTo appends the sign character, if any.
func (s Sign) appendTo(b []byte) []byte {
	switch s {
	case SignPlus:
		return append(b, '+')
	case SignMinus:
		return append(b, '-')
	}
	return b
}

// Int is an integer with an arithmetic sign, such as a quantity or a net
// flow. The zero value (Present false) means "no value" (wire "").
//
// Accepted wire forms: "", "0", "+0", "-0", "+4464", "-1200", leading zeros
// ("0000000026034239", "-00000163958") and the double minus "--28837",
// which Kiwoom uses for a sign prefix followed by a negative number and
// which decodes as -28837. A JSON number (123) is accepted too. Anything
// else — "+-5", "++5", "1.5", spaces, values outside int64 — is an error.
// It encodes as a plain decimal string without '+' ("-1200", "4464").
type Int struct {
	// Value is the integer; meaningful only when Present.
	Value int64
	// Present is false for "no value" (wire "").
	Present bool
}

// NewInt returns a present Int.
func NewInt(v int64) Int { return Int{Value: v, Present: true} }

// Int64 returns the value and whether it is present.
func (v Int) Int64() (int64, bool) { return v.Value, v.Present }

// IsZero reports whether the value is absent. (A present 0 is not zero.)
func (v Int) IsZero() bool { return !v.Present }

// String returns the decimal value, or "" when absent.
func (v Int) String() string {
	if !v.Present {
		return ""
	}
	return strconv.FormatInt(v.Value, 10)
}

// UnmarshalJSON decodes a Kiwoom integer string; null and "" decode as absent.
func (v *Int) UnmarshalJSON(data []byte) error {
	n, _, absent, err := valDecodeNumber("Int", data, valSignDouble, false)
	if err != nil {
		return err
	}
	if absent {
		*v = Int{}
		return nil
	}
	*v = Int{Value: n.int64(), Present: true}
	return nil
}

// MarshalJSON encodes v as a decimal JSON string, or "" when absent.
func (v Int) MarshalJSON() ([]byte, error) {
	if !v.Present {
		return valEmptyJSON(), nil
	}
	return valQuoted(func(b []byte) []byte { return strconv.AppendInt(b, v.Value, 10) }), nil
}

// Price is a price whose sign character is a direction, not arithmetic
// negativity: "-160400" is 160,400 won, down against the previous close;
// "+74800" is up; an unsigned value carries no direction (unchanged, or a
// field that is never signed). Value is the magnitude and is never negative
// after decoding; a Price with a negative Value is invalid: MarshalJSON refuses
// it with a *ValueError and request validation reports it. The zero value
// (Present false) means "no value".
//
// Accepted wire forms: "", "0", "+0", "-0" (kept as SignMinus with Value 0),
// "74800", "+74800", "-160400", zero-padded "00136000", and JSON numbers.
// The double minus "--335" is an error for a Price. It encodes with the
// sign it was decoded with ("-160400").
type Price struct {
	// Value is the magnitude in won; never negative for a valid Price.
	Value int64
	// Sign is the direction sent with the price (SignPlus up, SignMinus
	// down, SignNone none); a request price has SignNone.
	Sign Sign
	// Present is false for "no value" (wire "").
	Present bool
}

// NewPrice returns a present Price with the given magnitude and direction
// sign. The magnitude is kept as given: a negative one is not made positive
// (the direction belongs in s), so that MarshalJSON and request validation
// can refuse it instead of sending a different price.
func NewPrice(magnitude int64, s Sign) Price {
	return Price{Value: magnitude, Sign: s, Present: true}
}

// Amount returns the magnitude of the price (0 when absent).
func (p Price) Amount() int64 { return p.Value }

// Direction returns the sign the price was sent with: SignPlus (up),
// SignMinus (down) or SignNone.
func (p Price) Direction() Sign { return p.Sign }

// IsZero reports whether the price is absent.
func (p Price) IsZero() bool { return !p.Present }

// String returns the wire form with its sign ("-160400"), or "" when absent.
func (p Price) String() string {
	if !p.Present {
		return ""
	}
	var buf [24]byte
	return string(p.appendTo(buf[:0]))
}

func (p Price) appendTo(b []byte) []byte {
	b = p.Sign.appendTo(b)
	return strconv.AppendUint(b, valAbs(p.Value), 10)
}

// UnmarshalJSON decodes a Kiwoom price string; null and "" decode as absent.
func (p *Price) UnmarshalJSON(data []byte) error {
	n, s, absent, err := valDecodeNumber("Price", data, valSignOne, false)
	if err != nil {
		return err
	}
	if absent {
		*p = Price{}
		return nil
	}
	if n.mag > math.MaxInt64 { // "-9223372036854775808"
		return valErr("Price", s, "value out of range")
	}
	*p = Price{Value: int64(n.mag), Sign: n.sign, Present: true}
	return nil
}

// MarshalJSON encodes p with its direction sign, or "" when absent. A
// negative Value is a *ValueError: the magnitude of a price is never negative.
func (p Price) MarshalJSON() ([]byte, error) {
	if !p.Present {
		return valEmptyJSON(), nil
	}
	if p.Value < 0 {
		return nil, valErr("Price", strconv.FormatInt(p.Value, 10), "negative magnitude; give the direction as the Sign")
	}
	return valQuoted(p.appendTo), nil
}

// Percent is a Decimal that Kiwoom may send with a percent sign after it, as
// some account and credit TRs do ("45%", "+1.50%"); without the sign it reads
// like a Decimal ("45"). The value is the number of percent: "45%" is 45, not
// 0.45. The zero value means "no value"; "%" alone is an error.
type Percent struct {
	// Decimal holds the number of percent.
	Decimal
}

// UnmarshalJSON decodes a decimal string with an optional trailing '%'; null
// and "" decode as absent.
func (p *Percent) UnmarshalJSON(data []byte) error {
	s, kind := valToken(data)
	if kind == valKindString && len(s) > 1 && s[len(s)-1] == '%' {
		data = valQuoted(func(b []byte) []byte { return append(b, s[:len(s)-1]...) })
	}
	var d Decimal
	if err := d.UnmarshalJSON(data); err != nil {
		var ve *ValueError
		if errors.As(err, &ve) {
			ve.Type = "Percent"
		}
		return err
	}
	*p = Percent{d}
	return nil
}

// GroupedInt is an Int that Kiwoom sends with thousands separators, as
// kt00015's 거래단가 ("56,900", "-1,234,567"); digits without commas read as
// an Int too. Commas must sit between groups of three digits.
type GroupedInt struct {
	// Int holds the value.
	Int
}

// UnmarshalJSON decodes an integer string with optional thousands
// separators; null and "" decode as absent.
func (g *GroupedInt) UnmarshalJSON(data []byte) error {
	s, kind := valToken(data)
	if kind == valKindString && bytes.IndexByte(s, ',') >= 0 {
		digits, ok := valUngroup(s)
		if !ok {
			return valErr("GroupedInt", s, "thousands separators must separate groups of three digits")
		}
		data = valQuoted(func(b []byte) []byte { return append(b, digits...) })
	}
	var v Int
	if err := v.UnmarshalJSON(data); err != nil {
		var ve *ValueError
		if errors.As(err, &ve) {
			ve.Type = "GroupedInt"
		}
		return err
	}
	*g = GroupedInt{v}
	return nil
}

// valUngroup removes the thousands separators of [sign]d{1,3}(,ddd)*.
func valUngroup(s []byte) ([]byte, bool) {
	i := 0
	for i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	out := append([]byte(nil), s[:i]...)
	for n, g := range bytes.Split(s[i:], []byte{','}) {
		if (n == 0 && (len(g) < 1 || len(g) > 3)) || (n > 0 && len(g) != 3) {
			return nil, false
		}
		for _, c := range g {
			if c < '0' || c > '9' {
				return nil, false
			}
		}
		out = append(out, g...)
	}
	return out, true
}

// Index is index points sent with a direction sign, as sector (업종) indices
// are: "-1762.61" is 1,762.61 points, down on the previous close, and
// "+2450.09" is up. Like a Price, the sign is the direction, never an
// arithmetic sign: Points is the magnitude. The zero value means "no value".
type Index struct {
	Points Decimal // the magnitude, never negative; absent when the wire value is ""
	Sign   Sign    // the direction against the previous close: SignPlus, SignMinus or SignNone
}

// IsZero reports whether the value is absent.
func (x Index) IsZero() bool { return !x.Points.Present }

// String returns the wire form with its sign ("-1762.61"), or "" when absent.
func (x Index) String() string {
	if !x.Points.Present {
		return ""
	}
	return x.Sign.String() + x.Points.String()
}

// UnmarshalJSON decodes index points with an optional direction sign; null
// and "" decode as absent.
func (x *Index) UnmarshalJSON(data []byte) error {
	return x.decode("Index", data, true)
}

// decode parses [sign]digits[.digits] (frac) or [sign]digits with two
// implied decimals (!frac) into x.
func (x *Index) decode(typ string, data []byte, frac bool) error {
	n, s, absent, err := valDecodeNumber(typ, data, valSignOne, frac)
	if err != nil {
		return err
	}
	if absent {
		*x = Index{}
		return nil
	}
	if n.mag > math.MaxInt64 {
		return valErr(typ, s, "value out of range")
	}
	scale := uint8(n.scale)
	if !frac {
		scale = 2
	}
	*x = Index{Points: Decimal{Units: int64(n.mag), Scale: scale, Present: true}, Sign: n.sign}
	return nil
}

// MarshalJSON encodes x with its sign, or "" when absent.
func (x Index) MarshalJSON() ([]byte, error) {
	if !x.Points.Present {
		return valEmptyJSON(), nil
	}
	if x.Points.Units < 0 {
		return nil, valErr("Index", x.Points.String(), "negative points; the magnitude of an index is never negative")
	}
	return json.Marshal(x.String())
}

// Index2 is an Index sent without its decimal point, with two implied
// decimals, as Kiwoom's sector charts send index values: "+651627" is 6,516.27
// points, up on the previous close, and "-108176" is 1,081.76 points, down.
type Index2 struct {
	// Index holds the points, scaled (6516.27), and the direction.
	Index
}

// UnmarshalJSON decodes index points with two implied decimals and an
// optional direction sign; null and "" decode as absent.
func (x *Index2) UnmarshalJSON(data []byte) error {
	return x.decode("Index2", data, false)
}

// MarshalJSON encodes x as an integer string with two implied decimals and its
// sign, or "" when absent.
func (x Index2) MarshalJSON() ([]byte, error) {
	if !x.Points.Present {
		return valEmptyJSON(), nil
	}
	u, ok := valRescale(x.Points.Units, x.Points.Scale, 2)
	if !ok || u < 0 {
		return nil, valErr("Index2", x.Points.String(), "does not fit two implied decimals")
	}
	return json.Marshal(x.Sign.String() + strconv.FormatInt(u, 10))
}

// Decimal is an exact fixed-point number: its value is Units / 10^Scale.
// It is used for rates and ratios such as "+29.86", "-5.14", "0.00".
// The zero value (Present false) means "no value".
//
// Accepted wire forms: "", digits with an optional fraction ("32", "9.0",
// "0.00"), an optional '+' or '-' and the double minus ("--1.5" = -1.5),
// and JSON numbers without exponent. ".5", "1.", "1e3" and spaces are
// errors. The scale is kept as written ("0.00" has Scale 2), and the value
// is parsed digit by digit, never through float64.
//
// It encodes with the same scale and a sign only for negative values
// ("29.86", "-5.14", "0.00").
type Decimal struct {
	// Units is the value times 10^Scale, with its sign.
	Units int64
	// Scale is the number of digits after the decimal point, as written.
	Scale uint8
	// Present is false for "no value" (wire "").
	Present bool
}

// NewDecimal returns a present Decimal with value units / 10^scale.
func NewDecimal(units int64, scale uint8) Decimal {
	return Decimal{Units: units, Scale: scale, Present: true}
}

// IsZero reports whether the value is absent.
func (d Decimal) IsZero() bool { return !d.Present }

// Float64 returns the value as the nearest float64 (0 when absent).
func (d Decimal) Float64() float64 {
	if !d.Present {
		return 0
	}
	if d.Scale <= 22 && valAbs(d.Units) <= 1<<53 {
		// Both operands are exact, so one division rounds correctly.
		return float64(d.Units) / math.Pow10(int(d.Scale))
	}
	var buf [320]byte
	f, _ := strconv.ParseFloat(string(d.appendTo(buf[:0])), 64)
	return f
}

// Cmp compares the numeric values of d and o across scales and returns -1,
// 0 or +1 ("1.50" equals "1.5"). An absent Decimal compares as zero; check
// Present first when that matters.
func (d Decimal) Cmp(o Decimal) int {
	var a, b int64
	if d.Present {
		a = d.Units
	}
	if o.Present {
		b = o.Units
	}
	sa, sb := cmp.Compare(a, 0), cmp.Compare(b, 0)
	if sa != sb || sa == 0 {
		return cmp.Compare(sa, sb)
	}
	c := valCmpScaled(valAbs(a), d.Scale, valAbs(b), o.Scale)
	if sa < 0 {
		return -c
	}
	return c
}

// valCmpScaled compares am/10^as with bm/10^bs for non-zero magnitudes.
func valCmpScaled(am uint64, as uint8, bm uint64, bs uint8) int {
	if as > bs {
		return -valCmpScaled(bm, bs, am, as)
	}
	diff := bs - as
	if diff > 19 { // am >= 1, so am*10^diff exceeds any uint64
		return 1
	}
	hi, lo := bits.Mul64(am, valPow10(diff))
	if hi != 0 {
		return 1
	}
	return cmp.Compare(lo, bm)
}

// valPow10 returns 10^n for n <= 19.
func valPow10(n uint8) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}

// valAbs returns |v| as a uint64 (correct for math.MinInt64).
func valAbs(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// String returns the canonical form with the same scale and a sign only for
// negative values ("29.86", "-5.14", "0.00"), or "" when absent.
func (d Decimal) String() string {
	if !d.Present {
		return ""
	}
	var buf [32]byte
	return string(d.appendTo(buf[:0]))
}

func (d Decimal) appendTo(b []byte) []byte {
	if d.Units < 0 {
		b = append(b, '-')
	}
	var tmp [20]byte
	digits := strconv.AppendUint(tmp[:0], valAbs(d.Units), 10)
	scale := int(d.Scale)
	if scale == 0 {
		return append(b, digits...)
	}
	if len(digits) <= scale {
		b = append(b, '0', '.')
		for range scale - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	cut := len(digits) - scale
	b = append(b, digits[:cut]...)
	b = append(b, '.')
	return append(b, digits[cut:]...)
}

// UnmarshalJSON decodes a Kiwoom decimal string; null and "" decode as absent.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	n, _, absent, err := valDecodeNumber("Decimal", data, valSignDouble, true)
	if err != nil {
		return err
	}
	if absent {
		*d = Decimal{}
		return nil
	}
	*d = Decimal{Units: n.int64(), Scale: uint8(n.scale), Present: true}
	return nil
}

// MarshalJSON encodes d in its canonical form, or "" when absent.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if !d.Present {
		return valEmptyJSON(), nil
	}
	return valQuoted(d.appendTo), nil
}

// Implied2 is a Decimal sent without a decimal point whose last two digits
// are the fraction (Kiwoom "우측 2자리 소수점자리수", e.g. ka10059 flu_rt):
// "+698" is 6.98, "+2986" is 29.86, "-5" is -0.05. Decoding yields Scale 2.
// A wire value containing '.' is an error; "--" and JSON integers are
// accepted as for Int.
//
// MarshalJSON writes the implied form ("698", "-5"). String and Float64 are
// those of the embedded Decimal and give the real value ("6.98", 6.98).
type Implied2 struct {
	// Decimal holds the value with its two implied decimals made explicit (Scale 2).
	Decimal
}

// NewImplied2 returns a present Implied2 whose value is units / 100.
func NewImplied2(units int64) Implied2 { return Implied2{NewDecimal(units, 2)} }

// UnmarshalJSON decodes an implied-decimal string; null and "" decode as absent.
func (d *Implied2) UnmarshalJSON(data []byte) error {
	n, _, absent, err := valDecodeNumber("Implied2", data, valSignDouble, false)
	if err != nil {
		return err
	}
	if absent {
		*d = Implied2{}
		return nil
	}
	*d = Implied2{Decimal{Units: n.int64(), Scale: 2, Present: true}}
	return nil
}

// MarshalJSON encodes d as an integer string with two implied fraction
// digits, or "" when absent. A value that has more than two significant
// fraction digits, or does not fit, is an error.
func (d Implied2) MarshalJSON() ([]byte, error) {
	if !d.Present {
		return valEmptyJSON(), nil
	}
	u, ok := valRescale(d.Units, d.Scale, 2)
	if !ok {
		return nil, valErr("Implied2", d.Decimal.String(), "not representable with 2 implied fraction digits")
	}
	return valQuoted(func(b []byte) []byte { return strconv.AppendInt(b, u, 10) }), nil
}

// Implied6 is a Decimal sent without a decimal point whose last six digits are
// the fraction, as ELW sensitivities (델타, 감마, 세타, 베가, 로) are sent
// ("소수점 제거한 값"): "590470" is 0.590470, "-1057402" is -1.057402, "163" is
// 0.000163. Decoding yields Scale 6; otherwise it behaves as Implied2.
type Implied6 struct {
	// Decimal holds the value with its six implied decimals made explicit (Scale 6).
	Decimal
}

// NewImplied6 returns a present Implied6 whose value is units / 1,000,000.
func NewImplied6(units int64) Implied6 { return Implied6{NewDecimal(units, 6)} }

// UnmarshalJSON decodes an implied-decimal string; null and "" decode as absent.
func (d *Implied6) UnmarshalJSON(data []byte) error {
	n, _, absent, err := valDecodeNumber("Implied6", data, valSignDouble, false)
	if err != nil {
		return err
	}
	if absent {
		*d = Implied6{}
		return nil
	}
	*d = Implied6{Decimal{Units: n.int64(), Scale: 6, Present: true}}
	return nil
}

// MarshalJSON encodes d as an integer string with six implied fraction digits,
// or "" when absent.
func (d Implied6) MarshalJSON() ([]byte, error) {
	if !d.Present {
		return valEmptyJSON(), nil
	}
	u, ok := valRescale(d.Units, d.Scale, 6)
	if !ok {
		return nil, valErr("Implied6", d.Decimal.String(), "not representable with 6 implied fraction digits")
	}
	return valQuoted(func(b []byte) []byte { return strconv.AppendInt(b, u, 10) }), nil
}

// valRescale returns units/10^from expressed in units of 10^-to, if exact.
func valRescale(units int64, from, to uint8) (int64, bool) {
	switch {
	case from == to:
		return units, true
	case from < to:
		if to-from > 19 {
			return 0, units == 0
		}
		hi, lo := bits.Mul64(valAbs(units), valPow10(to-from))
		limit := uint64(math.MaxInt64)
		if units < 0 {
			limit++
		}
		if hi != 0 || lo > limit {
			return 0, false
		}
		if units < 0 {
			return -int64(lo), true
		}
		return int64(lo), true
	default:
		if from-to > 19 {
			return 0, units == 0
		}
		p := valPow10(from - to)
		m := valAbs(units)
		if m%p != 0 {
			return 0, false
		}
		if units < 0 {
			return -int64(m / p), true
		}
		return int64(m / p), true
	}
}

// ---------------------------------------------------------------------------
// Dates and times

// valDigits parses the n ASCII digits of s starting at i, or returns -1.
func valDigits[T ~string | ~[]byte](s T, i, n int) int {
	v := 0
	for j := i; j < i+n; j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// valFirstNonDigit returns the index of the first byte that is not an ASCII
// digit, or -1.
func valFirstNonDigit[T ~string | ~[]byte](s T) int {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return i
		}
	}
	return -1
}

// valDaysIn returns the number of days in month m of year y.
func valDaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// valCheckDate returns "" if y-m-d is a real calendar date in 0001..9999.
func valCheckDate(y int, m time.Month, d int) string {
	switch {
	case y < 1 || y > 9999:
		return "year out of range"
	case m < time.January || m > time.December:
		return "month out of range"
	case d < 1 || d > valDaysIn(y, m):
		return "day out of range"
	}
	return ""
}

// valCheckClock returns "" if h:m:s is a valid time of day.
func valCheckClock(h, m, s int) string {
	switch {
	case h < 0 || h > 23:
		return "hour out of range"
	case m < 0 || m > 59:
		return "minute out of range"
	case s < 0 || s > 59:
		return "second out of range"
	}
	return ""
}

// valAppendN appends v zero-padded to width n.
func valAppendN(b []byte, v, n int) []byte {
	var tmp [20]byte
	digits := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(digits); i < n; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// valAllZero reports whether s consists only of '0'.
func valAllZero[T ~string | ~[]byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// valStringToken is the shared start of the UnmarshalJSON methods of the
// string-only types. It returns absent=true for null and "".
func valStringToken(typ string, data []byte) (s []byte, absent bool, err error) {
	s, kind := valToken(data)
	switch kind {
	case valKindNull:
		return nil, true, nil
	case valKindString:
		return s, len(s) == 0, nil
	}
	return nil, false, valBadToken(typ, data, false)
}

// Date is a calendar date sent as "YYYYMMDD". The zero value means "no
// value" (wire ""). Decoding validates the calendar ("20240230" is an
// error) and only accepts a JSON string. The all-zero "00000000", which
// some systems use for "no date", also decodes as absent.
type Date struct {
	// Year is the year, 1..9999; 0 in the zero (absent) Date.
	Year int
	// Month is the month, January..December.
	Month time.Month
	// Day is the day of the month, 1..31.
	Day int
}

// NewDate returns the Date y-m-d as given (it is not normalised; an invalid
// date fails to encode).
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// DateOf returns the date of t in t's location (convert t with t.In first
// to get the date in Korea). The zero time gives the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses "YYYYMMDD". "" and "00000000" give the zero Date.
func ParseDate(s string) (Date, error) { return valParseDate(s) }

func valParseDate[T ~string | ~[]byte](s T) (Date, error) {
	if len(s) == 0 {
		return Date{}, nil
	}
	if i := valFirstNonDigit(s); i >= 0 {
		return Date{}, valErr("Date", s, valUnexpected(s, i))
	}
	if len(s) != 8 {
		return Date{}, valErr("Date", s, "want 8 digits YYYYMMDD")
	}
	if valAllZero(s) {
		return Date{}, nil
	}
	y, m, d := valDigits(s, 0, 4), time.Month(valDigits(s, 4, 2)), valDigits(s, 6, 2)
	if reason := valCheckDate(y, m, d); reason != "" {
		return Date{}, valErr("Date", s, reason)
	}
	return Date{Year: y, Month: m, Day: d}, nil
}

// IsZero reports whether the date is absent.
func (d Date) IsZero() bool { return d == Date{} }

// String returns "YYYYMMDD", or "" when absent.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [16]byte
	return string(d.appendTo(buf[:0]))
}

func (d Date) appendTo(b []byte) []byte {
	b = valAppendN(b, d.Year, 4)
	b = valAppendN(b, int(d.Month), 2)
	return valAppendN(b, d.Day, 2)
}

// Time returns midnight at the start of d in loc; a nil loc means Korea
// Standard Time (UTC+9). The zero Date gives the zero time.Time.
func (d Date) Time(loc *time.Location) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	if loc == nil {
		loc = KST()
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (before, for negative n). The
// zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.IsZero() {
		return d
	}
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// UnmarshalJSON decodes a "YYYYMMDD" string; null, "" and "00000000"
// decode as absent. A JSON number is an error.
func (d *Date) UnmarshalJSON(data []byte) error {
	s, absent, err := valStringToken("Date", data)
	if err != nil {
		return err
	}
	if absent {
		*d = Date{}
		return nil
	}
	v, err := valParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON encodes d as "YYYYMMDD", or "" when absent. An invalid date
// is an error.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return valEmptyJSON(), nil
	}
	if reason := valCheckDate(d.Year, d.Month, d.Day); reason != "" {
		return nil, valErr("Date", d.String(), reason)
	}
	return valQuoted(d.appendTo), nil
}

// TimeOfDay is a wall-clock time sent as "HHMMSS" (some TRs send
// "HH:MM:SS", which is accepted too). The zero value (Present false) means
// "no value"; "000000" is a present midnight.
type TimeOfDay struct {
	// Hour is 0..23, Minute 0..59 and Second 0..59, in KST.
	Hour, Minute, Second int
	// Present is false for "no value" (wire "").
	Present bool
}

// NewTimeOfDay returns a present TimeOfDay (not validated; an invalid time
// fails to encode).
func NewTimeOfDay(hour, minute, second int) TimeOfDay {
	return TimeOfDay{Hour: hour, Minute: minute, Second: second, Present: true}
}

// ParseTimeOfDay parses "HHMMSS" or "HH:MM:SS". "" gives the zero (absent)
// TimeOfDay.
func ParseTimeOfDay(s string) (TimeOfDay, error) { return valParseTimeOfDay(s) }

func valParseTimeOfDay[T ~string | ~[]byte](s T) (TimeOfDay, error) {
	var h, m, sec int
	switch {
	case len(s) == 0:
		return TimeOfDay{}, nil
	case len(s) == 6:
		h, m, sec = valDigits(s, 0, 2), valDigits(s, 2, 2), valDigits(s, 4, 2)
	case len(s) == 8 && s[2] == ':' && s[5] == ':':
		h, m, sec = valDigits(s, 0, 2), valDigits(s, 3, 2), valDigits(s, 6, 2)
	default:
		if i := valFirstNonDigit(s); i >= 0 && s[i] != ':' {
			return TimeOfDay{}, valErr("TimeOfDay", s, valUnexpected(s, i))
		}
		return TimeOfDay{}, valErr("TimeOfDay", s, "want HHMMSS or HH:MM:SS")
	}
	if h < 0 || m < 0 || sec < 0 {
		return TimeOfDay{}, valErr("TimeOfDay", s, "want HHMMSS or HH:MM:SS")
	}
	if reason := valCheckClock(h, m, sec); reason != "" {
		return TimeOfDay{}, valErr("TimeOfDay", s, reason)
	}
	return TimeOfDay{Hour: h, Minute: m, Second: sec, Present: true}, nil
}

// IsZero reports whether the time is absent.
func (t TimeOfDay) IsZero() bool { return !t.Present }

// String returns "HHMMSS", or "" when absent.
func (t TimeOfDay) String() string {
	if !t.Present {
		return ""
	}
	var buf [16]byte
	return string(t.appendTo(buf[:0]))
}

func (t TimeOfDay) appendTo(b []byte) []byte {
	b = valAppendN(b, t.Hour, 2)
	b = valAppendN(b, t.Minute, 2)
	return valAppendN(b, t.Second, 2)
}

// UnmarshalJSON decodes "HHMMSS" or "HH:MM:SS"; null and "" decode as
// absent. A JSON number is an error.
func (t *TimeOfDay) UnmarshalJSON(data []byte) error {
	s, absent, err := valStringToken("TimeOfDay", data)
	if err != nil {
		return err
	}
	if absent {
		*t = TimeOfDay{}
		return nil
	}
	v, err := valParseTimeOfDay(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON encodes t as "HHMMSS", or "" when absent. An invalid time is
// an error.
func (t TimeOfDay) MarshalJSON() ([]byte, error) {
	if !t.Present {
		return valEmptyJSON(), nil
	}
	if reason := valCheckClock(t.Hour, t.Minute, t.Second); reason != "" {
		return nil, valErr("TimeOfDay", t.String(), reason)
	}
	return valQuoted(t.appendTo), nil
}

// DateTime is an instant sent as "YYYYMMDDHHMMSS" in Korea Standard Time
// (UTC+9), e.g. expires_dt or chart cntr_tm. Decoded values carry a KST
// location. The zero value (time.Time zero) means "no value"; the all-zero
// "00000000000000" also decodes as absent. Only JSON strings are accepted.
//
// DateTime overrides the promoted time.Time methods String, MarshalJSON,
// UnmarshalJSON, MarshalText and UnmarshalText to use the wire form, and
// Equal to take a DateTime (so go-cmp can compare structs holding it);
// use d.Time.Equal to compare with a time.Time.
type DateTime struct {
	// Time is the instant, in Korea time when decoded; the zero Time means no value.
	time.Time
}

// ParseDateTime parses "YYYYMMDDHHMMSS" in KST. "" and "00000000000000"
// give the zero DateTime.
func ParseDateTime(s string) (DateTime, error) { return valParseDateTime(s) }

func valParseDateTime[T ~string | ~[]byte](s T) (DateTime, error) {
	if len(s) == 0 {
		return DateTime{}, nil
	}
	if i := valFirstNonDigit(s); i >= 0 {
		return DateTime{}, valErr("DateTime", s, valUnexpected(s, i))
	}
	if len(s) != 14 {
		return DateTime{}, valErr("DateTime", s, "want 14 digits YYYYMMDDHHMMSS")
	}
	if valAllZero(s) {
		return DateTime{}, nil
	}
	y, mo, d := valDigits(s, 0, 4), time.Month(valDigits(s, 4, 2)), valDigits(s, 6, 2)
	h, mi, sec := valDigits(s, 8, 2), valDigits(s, 10, 2), valDigits(s, 12, 2)
	reason := valCheckDate(y, mo, d)
	if reason == "" {
		reason = valCheckClock(h, mi, sec)
	}
	if reason != "" {
		return DateTime{}, valErr("DateTime", s, reason)
	}
	// KST() allocates its Location (three small allocations); the only way to
	// share one named "KST" would be a package-level variable. Only au10001's
	// expires_dt is a DateTime, so decoding one is rare.
	return DateTime{time.Date(y, mo, d, h, mi, sec, 0, KST())}, nil
}

// Equal reports whether d and o are the same instant (both absent counts
// as equal).
func (d DateTime) Equal(o DateTime) bool { return d.Time.Equal(o.Time) }

// String returns the wire form "YYYYMMDDHHMMSS" in KST, or "" when absent.
func (d DateTime) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [24]byte
	return string(d.appendTo(buf[:0]))
}

func (d DateTime) appendTo(b []byte) []byte {
	t := valInKST(d.Time)
	y, mo, day := t.Date()
	h, mi, s := t.Clock()
	b = valAppendN(b, y, 4)
	b = valAppendN(b, int(mo), 2)
	b = valAppendN(b, day, 2)
	b = valAppendN(b, h, 2)
	b = valAppendN(b, mi, 2)
	return valAppendN(b, s, 2)
}

// MarshalText encodes d as "YYYYMMDDHHMMSS" in KST (empty when absent).
// Sub-second precision is dropped; a year outside 0001..9999 in KST is an
// error.
func (d DateTime) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if y := valInKST(d.Time).Year(); y < 1 || y > 9999 {
		return nil, valErr("DateTime", d.Time.String(), "year out of range")
	}
	return d.appendTo(make([]byte, 0, 16)), nil
}

// UnmarshalText decodes "YYYYMMDDHHMMSS" in KST; empty text is absent.
func (d *DateTime) UnmarshalText(text []byte) error {
	v, err := valParseDateTime(text)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// UnmarshalJSON decodes a "YYYYMMDDHHMMSS" KST string; null, "" and
// "00000000000000" decode as absent. A JSON number is an error.
func (d *DateTime) UnmarshalJSON(data []byte) error {
	s, absent, err := valStringToken("DateTime", data)
	if err != nil {
		return err
	}
	if absent {
		*d = DateTime{}
		return nil
	}
	return d.UnmarshalText(s)
}

// MarshalJSON encodes d as "YYYYMMDDHHMMSS" in KST, or "" when absent.
func (d DateTime) MarshalJSON() ([]byte, error) {
	text, err := d.MarshalText()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(text)+2)
	b = append(b, '"')
	b = append(b, text...)
	return append(b, '"'), nil
}

// ---------------------------------------------------------------------------
// Flags and return codes

// Flags is a '|'-joined list of labels such as "증거금20%|담보대출|신용가능"
// (ka10099/ka10100 state). "" and null decode as nil; empty labels (as in
// "a||b" or a trailing '|') are dropped. Only JSON strings are accepted. It
// encodes the labels joined with '|'.
type Flags []string

// Has reports whether label is one of the flags (exact match).
func (f Flags) Has(label string) bool {
	for _, l := range f {
		if l == label {
			return true
		}
	}
	return false
}

// String returns the labels joined with '|'.
func (f Flags) String() string { return strings.Join(f, "|") }

// UnmarshalJSON decodes a '|'-joined string.
func (f *Flags) UnmarshalJSON(data []byte) error {
	s, absent, err := valStringToken("Flags", data)
	if err != nil {
		return err
	}
	if absent {
		*f = nil
		return nil
	}
	str := string(s)
	out := make(Flags, 0, strings.Count(str, "|")+1)
	for part := range strings.SplitSeq(str, "|") {
		if part != "" {
			out = append(out, part)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	*f = out
	return nil
}

// MarshalJSON encodes the labels joined with '|' ("" for none).
func (f Flags) MarshalJSON() ([]byte, error) {
	return json.Marshal(f.String())
}

// ReturnCode is the envelope return_code; 0 means success. Kiwoom sends it
// as a JSON number, some endpoints as a numeric string ("1700"); both
// decode. Anything else — including null and "" — is an error, so a broken
// envelope is never mistaken for success. It encodes as a JSON number.
type ReturnCode int

// String returns the decimal code.
func (c ReturnCode) String() string { return strconv.Itoa(int(c)) }

// UnmarshalJSON decodes a JSON integer or a numeric string.
func (c *ReturnCode) UnmarshalJSON(data []byte) error {
	s, kind := valToken(data)
	mode := valSignOne
	switch kind {
	case valKindNumber:
		mode = valSignJSON
	case valKindString:
	default:
		return valBadToken("ReturnCode", data, true)
	}
	n, reason := valParseNumber(s, mode, false)
	if reason == "" && (n.int64() < math.MinInt || n.int64() > math.MaxInt) {
		reason = "value out of range"
	}
	if reason != "" {
		return valErr("ReturnCode", s, reason)
	}
	*c = ReturnCode(n.int64())
	return nil
}

// MarshalJSON encodes c as a JSON number.
func (c ReturnCode) MarshalJSON() ([]byte, error) {
	return strconv.AppendInt(make([]byte, 0, 8), int64(c), 10), nil
}
