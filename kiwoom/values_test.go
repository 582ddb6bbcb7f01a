package kiwoom_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// vtCase is one decode case: in is a raw JSON token. When err is false the
// token must decode to want and, if out is set, re-encode to out.
type vtCase[T any] struct {
	in   string
	want T
	out  string // expected MarshalJSON output ("" = not checked)
	err  bool
}

// vtPtr constrains *T to a JSON (un)marshaler.
type vtPtr[T any] interface {
	*T
	json.Unmarshaler
}

// vtRun runs decode cases for a value type whose ValueError.Type is typ.
// For every case it
//   - calls UnmarshalJSON directly on a non-zero destination (null and ""
//     must reset it to the zero value),
//   - decodes through json.Unmarshal when the token is valid JSON, which
//     must agree,
//   - checks that errors are *ValueError with the right Type,
//   - round-trips successes: marshal → unmarshal → equal.
func vtRun[T any, P vtPtr[T]](t *testing.T, typ string, dirty T, cases []vtCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got := dirty
			err := P(&got).UnmarshalJSON([]byte(tc.in))
			if tc.err {
				if err == nil {
					t.Fatalf("UnmarshalJSON(%s) = %+v, want error", tc.in, got)
				}
				var ve *kiwoom.ValueError
				if !errors.As(err, &ve) {
					t.Fatalf("UnmarshalJSON(%s) error %T %v, want *ValueError", tc.in, err, err)
				}
				if ve.Type != typ {
					t.Errorf("ValueError.Type = %q, want %q", ve.Type, typ)
				}
				if !strings.HasPrefix(err.Error(), "kiwoom: invalid "+typ+" ") {
					t.Errorf("Error() = %q", err.Error())
				}
			} else {
				if err != nil {
					t.Fatalf("UnmarshalJSON(%s): %v", tc.in, err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Fatalf("UnmarshalJSON(%s) mismatch (-want +got):\n%s", tc.in, diff)
				}
			}

			if json.Valid([]byte(tc.in)) {
				var viaJSON T
				err := json.Unmarshal([]byte(tc.in), &viaJSON)
				if tc.err {
					var ve *kiwoom.ValueError
					if !errors.As(err, &ve) {
						t.Errorf("json.Unmarshal(%s) error %T %v, want *ValueError", tc.in, err, err)
					}
				} else if err != nil {
					t.Errorf("json.Unmarshal(%s): %v", tc.in, err)
				} else if diff := cmp.Diff(tc.want, viaJSON); diff != "" {
					t.Errorf("json.Unmarshal(%s) mismatch (-want +got):\n%s", tc.in, diff)
				}
			}
			if tc.err {
				return
			}

			enc, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("Marshal(%+v): %v", got, err)
			}
			if tc.out != "" && string(enc) != tc.out {
				t.Errorf("Marshal(%s) = %s, want %s", tc.in, enc, tc.out)
			}
			var again T
			if err := json.Unmarshal(enc, &again); err != nil {
				t.Fatalf("round trip: Unmarshal(%s): %v", enc, err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Errorf("round trip %s -> %s mismatch (-first +second):\n%s", tc.in, enc, diff)
			}
		})
	}
}

func TestValueInt(t *testing.T) {
	n := kiwoom.NewInt
	vtRun(t, "Int", kiwoom.NewInt(99), []vtCase[kiwoom.Int]{
		{in: `""`, want: kiwoom.Int{}, out: `""`},
		{in: `null`, want: kiwoom.Int{}},
		{in: `"0"`, want: n(0), out: `"0"`},
		{in: `"+0"`, want: n(0), out: `"0"`},
		{in: `"-0"`, want: n(0), out: `"0"`},
		{in: `"4464"`, want: n(4464), out: `"4464"`},
		{in: `"+4464"`, want: n(4464), out: `"4464"`},
		{in: `"-1200"`, want: n(-1200), out: `"-1200"`},
		{in: `"--28837"`, want: n(-28837), out: `"-28837"`},
		{in: `"--714"`, want: n(-714)},
		{in: `"0000000026034239"`, want: n(26034239), out: `"26034239"`},
		{in: `"-00000163958"`, want: n(-163958), out: `"-163958"`},
		{in: `"000021850"`, want: n(21850)},
		{in: `"9223372036854775807"`, want: n(math.MaxInt64)},
		{in: `"-9223372036854775808"`, want: n(math.MinInt64)},
		{in: `"--9223372036854775808"`, want: n(math.MinInt64)},
		{in: `"\u002b5"`, want: n(5)},
		{in: ` "7" `, want: n(7)},
		{in: `123`, want: n(123), out: `"123"`},
		{in: `-5`, want: n(-5)},
		{in: `0`, want: n(0)},

		{in: `"+-5"`, err: true},
		{in: `"-+5"`, err: true},
		{in: `"++5"`, err: true},
		{in: `"---5"`, err: true},
		{in: `"+"`, err: true},
		{in: `"-"`, err: true},
		{in: `"--"`, err: true},
		{in: `"1.5"`, err: true},
		{in: `"abc"`, err: true},
		{in: `"12a"`, err: true},
		{in: `" 5"`, err: true},
		{in: `"5 "`, err: true},
		{in: `"1,000"`, err: true},
		{in: `"٣"`, err: true}, // Arabic-Indic digit
		{in: `"9223372036854775808"`, err: true},
		{in: `"-9223372036854775809"`, err: true},
		{in: `"99999999999999999999999"`, err: true},
		{in: `1.5`, err: true},
		{in: `1e3`, err: true},
		{in: `--5`, err: true},
		{in: `true`, err: true},
		{in: `{}`, err: true},
		{in: `[]`, err: true},
		{in: `"`, err: true},
		{in: `"5`, err: true},
		{in: ``, err: true},
	})
}

