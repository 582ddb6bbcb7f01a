package kiwoom_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/kiwoomgo/kiwoom/kiwoom"
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

// One call: the client issues the access token on first use, sends ka10100 and
// decodes the typed response.
func ExampleClient_StockInfo() {
	hc := exampleServer(func(*http.Request) (*http.Response, error) {
		return jsonResponse(`{"code":"005930","name":"삼성전자","listCount":"0000005969782550","lastPrice":"00071000",`+
			`"state":"증거금20%|담보대출|신용가능","return_code":0,"return_msg":"정상적으로 처리되었습니다"}`, "api-id", "ka10100"), nil
	})
	// In a program: kiwoom.NewFromEnv() with KIWOOM_APPKEY, KIWOOM_SECRETKEY and KIWOOM_ENV set.
	c, err := kiwoom.New("my-app-key", "my-secret-key",
		kiwoom.WithBaseURL("https://example.test"), kiwoom.WithHTTPClient(hc))
	if err != nil {
		panic(err)
	}
	resp, err := c.StockInfo(context.Background(), &kiwoom.StockInfoRequest{StockCode: "005930"})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.Code, resp.Name, resp.ListedShares, resp.PrevClosePrice, resp.State)
	fmt.Println("api-id:", resp.Meta.APIID, "more pages:", resp.Meta.HasNext())
	// Output:
	// 005930 삼성전자 5969782550 71000 증거금20%|담보대출|신용가능
	// api-id: ka10100 more pages: false
}

// Paging with the iterator: StockListRows follows cont-yn/next-key across pages
// until the server says N. Breaking out of the loop stops fetching.
func ExampleClient_StockListRows() {
	pages := map[string]string{
		"":   `{"return_code":0,"return_msg":"","list":[{"code":"005930","name":"삼성전자"},{"code":"000660","name":"SK하이닉스"}]}`,
		"k2": `{"return_code":0,"return_msg":"","list":[{"code":"035420","name":"NAVER"}]}`,
	}
	hc := exampleServer(func(req *http.Request) (*http.Response, error) {
		key := req.Header.Get("next-key")
		if key == "" {
			return jsonResponse(pages[key], "cont-yn", "Y", "next-key", "k2"), nil
		}
		return jsonResponse(pages[key], "cont-yn", "N"), nil
	})
	c, err := kiwoom.New("my-app-key", "my-secret-key",
		kiwoom.WithBaseURL("https://example.test"), kiwoom.WithHTTPClient(hc))
	if err != nil {
		panic(err)
	}
	req := &kiwoom.StockListRequest{MarketType: kiwoom.StockListMarket("0")}
	for row, err := range c.StockListRows(context.Background(), req, kiwoom.WithMaxPages(100)) {
		if err != nil {
			// A *kiwoom.RowsError says how many rows arrived before the failure.
			fmt.Println("error:", err)
			return
		}
		fmt.Println(row.Code, row.Name)
	}
	// Output:
	// 005930 삼성전자
	// 000660 SK하이닉스
	// 035420 NAVER
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
	_, err = c.StockInfo(context.Background(), &kiwoom.StockInfoRequest{StockCode: "005930"})
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
