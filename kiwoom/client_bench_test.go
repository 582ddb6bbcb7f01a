package kiwoom_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"reflect"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/kiwoomgo/kiwoom/golden"
	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
)

// cbKa10099Body is a realistic ka10099 answer: 2,500 stocks of 14 fields.
func cbKa10099Body() []byte {
	var b bytes.Buffer
	b.WriteString(`{"return_msg":"정상적으로 처리되었습니다","return_code":0,"list":[`)
	for i := range 2500 {
		if i > 0 {
			b.WriteByte(',')
		}
		warn := "0"
		if i%97 == 0 {
			warn = "3"
		}
		fmt.Fprintf(&b, `{"code":"%06d","name":"종목%d","listCount":"%016d","auditInfo":"정상","regDay":"20%02d%02d%02d",`+
			`"lastPrice":"%08d","state":"증거금20%%|담보대출|신용가능","marketCode":"10","marketName":"코스닥",`+
			`"upName":"제조","upSizeName":"중형주","companyClassName":"","orderWarning":%q,"nxtEnable":"Y"}`,
			i*7, i, 100000+i*7919, i%25, i%12+1, i%28+1, 1000+i*13, warn)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func cbTransport(body []byte) *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://bench.test/oauth2/token",
		httpmock.NewStringResponder(200, `{"expires_dt":"20991231235959","token_type":"bearer","token":"t","return_code":0,"return_msg":""}`))
	mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		r := httpmock.NewBytesResponse(200, body)
		r.Header.Set("cont-yn", "N")
		return r, nil
	})
	return mt
}

// BenchmarkCallKa10099 is a full call: validate, encode, rate limiter
// (disabled), token (cached), mock round trip, read, envelope check and typed
// decode of 2,500 rows.
func BenchmarkCallKa10099(b *testing.B) {
	body := cbKa10099Body()
	c, err := kiwoom.New("k", "s", kiwoom.WithBaseURL("https://bench.test"),
		kiwoom.WithHTTPClient(&http.Client{Transport: cbTransport(body)}), kiwoom.WithoutRateLimit())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	sc := stockinfo.New(c)
	req := &stockinfo.ListRequest{MarketType: kiwoom.StockListMarket("0")}
	if _, err := sc.List(ctx, req); err != nil { // issue the token outside the loop
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		resp, err := sc.List(ctx, req)
		if err != nil || len(resp.Rows) != 2500 {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallKa10099BaselineMap: plain json.Unmarshal of the same body into
// map[string]any (no transport).
func BenchmarkCallKa10099BaselineMap(b *testing.B) {
	body := cbKa10099Body()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallKa10099BaselineHTTPMap: the same mock round trip with a bare
// http.Client, io.ReadAll and json.Unmarshal into map[string]any — what a
// minimal untyped client would do.
func BenchmarkCallKa10099BaselineHTTPMap(b *testing.B) {
	body := cbKa10099Body()
	hc := &http.Client{Transport: cbTransport(body)}
	reqBody := []byte(`{"mrkt_tp":"0"}`)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "https://bench.test/api/dostk/stkinfo", bytes.NewReader(reqBody))
		req.Header.Set("api-id", "ka10099")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode decodes a response body alone, five ways: the generated
// UnmarshalJSON (what the client runs), kiwoom.Decode (the documented way to
// decode a saved body: the same decoder plus the envelope check), json.Unmarshal
// on the generated type (which scans the body once more before calling the
// method), encoding/json's reflection decoder on the same struct without its
// methods (reflectMirror), and json.Unmarshal into map[string]any. Compare the
// decoders with
//
//	go test -run '^$' -bench BenchmarkDecode -benchmem -count 6 ./kiwoom > decode.txt
//	go run golang.org/x/perf/cmd/benchstat -col /decoder decode.txt
func BenchmarkDecode(b *testing.B) {
	ka10001, err := fs.ReadFile(golden.FS(), "ka10001/response.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		tr   string
		body []byte
		resp func() kiwoom.Response
	}{
		{"ka10099", cbKa10099Body(), func() kiwoom.Response { return new(stockinfo.ListResponse) }},
		{"ka10001", ka10001, func() kiwoom.Response { return new(stockinfo.BasicInfoResponse) }},
	} {
		mirror := reflectMirror(reflect.TypeOf(tc.resp()).Elem())
		b.Run("tr="+tc.tr+"/decoder=generated", func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := tc.resp().(json.Unmarshaler).UnmarshalJSON(tc.body); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tr="+tc.tr+"/decoder=Decode", func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := kiwoom.Decode(tc.body, tc.resp()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tr="+tc.tr+"/decoder=json.Unmarshal", func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(tc.body, tc.resp()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tr="+tc.tr+"/decoder=reflect", func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(tc.body, reflect.New(mirror).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("tr="+tc.tr+"/decoder=map", func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				var m map[string]any
				if err := json.Unmarshal(tc.body, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