func TestValueIntMethods(t *testing.T) {
	if v, ok := kiwoom.NewInt(-3).Int64(); v != -3 || !ok {
		t.Errorf("Int64() = %d, %v", v, ok)
	}
	if v, ok := (kiwoom.Int{}).Int64(); v != 0 || ok {
		t.Errorf("absent Int64() = %d, %v", v, ok)
	}
	for _, tc := range []struct {
		v    kiwoom.Int
		str  string
		zero bool
	}{
		{kiwoom.Int{}, "", true},
		{kiwoom.Int{Value: 5}, "", true}, // Present governs
		{kiwoom.NewInt(0), "0", false},
		{kiwoom.NewInt(-28837), "-28837", false},
	} {
		if got := tc.v.String(); got != tc.str {
			t.Errorf("%+v.String() = %q, want %q", tc.v, got, tc.str)
		}
		if got := tc.v.IsZero(); got != tc.zero {
			t.Errorf("%+v.IsZero() = %v, want %v", tc.v, got, tc.zero)
		}
	}
	if b, _ := json.Marshal(kiwoom.Int{Value: 5}); string(b) != `""` {
		t.Errorf("absent Int with Value marshals as %s, want \"\"", b)
	}
}

func TestValuePrice(t *testing.T) {
	p := kiwoom.NewPrice
	vtRun(t, "Price", p(1, kiwoom.SignPlus), []vtCase[kiwoom.Price]{
		{in: `""`, want: kiwoom.Price{}, out: `""`},
		{in: `null`, want: kiwoom.Price{}},
		{in: `"0"`, want: p(0, kiwoom.SignNone), out: `"0"`},
		{in: `"+0"`, want: p(0, kiwoom.SignPlus), out: `"+0"`},
		{in: `"-0"`, want: p(0, kiwoom.SignMinus), out: `"-0"`},
		{in: `"-160400"`, want: p(160400, kiwoom.SignMinus), out: `"-160400"`},
		{in: `"+74800"`, want: p(74800, kiwoom.SignPlus), out: `"+74800"`},
		{in: `"70100"`, want: p(70100, kiwoom.SignNone), out: `"70100"`},
		{in: `"00136000"`, want: p(136000, kiwoom.SignNone), out: `"136000"`},
		{in: `"-00000197"`, want: p(197, kiwoom.SignMinus), out: `"-197"`},
		{in: `"9223372036854775807"`, want: p(math.MaxInt64, kiwoom.SignNone)},
		{in: `"-9223372036854775807"`, want: p(math.MaxInt64, kiwoom.SignMinus)},
		{in: `123`, want: p(123, kiwoom.SignNone), out: `"123"`},
		{in: `-5`, want: p(5, kiwoom.SignMinus), out: `"-5"`},

		{in: `"--335"`, err: true},
		{in: `"+-5"`, err: true},
		{in: `"++5"`, err: true},
		{in: `"-9223372036854775808"`, err: true},
		{in: `"9223372036854775808"`, err: true},
		{in: `"1.5"`, err: true},
		{in: `"12a"`, err: true},
		{in: `"+"`, err: true},
		{in: `"160,400"`, err: true},
		{in: `1.5`, err: true},
		{in: `false`, err: true},
	})
}

func TestValuePriceMethods(t *testing.T) {
	down := kiwoom.NewPrice(160400, kiwoom.SignMinus)
	if down.Amount() != 160400 || down.Direction() != kiwoom.SignMinus {
		t.Errorf("Amount/Direction = %d/%v", down.Amount(), down.Direction())
	}
	if got := down.String(); got != "-160400" {
		t.Errorf("String() = %q", got)
	}
	if got := (kiwoom.Price{}).String(); got != "" {
		t.Errorf("absent String() = %q", got)
	}
	if !(kiwoom.Price{}).IsZero() || kiwoom.NewPrice(0, kiwoom.SignNone).IsZero() {
		t.Error("IsZero must mean absent")
	}
	// A negative magnitude is kept as given, so that it can be refused.
	if got, want := kiwoom.NewPrice(-5, kiwoom.SignPlus), (kiwoom.Price{Value: -5, Sign: kiwoom.SignPlus, Present: true}); got != want {
		t.Errorf("NewPrice(-5, +) = %+v, want %+v", got, want)
	}
	if got := kiwoom.NewPrice(math.MinInt64, kiwoom.SignNone).Value; got != math.MinInt64 {
		t.Errorf("NewPrice(MinInt64) = %d", got)
	}
	// An out-of-range Sign writes no sign character.
	if got := (kiwoom.Price{Value: 3, Sign: 7, Present: true}).String(); got != "3" {
		t.Errorf("invalid sign String() = %q", got)
	}
}

func TestValueSignString(t *testing.T) {
	for s, want := range map[kiwoom.Sign]string{
		kiwoom.SignNone: "", kiwoom.SignPlus: "+", kiwoom.SignMinus: "-", 7: "Sign(7)",
	} {
		if got := s.String(); got != want {
			t.Errorf("Sign(%d).String() = %q, want %q", int8(s), got, want)
		}
	}
}

