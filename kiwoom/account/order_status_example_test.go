package account_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/account"
	"github.com/kiwoomgo/kiwoom/kiwoom/order"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// An order whose outcome is unknown (kiwoom.ErrOutcomeUnknown: a timeout, a
// dropped connection, an HTTP 5xx after the order was sent) may or may not
// have been placed, and the client never resends it. Look it up before
// sending it again: ka10075 (Client.UnfilledOrders) lists the open orders,
// ka10076 (Client.FilledOrders) the executed ones.
//
// Here the local server drops the connection of the order (a fault injected for
// kt10000), so its outcome is unknown; the lookup then lists the fixtures' open
// and executed orders. A fully executed order appears only in ka10076, a partly
// executed one in both.
func ExampleClient_UnfilledOrders() {
	srv := kiwoomtest.NewServer(kiwoomtest.WithFault(kiwoomtest.Fault{TR: "kt10000", Times: 1, Kind: kiwoomtest.FaultDrop}))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	placed, err := order.New(c).Buy(ctx, &order.BuyRequest{
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
		fmt.Println("order", placed.OrderNumber, "placed")
	}

	// The open orders for the stock on every venue. Without an order number
	// (outcome unknown), match on stock, side, quantity and time instead.
	accounts := account.New(c)
	req := &account.UnfilledOrdersRequest{
		Scope:        account.QueryScopeSingleStock,
		TradeType:    account.OrderSideAll,
		StockCode:    "005930",
		ExchangeType: account.AccountExchangeIntegrated,
	}
	for row, err := range accounts.UnfilledOrdersRows(ctx, req) {
		if err != nil {
			fmt.Println("listing failed:", err)
			return
		}
		fmt.Printf("open %s %s %s %s %s/%s, %s\n", row.OrderNumber, row.Time, row.OrderKind, row.TradeType,
			row.UnfilledQuantity, row.OrderQuantity, row.OrderStatus)
	}
	// The executions of the same stock.
	filled := &account.FilledOrdersRequest{
		StockCode:    "005930",
		Scope:        account.QueryScopeSingleStock,
		Side:         account.OrderSideAll,
		ExchangeType: account.AccountExchangeIntegrated,
	}
	for row, err := range accounts.FilledOrdersRows(ctx, filled) {
		if err != nil {
			fmt.Println("listing failed:", err)
			return
		}
		fmt.Printf("filled %s %s %s %s of %s at %s\n", row.OrderNumber, row.OrderTime, row.OrderKind,
			row.ExecutionQuantity, row.OrderQuantity, row.ExecutionPrice)
	}
	// Output:
	// outcome unknown: look for the order before resending it
	// open 0000069 154113 +매수 시장가 1/1, 접수
	// open 0000061 132045 +매수 스톱지정가 3/3, 접수
	// open 0000052 100512 -매도 보통 6/10, 체결
	// filled 0000052 100512 -매도 4 of 10 at 74500
	// filled 0000047 093015 +매수 5 of 5 at 74300
	// filled 0000031 090412 +매수정정 3 of 3 at 73900
}
