package kiwoom_test

import (
	"encoding/json"
	"fmt"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// A Price's sign is the direction against the previous close, not a
// negative amount: "-160400" is 160,400 won, down on the day.
func ExamplePrice_Direction() {
	var row struct {
		CurPrc    kiwoom.Price `json:"cur_prc"`
		LastPrice kiwoom.Price `json:"lastPrice"`
	}
	if err := json.Unmarshal([]byte(`{"cur_prc":"-160400","lastPrice":"00136000"}`), &row); err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []kiwoom.Price{row.CurPrc, row.LastPrice} {
		switch p.Direction() {
		case kiwoom.SignPlus:
			fmt.Printf("%d won, up\n", p.Amount())
		case kiwoom.SignMinus:
			fmt.Printf("%d won, down\n", p.Amount())
		default:
			fmt.Printf("%d won, no direction\n", p.Amount())
		}
	}
	out, _ := json.Marshal(row.CurPrc)
	fmt.Println(string(out))
	// Output:
	// 160400 won, down
	// 136000 won, no direction
	// "-160400"
}

// ka10059 flu_rt has two implied decimal places: "+698" is 6.98 %.
func ExampleImplied2() {
	var rate kiwoom.Implied2
	if err := json.Unmarshal([]byte(`"+698"`), &rate); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rate.Float64())
	fmt.Println(rate.String())
	out, _ := json.Marshal(rate)
	fmt.Println(string(out))
	// Output:
	// 6.98
	// 6.98
	// "698"
}

// The empty string means "no value" and stays distinguishable from zero;
// the double minus used for net flows decodes as a negative number.
func ExampleInt() {
	var row struct {
		Per kiwoom.Int `json:"per"`
		Chg kiwoom.Int `json:"chg"`
		Net kiwoom.Int `json:"net"`
	}
	_ = json.Unmarshal([]byte(`{"per":"","chg":"0","net":"--28837"}`), &row)
	for _, v := range []kiwoom.Int{row.Per, row.Chg, row.Net} {
		if n, ok := v.Int64(); ok {
			fmt.Println(n)
		} else {
			fmt.Println("no value")
		}
	}
	// Output:
	// no value
	// 0
	// -28837
}

// Decode errors are *ValueError, so a caller can add the field name.
func ExampleValueError() {
	var p kiwoom.Price
	err := json.Unmarshal([]byte(`"12a"`), &p)
	fmt.Println(err)
	// Output:
	// kiwoom: invalid Price "12a": unexpected character 'a'
}