func TestValueDecimal(t *testing.T) {
	d := kiwoom.NewDecimal
	vtRun(t, "Decimal", d(1, 1), []vtCase[kiwoom.Decimal]{
		{in: `""`, want: kiwoom.Decimal{}, out: `""`},
		{in: `null`, want: kiwoom.Decimal{}},
		{in: `"+29.86"`, want: d(2986, 2), out: `"29.86"`},
		{in: `"-5.14"`, want: d(-514, 2), out: `"-5.14"`},
		{in: `"0.00"`, want: d(0, 2), out: `"0.00"`},
		{in: `"-0.00"`, want: d(0, 2), out: `"0.00"`},
		{in: `"+0.16"`, want: d(16, 2), out: `"0.16"`},
		{in: `"9.0"`, want: d(90, 1), out: `"9.0"`},
		{in: `"32"`, want: d(32, 0), out: `"32"`},
		{in: `"32.47"`, want: d(3247, 2)},
		{in: `"--1.5"`, want: d(-15, 1), out: `"-1.5"`},
		{in: `"-0.05"`, want: d(-5, 2), out: `"-0.05"`},
		{in: `"-2394.49"`, want: d(-239449, 2)},
		{in: `"00012.50"`, want: d(1250, 2), out: `"12.50"`},
		{in: `"0.000000000000000000000001"`, want: d(1, 24), out: `"0.000000000000000000000001"`},
		{in: `"922337203685477580.7"`, want: d(math.MaxInt64, 1)},
		{in: `"-9.223372036854775808"`, want: d(math.MinInt64, 18), out: `"-9.223372036854775808"`},
		{in: `1.5`, want: d(15, 1), out: `"1.5"`},
		{in: `-0.25`, want: d(-25, 2)},
		{in: `7`, want: d(7, 0)},

		{in: `".5"`, err: true},
		{in: `"-.5"`, err: true},
		{in: `"1."`, err: true},
		{in: `"1.2.3"`, err: true},
		{in: `"+-1"`, err: true},
		{in: `"---1"`, err: true},
		{in: `"1e3"`, err: true},
		{in: `"1,000.00"`, err: true},
		{in: `"abc"`, err: true},
		{in: `" 1.0"`, err: true},
		{in: `"."`, err: true},
		{in: `"+"`, err: true},
		{in: `"99999999999999999999"`, err: true},
		{in: `"9223372036854775.808"`, err: true},
		{in: `"0.` + strings.Repeat("0", 256) + `"`, err: true},
		{in: `1e3`, err: true},
		{in: `1.5E-2`, err: true},
		{in: `[1]`, err: true},
	})
}

func TestValueDecimalMethods(t *testing.T) {
	d := kiwoom.NewDecimal
	for _, tc := range []struct {
		d   kiwoom.Decimal
		str string
		f   float64
	}{
		{kiwoom.Decimal{}, "", 0},
		{kiwoom.Decimal{Units: 5, Scale: 1}, "", 0}, // absent
		{d(2986, 2), "29.86", 29.86},
		{d(-514, 2), "-5.14", -5.14},
		{d(0, 2), "0.00", 0},
		{d(-5, 2), "-0.05", -0.05},
		{d(5, 0), "5", 5},
		{d(-5, 3), "-0.005", -0.005},
		{d(12345, 3), "12.345", 12.345},
		{d(math.MinInt64, 0), "-9223372036854775808", -9223372036854775808},
		{d(1, 22), "0.0000000000000000000001", 1e-22},
		{d(1, 30), "0.000000000000000000000000000001", 1e-30},
	} {
		if got := tc.d.String(); got != tc.str {
			t.Errorf("%+v.String() = %q, want %q", tc.d, got, tc.str)
		}
		if got := tc.d.Float64(); got != tc.f {
			t.Errorf("%+v.Float64() = %v, want %v", tc.d, got, tc.f)
		}
		if got := tc.d.IsZero(); got != !tc.d.Present {
			t.Errorf("%+v.IsZero() = %v", tc.d, got)
		}
	}
}

func TestValueDecimalCmp(t *testing.T) {
	d := kiwoom.NewDecimal
	for _, tc := range []struct {
		a, b kiwoom.Decimal
		want int
	}{
		{d(150, 2), d(15, 1), 0},
		{d(0, 2), d(0, 0), 0},
		{d(0, 2), kiwoom.Decimal{}, 0}, // absent compares as zero
		{kiwoom.Decimal{Units: 9, Present: false}, d(1, 0), -1},
		{d(2986, 2), d(30, 0), -1},
		{d(31, 0), d(2986, 2), 1},
		{d(-514, 2), d(-5, 0), -1},
		{d(-5, 0), d(-514, 2), 1},
		{d(-1, 0), d(1, 3), -1},
		{d(1, 0), d(-1, 3), 1},
		{d(0, 0), d(-1, 200), 1},
		{d(0, 0), d(1, 200), -1},
		{d(1, 0), d(math.MaxInt64, 18), -1}, // 1 < 9.22…
		{d(10, 0), d(math.MaxInt64, 18), 1}, // 10 > 9.22…
		{d(math.MaxInt64, 0), d(math.MaxInt64, 0), 0},
		{d(math.MinInt64, 0), d(math.MaxInt64, 0), -1},
		{d(math.MinInt64, 0), d(math.MinInt64, 0), 0},
		{d(1, 0), d(math.MaxInt64, 200), 1},
		{d(math.MaxInt64, 0), d(1, 255), 1},
		{d(10, 0), d(1e18, 17), 0},
		{d(-10, 0), d(-1e18, 17), 0},
		{d(1e18, 0), d(1e18, 18), 1},
	} {
		want := tc.want
		if got := tc.a.Cmp(tc.b); got != want {
			t.Errorf("%+v.Cmp(%+v) = %d, want %d", tc.a, tc.b, got, want)
		}
		if got := tc.b.Cmp(tc.a); got != -want {
			t.Errorf("%+v.Cmp(%+v) = %d, want %d", tc.b, tc.a, got, -want)
		}
	}
}

func TestValueImplied2(t *testing.T) {
	i := kiwoom.NewImplied2
	vtRun(t, "Implied2", i(1), []vtCase[kiwoom.Implied2]{
		{in: `""`, want: kiwoom.Implied2{}, out: `""`},
		{in: `null`, want: kiwoom.Implied2{}},
		{in: `"+698"`, want: i(698), out: `"698"`},
		{in: `"+2986"`, want: i(2986), out: `"2986"`},
		{in: `"-5"`, want: i(-5), out: `"-5"`},
		{in: `"0"`, want: i(0), out: `"0"`},
		{in: `"-0"`, want: i(0), out: `"0"`},
		{in: `"--100"`, want: i(-100), out: `"-100"`},
		{in: `"624191"`, want: i(624191)},
		{in: `698`, want: i(698), out: `"698"`},

		{in: `"6.98"`, err: true},
		{in: `"+6.98"`, err: true},
		{in: `6.98`, err: true},
		{in: `"abc"`, err: true},
		{in: `"+-5"`, err: true},
	})
	if got := i(698).Float64(); got != 6.98 {
		t.Errorf("Float64() = %v, want 6.98", got)
	}
	if got := i(-5).String(); got != "-0.05" {
		t.Errorf("String() = %q, want -0.05", got)
	}
}

