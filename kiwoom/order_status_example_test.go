package kiwoom_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// An order whose outcome is unknown (kiwoom.ErrOutcomeUnknown: a timeout, a
// dropped connection, an HTTP 5xx after the order was sent) may or may not
// have been placed, and the client never resends it. Look it up before
// sending it again: ka10075 lists the open orders, ka10076 (FilledOrders) the
// executed ones.
//
// The local server answers with its fixtures and injects no fault here, so the
// order succeeds; the open orders are listed anyway to show the lookup.
func ExampleClient_UnfilledOrders() {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	order, err := c.BuyOrder(ctx, &kiwoom.BuyOrderRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(1),
		TradeType:            kiwoom.OrderTypeMarket,
	})
	switch {
	case errors.Is(err, kiwoom.ErrOutcomeUnknown):
		fmt.Println("outcome unknown: look for the order before resending it")
	case err != nil:
		fmt.Println("order failed:", err)
		return
	default:
		fmt.Println("order", order.OrderNumber, "placed")
	}

	// The open orders for the stock on every venue. Without an order number
	// (outcome unknown), match on stock, side, quantity and time instead.
	req := &kiwoom.UnfilledOrdersRequest{
		Scope:        kiwoom.QueryScopeSingleStock,
		TradeType:    kiwoom.OrderSideAll,
		StockCode:    "005930",
		ExchangeType: kiwoom.AccountExchangeIntegrated,
	}
	for row, err := range c.UnfilledOrdersRows(ctx, req) {
		if err != nil {
			fmt.Println("listing failed:", err)
			return
		}
		fmt.Printf("%s %s %s %s %s/%s open, %s\n", row.OrderNumber, row.Time, row.OrderKind, row.TradeType,
			row.UnfilledQuantity, row.OrderQuantity, row.OrderStatus)
	}
	// Output:
	// order 0000139 placed
	// 0000069 154113 +매수 시장가 1/1 open, 접수
	// 0000061 132045 +매수 스톱지정가 3/3 open, 접수
	// 0000052 100512 -매도 보통 6/10 open, 체결
}
