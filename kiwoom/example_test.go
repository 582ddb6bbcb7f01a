package kiwoom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// exampleServer is an offline stand-in for Kiwoom: it issues a token and hands
// every other TR to handle.
func exampleServer(handle httpmock.Responder) *http.Client {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://example.test/oauth2/token",
		httpmock.NewStringResponder(200, `{"expires_dt":"20991231235959","token_type":"bearer","token":"example-token","return_code":0,"return_msg":"정상적으로 처리되었습니다"}`))
	mt.RegisterNoResponder(handle)
	return &http.Client{Transport: mt}
}

func jsonResponse(body string, headers ...string) *http.Response {
	r := httpmock.NewStringResponse(200, body)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return r
}

// A kiwoom.Client holds the credentials, the access token, the rate limits and
// the retry rules; the TRs are methods of the family packages' clients made
// from it (stockinfo, chart, account, order, …). Here the client talks to a
// local server (kiwoomtest) instead of Kiwoom.
func Example() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()

	// In a program: kiwoom.NewFromEnv(), or kiwoom.New(appKey, secretKey) for production.
	c, err := kiwoom.New(srv.AppKey, srv.SecretKey, kiwoom.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	info, err := stockinfo.New(c).BasicInfo(ctx, &stockinfo.BasicInfoRequest{StockCode: "005930"})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(info.StockCode, info.StockName, info.CurrentPrice.Amount(), info.FluctuationRate)

	req := &chart.StockDailyRequest{StockCode: "005930", BaseDate: kiwoom.NewDate(2025, time.September, 8), AdjustedStockPriceType: chart.PriceAdjustmentAdjusted}
	for row, err := range chart.New(c).StockDailyRows(ctx, req) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(row.Date, row.CurrentPrice.Amount())
	}
	// Output:
	// 005930 삼성전자 58000 2.29
	// 20250908 70800
	// 20250905 69600
	// 20250904 70800
}

// Client.Do calls any TR — one this module does not cover yet, or a slimmer
// view of one it does — with the client's tokens, rate limits, retries and
// order safety: describe the TR with an Operation from Kiwoom's table, send a
// struct of your own and decode into a struct of your own that embeds
// kiwoom.Envelope. Keys the struct does not name are ignored.
func ExampleClient_Do() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	c := srv.Client()

	type quoteRequest struct {
		StockCode string `json:"stk_cd"`
	}
	type quote struct {
		kiwoom.Envelope
		Name  string         `json:"stk_nm"`
		Price kiwoom.Price   `json:"cur_prc"`
		Rate  kiwoom.Decimal `json:"flu_rt"`
	}
	op := kiwoom.Operation{ID: "ka10001", Path: "/api/dostk/stkinfo", Kind: kiwoom.KindQuery}

	var q quote
	if err := c.Do(context.Background(), op, quoteRequest{StockCode: "005930"}, &q); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(q.Name, q.Price.Amount(), q.Price.Direction() == kiwoom.SignPlus, q.Rate)
	fmt.Println("api-id:", q.Meta.APIID, "return_code:", q.ReturnCode)

	// A non-zero return_code is an *kiwoom.APIError, as with the generated methods.
	err := c.Do(context.Background(), op, quoteRequest{StockCode: "999999"}, &quote{})
	var apiErr *kiwoom.APIError
	fmt.Println("unknown stock is an APIError:", errors.As(err, &apiErr))
	// Output:
	// 삼성전자 58000 true 2.29
	// api-id: ka10001 return_code: 0
	// unknown stock is an APIError: true
}

// Raw JSON in and out: a json.RawMessage request is sent as it is (once it is
// checked to be JSON), and a *kiwoom.RawResponse decodes only return_code and
// return_msg and keeps the body, as received, in Meta.Raw.
func ExampleClient_Do_raw() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	c := srv.Client()

	op := kiwoom.Operation{ID: "ka10100", Path: "/api/dostk/stkinfo", Kind: kiwoom.KindQuery}
	var resp kiwoom.RawResponse
	if err := c.Do(context.Background(), op, json.RawMessage(`{"stk_cd":"005930"}`), &resp); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.ReturnCode, resp.ReturnMsg)

	var body map[string]any
	if err := json.Unmarshal(resp.Meta.Raw, &body); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(body["code"], body["name"], body["lastPrice"])
	// Output:
	// 0 정상적으로 처리되었습니다
	// 005930 삼성전자 00056700
}

// Decode decodes a saved response body — from a file, a cache, a log — in one
// pass, as the client decodes an answer: a value that does not decode is a
// *kiwoom.DecodeError naming its field, and a non-zero return_code an
// *kiwoom.APIError. (json.Unmarshal works too, but scans the body twice.)
func ExampleDecode() {
	saved := []byte(`{"code":"005930","name":"삼성전자","lastPrice":"00056700","state":"증거금20%|담보대출",` +
		`"return_code":0,"return_msg":"정상적으로 처리되었습니다"}`)
	var info stockinfo.LookupResponse
	if err := kiwoom.Decode(saved, &info); err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(info.Code, info.Name, info.PrevClosePrice.Amount(), len(info.State))

	bad := []byte(`{"code":"005930","lastPrice":"56,700","return_code":0,"return_msg":""}`)
	var de *kiwoom.DecodeError
	if err := kiwoom.Decode(bad, new(stockinfo.LookupResponse)); errors.As(err, &de) {
		fmt.Println("bad field:", de.Field)
	}

	failed := []byte(`{"return_code":2,"return_msg":"종목코드가 존재하지 않습니다[1902:종목정보가 없습니다]"}`)
	var apiErr *kiwoom.APIError
	if err := kiwoom.Decode(failed, new(stockinfo.LookupResponse)); errors.As(err, &apiErr) {
		fmt.Println("return_code:", apiErr.ReturnCode, "detail:", apiErr.DetailCode)
	}
	// Output:
	// 005930 삼성전자 56700 2
	// bad field: lastPrice
	// return_code: 2 detail: 1902
}

// Handling a rate-limit answer: query TRs are retried with backoff by the
// client; when the retries run out the error matches kiwoom.ErrRateLimited and
// carries Kiwoom's codes in a *kiwoom.APIError.
func Example_rateLimited() {
	var sent atomic.Int32
	hc := exampleServer(func(*http.Request) (*http.Response, error) {
		sent.Add(1)
		return jsonResponse(`{"return_code":5,"return_msg":"허용된 요청 개수를 초과하였습니다[1700:허용된 요청 개수를 초과하였습니다. API ID=ka10100]"}`), nil
	})
	c, err := kiwoom.New("my-app-key", "my-secret-key",
		kiwoom.WithBaseURL("https://example.test"), kiwoom.WithHTTPClient(hc),
		kiwoom.WithRateLimit(20, 5), // queries and orders per second
		kiwoom.WithRetry(kiwoom.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond}))
	if err != nil {
		panic(err)
	}
	_, err = stockinfo.New(c).Lookup(context.Background(), &stockinfo.LookupRequest{StockCode: "005930"})
	if errors.Is(err, kiwoom.ErrRateLimited) {
		var apiErr *kiwoom.APIError
		errors.As(err, &apiErr)
		fmt.Println("rate limited:", apiErr.TR, apiErr.ReturnCode, apiErr.DetailCode)
		fmt.Println("requests sent:", sent.Load())
		// Back off for longer, or lower the client's rate with kiwoom.WithRateLimit.
	}
	// Output:
	// rate limited: ka10100 5 1700
	// requests sent: 3
}