func TestValueImplied2MarshalRescale(t *testing.T) {
	for _, tc := range []struct {
		v    kiwoom.Implied2
		want string // "" = error
	}{
		{kiwoom.Implied2{kiwoom.NewDecimal(69800, 4)}, `"698"`},
		{kiwoom.Implied2{kiwoom.NewDecimal(-698, 3)}, ``}, // -0.698 has 3 fraction digits
		{kiwoom.Implied2{kiwoom.NewDecimal(7, 1)}, `"70"`},
		{kiwoom.Implied2{kiwoom.NewDecimal(-7, 0)}, `"-700"`},
		{kiwoom.Implied2{kiwoom.NewDecimal(0, 200)}, `"0"`},
		{kiwoom.Implied2{kiwoom.NewDecimal(1, 200)}, ``},
		{kiwoom.Implied2{kiwoom.NewDecimal(math.MaxInt64, 0)}, ``},
		{kiwoom.Implied2{kiwoom.NewDecimal(math.MinInt64, 2)}, `"-9223372036854775808"`},
	} {
		got, err := json.Marshal(tc.v)
		if tc.want == "" {
			var ve *kiwoom.ValueError
			if !errors.As(err, &ve) || ve.Type != "Implied2" {
				t.Errorf("Marshal(%+v) = %s, %v; want *ValueError", tc.v, got, err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tc.v, got, err, tc.want)
		}
	}
}

func TestValueDate(t *testing.T) {
	vtRun(t, "Date", kiwoom.NewDate(2000, 1, 1), []vtCase[kiwoom.Date]{
		{in: `""`, want: kiwoom.Date{}, out: `""`},
		{in: `null`, want: kiwoom.Date{}},
		{in: `"00000000"`, want: kiwoom.Date{}, out: `""`},
		{in: `"20241107"`, want: kiwoom.NewDate(2024, time.November, 7), out: `"20241107"`},
		{in: `"20091204"`, want: kiwoom.NewDate(2009, time.December, 4)},
		{in: `"20240229"`, want: kiwoom.NewDate(2024, time.February, 29)},
		{in: `"20000229"`, want: kiwoom.NewDate(2000, time.February, 29)},
		{in: `"00010101"`, want: kiwoom.NewDate(1, time.January, 1), out: `"00010101"`},
		{in: `"99991231"`, want: kiwoom.NewDate(9999, time.December, 31)},

		{in: `"20240230"`, err: true},
		{in: `"20230229"`, err: true},
		{in: `"19000229"`, err: true},
		{in: `"20241301"`, err: true},
		{in: `"20240001"`, err: true},
		{in: `"20241100"`, err: true},
		{in: `"20241131"`, err: true},
		{in: `"00001107"`, err: true},
		{in: `"2024117"`, err: true},
		{in: `"202411071"`, err: true},
		{in: `"2024-11-07"`, err: true},
		{in: `"2024110a"`, err: true},
		{in: `"+20241107"`, err: true},
		{in: `20241107`, err: true},
		{in: `true`, err: true},
	})
}

func TestValueDateMethods(t *testing.T) {
	d := kiwoom.NewDate(2024, time.November, 7)
	if d.String() != "20241107" || (kiwoom.Date{}).String() != "" {
		t.Errorf("String() = %q / %q", d.String(), (kiwoom.Date{}).String())
	}
	if d.IsZero() || !(kiwoom.Date{}).IsZero() {
		t.Error("IsZero")
	}
	kst := d.Time(nil)
	if _, off := kst.Zone(); off != 9*3600 {
		t.Errorf("Time(nil) offset = %d, want 32400", off)
	}
	if got, want := kst.UTC(), time.Date(2024, 11, 6, 15, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Time(nil) = %v, want %v", got, want)
	}
	if got := d.Time(time.UTC); !got.Equal(time.Date(2024, 11, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time(UTC) = %v", got)
	}
	if !(kiwoom.Date{}).Time(time.UTC).IsZero() {
		t.Error("zero Date.Time not zero")
	}
	for _, tc := range []struct {
		d    kiwoom.Date
		n    int
		want kiwoom.Date
	}{
		{d, 1, kiwoom.NewDate(2024, 11, 8)},
		{d, 24, kiwoom.NewDate(2024, 12, 1)},
		{d, 55, kiwoom.NewDate(2025, 1, 1)},
		{kiwoom.NewDate(2024, 3, 1), -1, kiwoom.NewDate(2024, 2, 29)},
		{d, 0, d},
		{kiwoom.Date{}, 5, kiwoom.Date{}},
	} {
		if got := tc.d.AddDays(tc.n); got != tc.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tc.d, tc.n, got, tc.want)
		}
	}
	if got := kiwoom.DateOf(time.Date(2024, 11, 6, 23, 37, 13, 0, time.UTC)); got != kiwoom.NewDate(2024, 11, 6) {
		t.Errorf("DateOf(UTC) = %v", got)
	}
	if got := kiwoom.DateOf(time.Date(2024, 11, 6, 23, 37, 13, 0, time.UTC).In(time.FixedZone("KST", 9*3600))); got != kiwoom.NewDate(2024, 11, 7) {
		t.Errorf("DateOf(KST) = %v", got)
	}
	if got := kiwoom.DateOf(time.Time{}); !got.IsZero() {
		t.Errorf("DateOf(zero) = %+v", got)
	}

	for s, want := range map[string]kiwoom.Date{"": {}, "00000000": {}, "20241107": d} {
		got, err := kiwoom.ParseDate(s)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := kiwoom.ParseDate("20240230"); err == nil {
		t.Error("ParseDate(20240230) succeeded")
	} else if got, want := err.Error(), `kiwoom: invalid Date "20240230": day out of range`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}

	// Dates built by hand are validated on encode.
	for _, bad := range []kiwoom.Date{kiwoom.NewDate(2024, 2, 30), kiwoom.NewDate(2024, 13, 1), kiwoom.NewDate(10000, 1, 1), {Day: 1}} {
		var ve *kiwoom.ValueError
		if _, err := json.Marshal(bad); !errors.As(err, &ve) {
			t.Errorf("Marshal(%+v) error = %v, want *ValueError", bad, err)
		}
	}
}

