package kiwoom_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// Benchmark tokens are raw JSON tokens as json.Unmarshal hands them to
// UnmarshalJSON. The Baseline benchmarks decode the same tokens the naive
// way: json.Unmarshal into a string, then strconv. (The baselines cannot
// handle "--28837", so the Int tokens avoid it.)
func vbTokens(toks ...string) [][]byte {
	out := make([][]byte, len(toks))
	for i, t := range toks {
		out[i] = []byte(t)
	}
	return out
}

func vbIntTokens() [][]byte {
	return vbTokens(`"0000000026034239"`, `"-1200"`, `"+4464"`, `"9263135"`)
}

func vbPriceTokens() [][]byte {
	return vbTokens(`"-160400"`, `"00136000"`, `"+74800"`, `"70100"`)
}

func vbDecimalTokens() [][]byte {
	return vbTokens(`"+29.86"`, `"-5.14"`, `"0.00"`, `"32.47"`)
}

func vbDateTokens() [][]byte {
	return vbTokens(`"20241107"`, `"20091204"`, `"20250908"`, `"20160630"`)
}

// vbUnmarshal decodes the tokens in turn with the value type's UnmarshalJSON.
func vbUnmarshal[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
}](b *testing.B, tokens [][]byte) {
	b.ReportAllocs()
	var v T
	for i := 0; b.Loop(); i++ {
		if err := P(&v).UnmarshalJSON(tokens[i&3]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIntUnmarshal(b *testing.B)     { vbUnmarshal[kiwoom.Int](b, vbIntTokens()) }
func BenchmarkPriceUnmarshal(b *testing.B)   { vbUnmarshal[kiwoom.Price](b, vbPriceTokens()) }
func BenchmarkDecimalUnmarshal(b *testing.B) { vbUnmarshal[kiwoom.Decimal](b, vbDecimalTokens()) }
func BenchmarkDateUnmarshal(b *testing.B)    { vbUnmarshal[kiwoom.Date](b, vbDateTokens()) }

// vbBaseline decodes tok with json.Unmarshal into a string and parse.
func vbBaseline(b *testing.B, tokens [][]byte, parse func(string) error) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var s string
		if err := json.Unmarshal(tokens[i&3], &s); err != nil {
			b.Fatal(err)
		}
		if err := parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

func vbParseInt(s string) error { _, err := strconv.ParseInt(s, 10, 64); return err }

func BenchmarkBaselineIntUnmarshal(b *testing.B) { vbBaseline(b, vbIntTokens(), vbParseInt) }

func BenchmarkBaselinePriceUnmarshal(b *testing.B) { vbBaseline(b, vbPriceTokens(), vbParseInt) }

// The decimal baseline uses strconv.ParseFloat, since ParseInt cannot
// read a fraction.
func BenchmarkBaselineDecimalUnmarshal(b *testing.B) {
	vbBaseline(b, vbDecimalTokens(), func(s string) error { _, err := strconv.ParseFloat(s, 64); return err })
}

func BenchmarkBaselineDateUnmarshal(b *testing.B) { vbBaseline(b, vbDateTokens(), vbParseInt) }

// Marshal side, for reference.
func BenchmarkPriceMarshal(b *testing.B) {
	b.ReportAllocs()
	p := kiwoom.NewPrice(160400, kiwoom.SignMinus)
	for b.Loop() {
		if _, err := p.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// A ka10099-sized response (2,500 rows × 14 fields), decoded end to end by
// json.Unmarshal into typed rows versus rows of plain strings.
type vbKa10099Row struct {
	Code             string       `json:"code"`
	Name             string       `json:"name"`
	ListCount        kiwoom.Int   `json:"listCount"`
	AuditInfo        string       `json:"auditInfo"`
	RegDay           kiwoom.Date  `json:"regDay"`
	LastPrice        kiwoom.Price `json:"lastPrice"`
	State            kiwoom.Flags `json:"state"`
	MarketCode       string       `json:"marketCode"`
	MarketName       string       `json:"marketName"`
	UpName           string       `json:"upName"`
	UpSizeName       string       `json:"upSizeName"`
	CompanyClassName string       `json:"companyClassName"`
	OrderWarning     string       `json:"orderWarning"`
	NxtEnable        string       `json:"nxtEnable"`
}

type vbKa10099StringRow struct {
	Code             string `json:"code"`
	Name             string `json:"name"`
	ListCount        string `json:"listCount"`
	AuditInfo        string `json:"auditInfo"`
	RegDay           string `json:"regDay"`
	LastPrice        string `json:"lastPrice"`
	State            string `json:"state"`
	MarketCode       string `json:"marketCode"`
	MarketName       string `json:"marketName"`
	UpName           string `json:"upName"`
	UpSizeName       string `json:"upSizeName"`
	CompanyClassName string `json:"companyClassName"`
	OrderWarning     string `json:"orderWarning"`
	NxtEnable        string `json:"nxtEnable"`
}

func vbKa10099Body() []byte {
	var sb strings.Builder
	sb.WriteString(`{"return_msg":"정상적으로 처리되었습니다","return_code":0,"list":[`)
	for i := range 2500 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"code":"%06d","name":"종목%d","listCount":"%016d","auditInfo":"정상","regDay":"2009%02d%02d",`+
			`"lastPrice":"%08d","state":"증거금20%%|담보대출|신용가능","marketCode":"10","marketName":"코스닥",`+
			`"upName":"","upSizeName":"","companyClassName":"","orderWarning":"0","nxtEnable":"Y"}`,
			i, i, 100000+i*7919, i%12+1, i%28+1, 1000+i*13)
	}
	sb.WriteString(`]}`)
	return []byte(sb.String())
}

func BenchmarkKa10099Typed(b *testing.B) {
	body := vbKa10099Body()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var resp struct {
			List       []vbKa10099Row    `json:"list"`
			ReturnCode kiwoom.ReturnCode `json:"return_code"`
		}
		if err := json.Unmarshal(body, &resp); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBaselineKa10099Strings(b *testing.B) {
	body := vbKa10099Body()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var resp struct {
			List       []vbKa10099StringRow `json:"list"`
			ReturnCode int                  `json:"return_code"`
		}
		if err := json.Unmarshal(body, &resp); err != nil {
			b.Fatal(err)
		}
	}
}
