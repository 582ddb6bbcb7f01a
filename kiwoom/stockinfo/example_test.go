package stockinfo_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jarcoal/httpmock"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
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

// One call: the kiwoom.Client issues the access token on first use; the
// family client sends ka10100 through it and decodes the typed response.
func ExampleClient_Lookup() {
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
	resp, err := stockinfo.New(c).Lookup(context.Background(), &stockinfo.LookupRequest{StockCode: "005930"})
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

// Paging with the iterator: ListRows follows cont-yn/next-key across pages
// until the server says N. Breaking out of the loop stops fetching.
func ExampleClient_ListRows() {
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
	req := &stockinfo.ListRequest{MarketType: kiwoom.StockListMarketKOSPI}
	for row, err := range stockinfo.New(c).ListRows(context.Background(), req, kiwoom.WithMaxPages(100)) {
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