func TestValueTimeOfDay(t *testing.T) {
	tod := kiwoom.NewTimeOfDay
	vtRun(t, "TimeOfDay", tod(1, 2, 3), []vtCase[kiwoom.TimeOfDay]{
		{in: `""`, want: kiwoom.TimeOfDay{}, out: `""`},
		{in: `null`, want: kiwoom.TimeOfDay{}},
		{in: `"153012"`, want: tod(15, 30, 12), out: `"153012"`},
		{in: `"13:05:43"`, want: tod(13, 5, 43), out: `"130543"`},
		{in: `"000000"`, want: tod(0, 0, 0), out: `"000000"`},
		{in: `"235959"`, want: tod(23, 59, 59)},

		{in: `"240000"`, err: true},
		{in: `"156000"`, err: true},
		{in: `"153060"`, err: true},
		{in: `"1530"`, err: true},
		{in: `"1530120"`, err: true},
		{in: `"15:3012"`, err: true},
		{in: `"15:30:1"`, err: true},
		{in: `"13-05-43"`, err: true},
		{in: `"ab:cd:ef"`, err: true},
		{in: `"1a3012"`, err: true},
		{in: `"+53012"`, err: true},
		{in: `153012`, err: true},
	})
	if got := tod(9, 0, 5).String(); got != "090005" {
		t.Errorf("String() = %q", got)
	}
	if (kiwoom.TimeOfDay{}).String() != "" || !(kiwoom.TimeOfDay{}).IsZero() || tod(0, 0, 0).IsZero() {
		t.Error("absent TimeOfDay")
	}
	if got, err := kiwoom.ParseTimeOfDay("13:05:43"); err != nil || got != tod(13, 5, 43) {
		t.Errorf("ParseTimeOfDay = %+v, %v", got, err)
	}
	if got, err := kiwoom.ParseTimeOfDay(""); err != nil || got.Present {
		t.Errorf("ParseTimeOfDay(\"\") = %+v, %v", got, err)
	}
	var ve *kiwoom.ValueError
	if _, err := json.Marshal(tod(24, 0, 0)); !errors.As(err, &ve) {
		t.Errorf("Marshal(24:00:00) error = %v", err)
	}
}

func TestValueDateTime(t *testing.T) {
	kst := time.FixedZone("KST", 9*3600)
	dt := func(y int, mo time.Month, d, h, mi, s int) kiwoom.DateTime {
		return kiwoom.DateTime{Time: time.Date(y, mo, d, h, mi, s, 0, kst)}
	}
	vtRun(t, "DateTime", dt(2000, 1, 1, 0, 0, 0), []vtCase[kiwoom.DateTime]{
		{in: `""`, want: kiwoom.DateTime{}, out: `""`},
		{in: `null`, want: kiwoom.DateTime{}},
		{in: `"00000000000000"`, want: kiwoom.DateTime{}, out: `""`},
		{in: `"20241107083713"`, want: dt(2024, 11, 7, 8, 37, 13), out: `"20241107083713"`},
		{in: `"20241231235959"`, want: dt(2024, 12, 31, 23, 59, 59)},
		{in: `"20240229000000"`, want: dt(2024, 2, 29, 0, 0, 0)},

		{in: `"20241107083760"`, err: true},
		{in: `"20241107246000"`, err: true},
		{in: `"20241307083713"`, err: true},
		{in: `"20230229083713"`, err: true},
		{in: `"2024110708371"`, err: true},
		{in: `"202411070837130"`, err: true},
		{in: `"2024-11-07T08:37:13Z"`, err: true},
		{in: `20241107083713`, err: true},
	})

	got, err := kiwoom.ParseDateTime("20241107083713")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 11, 6, 23, 37, 13, 0, time.UTC); !got.Time.Equal(want) {
		t.Errorf("instant = %v, want %v", got.UTC(), want)
	}
	if _, off := got.Zone(); off != 9*3600 {
		t.Errorf("offset = %d", off)
	}
	// String and MarshalJSON use KST whatever the location of the Time.
	utc := kiwoom.DateTime{Time: time.Date(2024, 11, 6, 23, 37, 13, 999, time.UTC)}
	if s := utc.String(); s != "20241107083713" {
		t.Errorf("String() = %q", s)
	}
	if b, err := json.Marshal(utc); err != nil || string(b) != `"20241107083713"` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	if !got.Equal(dt(2024, 11, 7, 8, 37, 13)) || !(kiwoom.DateTime{}).Equal(kiwoom.DateTime{}) {
		t.Error("Equal")
	}
	if (kiwoom.DateTime{}).String() != "" {
		t.Error("absent String")
	}
	// The text form (used by other encoders) is the wire form too.
	if b, err := got.MarshalText(); err != nil || string(b) != "20241107083713" {
		t.Errorf("MarshalText = %s, %v", b, err)
	}
	var back kiwoom.DateTime
	if err := back.UnmarshalText([]byte("20241107083713")); err != nil || !back.Equal(got) {
		t.Errorf("UnmarshalText = %v, %v", back, err)
	}
	if _, err := json.Marshal(kiwoom.DateTime{Time: time.Date(10000, 1, 1, 0, 0, 0, 0, kst)}); err == nil {
		t.Error("year 10000 marshalled")
	}
	if d, err := kiwoom.ParseDateTime(""); err != nil || !d.IsZero() {
		t.Errorf("ParseDateTime(\"\") = %v, %v", d, err)
	}
}

