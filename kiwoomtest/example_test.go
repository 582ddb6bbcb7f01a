package kiwoomtest_test

import (
	"context"
	"fmt"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoom/stockinfo"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// A test starts a local server and calls it with the real client.
func ExampleNewServer() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()

	c := srv.Client() // kiwoom.New(srv.AppKey, srv.SecretKey, kiwoom.WithBaseURL(srv.URL), …)
	resp, err := stockinfo.New(c).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StockCode, resp.StockName, resp.ReturnMsg)
	// Output: 005930 삼성전자 정상적으로 처리되었습니다
}

// Lists longer than the page size come in pages; the Rows iterators follow
// cont-yn and next-key.
func ExampleWithPageSize() {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(2))
	defer srv.Close()

	req := &chart.StockDailyRequest{StockCode: "005930", BaseDate: kiwoom.NewDate(2025, 9, 8), AdjustedStockPriceType: chart.PriceAdjustmentAdjusted}
	for row, err := range chart.New(srv.Client()).StockDailyRows(context.Background(), req) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(row.Date, row.CurrentPrice.Amount())
	}
	fmt.Println("pages:", srv.Requests("ka10081"))
	// Output:
	// 20250908 70800
	// 20250905 69600
	// 20250904 70800
	// pages: 2
}

// Faults make the server fail on purpose, here with an HTTP 503 for the next
// ka10001 call: the client retries it and the second attempt succeeds.
func ExampleHandler_InjectFault() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	srv.InjectFault(kiwoomtest.Fault{TR: "ka10001", Kind: kiwoomtest.FaultStatus, Times: 1})

	_, err := stockinfo.New(srv.Client()).BasicInfo(context.Background(), &stockinfo.BasicInfoRequest{StockCode: "005930"})
	fmt.Println(err, srv.Requests("ka10001"))
	// Output: <nil> 2
}
