package kiwoom_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

func TestIndexDecodes(t *testing.T) {
	cases := []struct {
		wire  string
		units int64
		scale uint8
		sign  kiwoom.Sign
		want  string
	}{
		{`"-1762.61"`, 176261, 2, kiwoom.SignMinus, "-1762.61"},
		{`"+2450.09"`, 245009, 2, kiwoom.SignPlus, "+2450.09"},
		{`"812.3"`, 8123, 1, kiwoom.SignNone, "812.3"},
		{`"-0.00"`, 0, 2, kiwoom.SignMinus, "-0.00"},
	}
	for _, tc := range cases {
		var x kiwoom.Index
		if err := json.Unmarshal([]byte(tc.wire), &x); err != nil {
			t.Fatalf("%s: %v", tc.wire, err)
		}
		if x.Points.Units != tc.units || x.Points.Scale != tc.scale || x.Sign != tc.sign || x.String() != tc.want {
			t.Errorf("%s = %+v (%q); want %d/%d %v", tc.wire, x, x.String(), tc.units, tc.scale, tc.sign)
		}
		back, err := json.Marshal(x)
		if err != nil || string(back) != `"`+tc.want+`"` {
			t.Errorf("%s: marshal = %s, %v", tc.wire, back, err)
		}
	}
	var x kiwoom.Index
	if err := json.Unmarshal([]byte(`""`), &x); err != nil || !x.IsZero() {
		t.Errorf(`"" = %+v, %v; want absent`, x, err)
	}
	var ve *kiwoom.ValueError
	for _, bad := range []string{`"--1762.61"`, `"1,762.61"`, `"+"`, `"12a"`} {
		if err := json.Unmarshal([]byte(bad), &x); !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a *ValueError", bad, err)
		}
	}
}

func TestIndex2DecodesImpliedDecimals(t *testing.T) {
	cases := []struct {
		wire, want string
		sign       kiwoom.Sign
	}{
		{`"+651627"`, "+6516.27", kiwoom.SignPlus},
		{`"-108176"`, "-1081.76", kiwoom.SignMinus},
		{`"108082"`, "1080.82", kiwoom.SignNone},
	}
	for _, tc := range cases {
		var x kiwoom.Index2
		if err := json.Unmarshal([]byte(tc.wire), &x); err != nil {
			t.Fatalf("%s: %v", tc.wire, err)
		}
		if x.String() != tc.want || x.Sign != tc.sign || x.Points.Units < 0 {
			t.Errorf("%s = %q (sign %v); want %q, points never negative", tc.wire, x.String(), x.Sign, tc.want)
		}
		back, err := json.Marshal(x)
		if err != nil || string(back) != tc.wire {
			t.Errorf("%s: marshal = %s, %v; want the wire form back", tc.wire, back, err)
		}
	}
	var x kiwoom.Index2
	if err := json.Unmarshal([]byte(`"6516.27"`), &x); err == nil {
		t.Error(`"6516.27" decoded as Index2; a point is not allowed where decimals are implied`)
	}
}

func TestPercentAndGroupedInt(t *testing.T) {
	for wire, want := range map[string]string{`"45%"`: "45", `"+1.50%"`: "1.50", `"100"`: "100", `"-0.25%"`: "-0.25"} {
		var p kiwoom.Percent
		if err := json.Unmarshal([]byte(wire), &p); err != nil || p.String() != want {
			t.Errorf("Percent %s = %q, %v; want %q", wire, p.String(), err, want)
		}
	}
	var p kiwoom.Percent
	if err := json.Unmarshal([]byte(`""`), &p); err != nil || !p.IsZero() {
		t.Errorf(`Percent "" = %+v, %v; want absent`, p, err)
	}
	var ve *kiwoom.ValueError
	for _, bad := range []string{`"%"`, `"45%%"`, `"4 5%"`, `"%45"`} {
		if err := json.Unmarshal([]byte(bad), &p); !errors.As(err, &ve) || ve.Type != "Percent" {
			t.Errorf("Percent %s: err = %v, want a *ValueError of Percent", bad, err)
		}
	}
	for wire, want := range map[string]int64{`"56,900"`: 56900, `"-1,234,567"`: -1234567, `"900"`: 900, `"--1,000"`: -1000, `"12345"`: 12345} {
		var g kiwoom.GroupedInt
		if err := json.Unmarshal([]byte(wire), &g); err != nil || g.Value != want || !g.Present {
			t.Errorf("GroupedInt %s = %+v, %v; want %d", wire, g, err, want)
		}
	}
	for _, bad := range []string{`"56,90"`, `"5,6900"`, `",900"`, `"1,,000"`, `"1,000,"`, `"1.000,5"`} {
		var g kiwoom.GroupedInt
		if err := json.Unmarshal([]byte(bad), &g); !errors.As(err, &ve) || ve.Type != "GroupedInt" {
			t.Errorf("GroupedInt %s: err = %v, want a *ValueError of GroupedInt", bad, err)
		}
	}
}

func TestImplied6(t *testing.T) {
	for wire, want := range map[string]string{`"590470"`: "0.590470", `"163"`: "0.000163", `"-1057402"`: "-1.057402", `"41752995"`: "41.752995", `"--282426"`: "-0.282426"} {
		var d kiwoom.Implied6
		if err := json.Unmarshal([]byte(wire), &d); err != nil || d.String() != want {
			t.Errorf("Implied6 %s = %q, %v; want %q", wire, d.String(), err, want)
		}
	}
	back, err := json.Marshal(kiwoom.NewImplied6(-1057402))
	if err != nil || string(back) != `"-1057402"` {
		t.Errorf("marshal = %s, %v", back, err)
	}
	var d kiwoom.Implied6
	var ve *kiwoom.ValueError
	if err := json.Unmarshal([]byte(`"0.590470"`), &d); !errors.As(err, &ve) {
		t.Errorf(`"0.590470" as Implied6: err = %v; a point is not allowed where decimals are implied`, err)
	}
}