func TestValueFlags(t *testing.T) {
	vtRun(t, "Flags", kiwoom.Flags{"x"}, []vtCase[kiwoom.Flags]{
		{in: `""`, want: nil, out: `""`},
		{in: `null`, want: nil},
		{in: `"증거금20%|담보대출|신용가능"`, want: kiwoom.Flags{"증거금20%", "담보대출", "신용가능"}, out: `"증거금20%|담보대출|신용가능"`},
		{in: `"관리종목"`, want: kiwoom.Flags{"관리종목"}, out: `"관리종목"`},
		{in: `"a||b|"`, want: kiwoom.Flags{"a", "b"}, out: `"a|b"`},
		{in: `"|"`, want: nil, out: `""`},
		{in: `"say \"hi\"|x"`, want: kiwoom.Flags{`say "hi"`, "x"}},

		{in: `1`, err: true},
		{in: `true`, err: true},
		{in: `["a"]`, err: true},
	})
	f := kiwoom.Flags{"증거금20%", "담보대출", "신용가능"}
	if !f.Has("담보대출") || f.Has("담보") || (kiwoom.Flags)(nil).Has("") {
		t.Error("Has")
	}
	if f.String() != "증거금20%|담보대출|신용가능" || (kiwoom.Flags)(nil).String() != "" {
		t.Errorf("String() = %q", f.String())
	}
}

func TestValueReturnCode(t *testing.T) {
	vtRun(t, "ReturnCode", kiwoom.ReturnCode(42), []vtCase[kiwoom.ReturnCode]{
		{in: `0`, want: 0, out: `0`},
		{in: `3`, want: 3, out: `3`},
		{in: `"1700"`, want: 1700, out: `1700`},
		{in: `"0"`, want: 0, out: `0`},
		{in: `-1`, want: -1, out: `-1`},

		{in: `null`, err: true},
		{in: `""`, err: true},
		{in: `"abc"`, err: true},
		{in: `"정상 : 0"`, err: true},
		{in: `"1 "`, err: true},
		{in: `1.5`, err: true},
		{in: `1e3`, err: true},
		{in: `true`, err: true},
		{in: `{}`, err: true},
		{in: `"99999999999999999999"`, err: true},
	})
	if kiwoom.ReturnCode(5).String() != "5" {
		t.Error("String")
	}
}

// TestValueAbsentVersusZero checks that "" and "0" stay distinguishable.
func TestValueAbsentVersusZero(t *testing.T) {
	var row struct {
		A kiwoom.Int     `json:"a"`
		B kiwoom.Int     `json:"b"`
		C kiwoom.Price   `json:"c"`
		D kiwoom.Price   `json:"d"`
		E kiwoom.Decimal `json:"e"`
		F kiwoom.Decimal `json:"f"`
	}
	if err := json.Unmarshal([]byte(`{"a":"","b":"0","c":"","d":"-0","e":"","f":"0.00"}`), &row); err != nil {
		t.Fatal(err)
	}
	if row.A.Present || row.A.Value != 0 {
		t.Errorf(`"" Int = %+v, want absent`, row.A)
	}
	if !row.B.Present || row.B.Value != 0 {
		t.Errorf(`"0" Int = %+v, want present 0`, row.B)
	}
	if row.C.Present {
		t.Errorf(`"" Price = %+v, want absent`, row.C)
	}
	if want := (kiwoom.Price{Value: 0, Sign: kiwoom.SignMinus, Present: true}); row.D != want {
		t.Errorf(`"-0" Price = %+v, want %+v`, row.D, want)
	}
	if row.E.Present || !row.F.Present || row.F.Scale != 2 {
		t.Errorf(`Decimal "" = %+v, "0.00" = %+v`, row.E, row.F)
	}
	if row.A == row.B || row.E == row.F {
		t.Error("absent equals zero")
	}
}

// vtRow mixes every value type the way a generated response struct would.
type vtRow struct {
	Code       string           `json:"code"`
	ListCount  kiwoom.Int       `json:"listCount"`
	RegDay     kiwoom.Date      `json:"regDay"`
	LastPrice  kiwoom.Price     `json:"lastPrice"`
	State      kiwoom.Flags     `json:"state"`
	CurPrc     kiwoom.Price     `json:"cur_prc"`
	PredPre    kiwoom.Int       `json:"pred_pre"`
	FluRt      kiwoom.Decimal   `json:"flu_rt"`
	FluRtImp   kiwoom.Implied2  `json:"flu_rt_imp"`
	NetQty     kiwoom.Int       `json:"netprps_qty"`
	Per        kiwoom.Decimal   `json:"per"`
	CntrTm     kiwoom.TimeOfDay `json:"cntr_tm"`
	OrdTm      kiwoom.TimeOfDay `json:"ord_tm"`
	ExpiresDt  kiwoom.DateTime  `json:"expires_dt"`
	Missing    kiwoom.Int       `json:"missing"`
	MissingOpt kiwoom.Price     `json:"missing_opt,omitzero"`
}

type vtEnvelope struct {
	Rows       []vtRow           `json:"list"`
	ReturnCode kiwoom.ReturnCode `json:"return_code"`
	ReturnMsg  string            `json:"return_msg"`
}

func TestValueStructEndToEnd(t *testing.T) {
	const body = `{
		"return_msg": "정상적으로 처리되었습니다",
		"return_code": 0,
		"list": [
			{
				"code": "005930",
				"listCount": "0000000026034239",
				"regDay": "20091204",
				"lastPrice": "00136000",
				"state": "증거금20%|담보대출|신용가능",
				"cur_prc": "-160400",
				"pred_pre": "-1200",
				"flu_rt": "+29.86",
				"flu_rt_imp": "+698",
				"netprps_qty": "--28837",
				"per": "",
				"cntr_tm": "153012",
				"ord_tm": "13:05:43",
				"expires_dt": "20241107083713",
				"unknown": "ignored"
			},
			{"code": "000660", "cur_prc": "+74800", "per": "32.47", "flu_rt": "0.00", "pred_pre": "+0"}
		]
	}`
	var got vtEnvelope
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := vtEnvelope{
		ReturnMsg: "정상적으로 처리되었습니다",
		Rows: []vtRow{{
			Code:      "005930",
			ListCount: kiwoom.NewInt(26034239),
			RegDay:    kiwoom.NewDate(2009, time.December, 4),
			LastPrice: kiwoom.NewPrice(136000, kiwoom.SignNone),
			State:     kiwoom.Flags{"증거금20%", "담보대출", "신용가능"},
			CurPrc:    kiwoom.NewPrice(160400, kiwoom.SignMinus),
			PredPre:   kiwoom.NewInt(-1200),
			FluRt:     kiwoom.NewDecimal(2986, 2),
			FluRtImp:  kiwoom.NewImplied2(698),
			NetQty:    kiwoom.NewInt(-28837),
			CntrTm:    kiwoom.NewTimeOfDay(15, 30, 12),
			OrdTm:     kiwoom.NewTimeOfDay(13, 5, 43),
			ExpiresDt: kiwoom.DateTime{Time: time.Date(2024, 11, 6, 23, 37, 13, 0, time.UTC)},
		}, {
			Code:    "000660",
			CurPrc:  kiwoom.NewPrice(74800, kiwoom.SignPlus),
			Per:     kiwoom.NewDecimal(3247, 2),
			FluRt:   kiwoom.NewDecimal(0, 2),
			PredPre: kiwoom.NewInt(0),
		}},
	}
	// DateTime.Equal(DateTime) lets cmp compare instants across locations.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decode mismatch (-want +got):\n%s", diff)
	}

	enc, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(enc), "missing_opt") {
		t.Errorf("omitzero did not omit an absent Price: %s", enc)
	}
	for _, frag := range []string{`"return_code":0`, `"cur_prc":"-160400"`, `"netprps_qty":"-28837"`, `"flu_rt_imp":"698"`, `"per":""`, `"expires_dt":"20241107083713"`, `"ord_tm":"130543"`} {
		if !strings.Contains(string(enc), frag) {
			t.Errorf("encoding lacks %s:\n%s", frag, enc)
		}
	}
	var again vtEnvelope
	if err := json.Unmarshal(enc, &again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, again); diff != "" {
		t.Errorf("round trip mismatch (-first +second):\n%s", diff)
	}
}

func TestValueErrors(t *testing.T) {
	var p kiwoom.Price
	err := p.UnmarshalJSON([]byte(`"12a"`))
	if got, want := err.Error(), `kiwoom: invalid Price "12a": unexpected character 'a'`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var ve *kiwoom.ValueError
	if !errors.As(err, &ve) || *ve != (kiwoom.ValueError{Type: "Price", Value: "12a", Reason: "unexpected character 'a'"}) {
		t.Errorf("ValueError = %+v", ve)
	}

	for _, tc := range []struct {
		in, want string
	}{
		{`"+-5"`, `kiwoom: invalid Int "+-5": unexpected character '-'`},
		{`"9223372036854775808"`, `kiwoom: invalid Int "9223372036854775808": value out of range`},
		{`"--"`, `kiwoom: invalid Int "--": no digits`},
		{`"12원"`, `kiwoom: invalid Int "12원": unexpected character '원'`},
		{`true`, `kiwoom: invalid Int "true": want a JSON string or number`},
	} {
		var v kiwoom.Int
		if err := v.UnmarshalJSON([]byte(tc.in)); err == nil || err.Error() != tc.want {
			t.Errorf("Int %s: error %v, want %q", tc.in, err, tc.want)
		}
	}
	var d kiwoom.Decimal
	if err := d.UnmarshalJSON([]byte(`"1."`)); err == nil || err.Error() != `kiwoom: invalid Decimal "1.": no digits after '.'` {
		t.Errorf("Decimal 1.: %v", err)
	}
	var dt kiwoom.Date
	if err := dt.UnmarshalJSON([]byte(`20241107`)); err == nil || err.Error() != `kiwoom: invalid Date "20241107": want a JSON string` {
		t.Errorf("Date number: %v", err)
	}

	// Long values are truncated at a rune boundary.
	long := strings.Repeat("1", 38) + "가나다라"
	var v kiwoom.Int
	err = v.UnmarshalJSON([]byte(`"` + long + `"`))
	if !errors.As(err, &ve) {
		t.Fatalf("error %v", err)
	}
	if want := strings.Repeat("1", 38) + "..."; ve.Value != want {
		t.Errorf("truncated Value = %q, want %q", ve.Value, want)
	}
	if len(err.Error()) > 120 {
		t.Errorf("error too long: %q", err.Error())
	}
	exact := strings.Repeat("x", 40)
	if err := v.UnmarshalJSON([]byte(`"` + exact + `"`)); !errors.As(err, &ve) || ve.Value != exact {
		t.Errorf("40-byte value should not be truncated: %v", err)
	}

	// Through json.Unmarshal of a struct, the *ValueError is still reachable.
	var row vtRow
	err = json.Unmarshal([]byte(`{"code":"x","cur_prc":"--335"}`), &row)
	if !errors.As(err, &ve) || ve.Type != "Price" || ve.Value != "--335" {
		t.Errorf("struct decode error = %v (%T)", err, err)
	}
}

func FuzzInt(f *testing.F) {
	for _, s := range []string{"", "0", "+0", "-0", "+4464", "-1200", "--28837", "0000000026034239",
		"-00000163958", "+-5", "1.5", "abc", "9223372036854775808", "-9223372036854775808", "--", "12원"} {
		f.Add(s)
	}
	// vtIntForm matches what Int accepts inside a JSON string.
	vtIntForm := regexp.MustCompile(`^(--|[+-])?[0-9]+$`)
	f.Fuzz(func(t *testing.T, s string) {
		quoted, _ := json.Marshal(s)
		var v kiwoom.Int
		err := v.UnmarshalJSON(quoted)

		// Differential check against strconv.
		wantOK, want := true, int64(0)
		switch {
		case s == "":
			wantOK = true
		case !vtIntForm.MatchString(s):
			wantOK = false
		default:
			norm := strings.Replace(s, "--", "-", 1)
			n, perr := strconv.ParseInt(norm, 10, 64)
			wantOK, want = perr == nil, n
		}
		if wantOK != (err == nil) {
			t.Fatalf("UnmarshalJSON(%s) err = %v, want ok=%v", quoted, err, wantOK)
		}
		if err != nil {
			var ve *kiwoom.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T", err)
			}
			return
		}
		if v.Present != (s != "") || v.Value != want {
			t.Fatalf("UnmarshalJSON(%s) = %+v, want %d", quoted, v, want)
		}
		vtRoundTrip(t, v)

		// The raw bytes as a token must never panic.
		var raw kiwoom.Int
		_ = raw.UnmarshalJSON([]byte(s))
	})
}

func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"", "+29.86", "-5.14", "0.00", "9.0", "32", "--1.5", ".5", "1.", "1e3",
		"-9.223372036854775808", "922337203685477580.8", "0.0000000000000000000000000000001"} {
		f.Add(s)
	}
	// vtDecForm matches what Decimal accepts inside a JSON string.
	vtDecForm := regexp.MustCompile(`^(--|[+-])?[0-9]+(\.[0-9]+)?$`)
	f.Fuzz(func(t *testing.T, s string) {
		quoted, _ := json.Marshal(s)
		var d kiwoom.Decimal
		err := d.UnmarshalJSON(quoted)

		wantOK := s == "" || vtDecForm.MatchString(s)
		var want *big.Rat
		if s != "" && wantOK {
			norm := strings.Replace(s, "--", "-", 1)
			want, _ = new(big.Rat).SetString(norm)
			scale := 0
			if i := strings.IndexByte(norm, '.'); i >= 0 {
				scale = len(norm) - i - 1
			}
			units := new(big.Rat).Mul(want, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
			wantOK = scale <= 255 && units.IsInt() && units.Num().IsInt64()
		}
		if wantOK != (err == nil) {
			t.Fatalf("UnmarshalJSON(%s) err = %v, want ok=%v", quoted, err, wantOK)
		}
		if err != nil {
			var ve *kiwoom.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("error %T", err)
			}
			return
		}
		if s != "" {
			got := new(big.Rat).SetFrac(big.NewInt(d.Units), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil))
			if got.Cmp(want) != 0 || !d.Present {
				t.Fatalf("UnmarshalJSON(%s) = %+v (%v), want %v", quoted, d, got, want)
			}
		}
		if d.Cmp(d) != 0 {
			t.Fatalf("%+v.Cmp(itself) != 0", d)
		}
		// String is the canonical form: it parses back to the same value.
		if d.Present && !vtDecForm.MatchString(d.String()) {
			t.Fatalf("String() = %q is not canonical", d.String())
		}
		vtRoundTrip(t, d)

		var raw kiwoom.Decimal
		_ = raw.UnmarshalJSON([]byte(s))
		var imp kiwoom.Implied2
		if imp.UnmarshalJSON(quoted) == nil {
			vtRoundTrip(t, imp)
		}
	})
}

func FuzzPrice(f *testing.F) {
	for _, s := range []string{"", "-0", "+0", "-160400", "00136000", "--335", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		quoted, _ := json.Marshal(s)
		var p kiwoom.Price
		if err := p.UnmarshalJSON(quoted); err != nil {
			return
		}
		if p.Value < 0 {
			t.Fatalf("negative magnitude %+v", p)
		}
		vtRoundTrip(t, p)
	})
}

// vtRoundTrip checks marshal → unmarshal → equal for v.
func vtRoundTrip[T any, P vtPtr[T]](t *testing.T, v T) {
	t.Helper()
	enc, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%+v): %v", v, err)
	}
	var back T
	if err := P(&back).UnmarshalJSON(enc); err != nil {
		t.Fatalf("Unmarshal(%s): %v", enc, err)
	}
	if diff := cmp.Diff(v, back); diff != "" {
		t.Fatalf("round trip via %s (-want +got):\n%s", enc, diff)
	}
}

// A Price with a negative Value must not go out as its absolute value.
func TestValuePriceNegativeMagnitudeNotEncoded(t *testing.T) {
	for _, p := range []kiwoom.Price{
		{Value: -70000, Present: true},
		kiwoom.NewPrice(-70000, kiwoom.SignNone),
		kiwoom.NewPrice(math.MinInt64, kiwoom.SignMinus),
	} {
		b, err := p.MarshalJSON()
		var ve *kiwoom.ValueError
		if !errors.As(err, &ve) || ve.Type != "Price" {
			t.Errorf("%+v: MarshalJSON = %s, %v; want a *ValueError", p, b, err)
		}
		if b, err := json.Marshal(struct {
			P kiwoom.Price `json:"p"`
		}{p}); !errors.As(err, &ve) {
			t.Errorf("%+v: json.Marshal = %s, %v; want a *ValueError", p, b, err)
		}
	}
}

func TestValueKST(t *testing.T) {
	loc := kiwoom.KST()
	for _, m := range []time.Month{time.January, time.July} {
		name, off := time.Date(2024, m, 1, 12, 0, 0, 0, loc).Zone()
		if name != "KST" || off != 9*3600 {
			t.Errorf("%v: zone %s %d, want KST +9h all year", m, name, off)
		}
	}
	if got := loc.String(); got != "KST" {
		t.Errorf("KST().String() = %q", got)
	}
}

// Encoding a DateTime builds no Location: the only allocations are the output.
func TestValueDateTimeEncodeAllocs(t *testing.T) {
	d := kiwoom.DateTime{Time: time.Date(2024, 11, 7, 23, 37, 13, 0, time.UTC)}
	if b, _ := d.MarshalJSON(); string(b) != `"20241108083713"` {
		t.Fatalf("MarshalJSON = %s", b)
	}
	if n := testing.AllocsPerRun(100, func() { _ = d.String() }); n > 1 {
		t.Errorf("String allocates %v times, want 1 (the string)", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = d.MarshalJSON() }); n > 2 {
		t.Errorf("MarshalJSON allocates %v times, want at most 2 (text and output)", n)
	}
}
