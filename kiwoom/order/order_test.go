package order_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/order"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestBuyOutcomeUnknown sends the generated kt10000 method (Client.Buy) to the
// local server with the order's exchange failing after the request went out: the
// client must not resend the order, and must say that its outcome is unknown.
func TestBuyOutcomeUnknown(t *testing.T) {
	for _, f := range []kiwoomtest.Fault{
		{TR: "kt10000", Kind: kiwoomtest.FaultDrop},
		{TR: "kt10000", Kind: kiwoomtest.FaultStatus, Status: http.StatusServiceUnavailable},
	} {
		t.Run(f.Kind.String(), func(t *testing.T) {
			srv := kiwoomtest.NewServer(kiwoomtest.WithFault(f))
			defer srv.Close()

			resp, err := order.New(srv.Client()).Buy(t.Context(), &order.BuyRequest{
				DomesticExchangeType: kiwoom.DomesticExchangeKRX,
				StockCode:            "005930",
				OrderQuantity:        kiwoom.NewInt(1),
				TradeType:            kiwoom.OrderTypeMarket,
			})
			if err == nil {
				t.Fatalf("Buy succeeded (%+v), want an error", resp)
			}
			if resp != nil {
				t.Errorf("Buy returned a response with its error: %+v", resp)
			}
			if n := srv.Requests("kt10000"); n != 1 {
				t.Errorf("kt10000 reached the server %d times, want exactly 1 (an order is never resent)", n)
			}
			if !errors.Is(err, kiwoom.ErrOutcomeUnknown) {
				t.Errorf("err = %v, want errors.Is(err, kiwoom.ErrOutcomeUnknown)", err)
			}
			var ou *kiwoom.OutcomeUnknownError
			if !errors.As(err, &ou) || ou.TR != "kt10000" {
				t.Errorf("err = %v, want an *kiwoom.OutcomeUnknownError naming kt10000", err)
			}
		})
	}
}

// TestBuySucceeds places the same order without a fault: the local server
// answers from golden/kt10000/response.json.
func TestBuySucceeds(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()

	resp, err := order.New(srv.Client()).Buy(t.Context(), &order.BuyRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(1),
		TradeType:            kiwoom.OrderTypeMarket,
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.OrderNumber != "0000139" || resp.DomesticExchangeType != kiwoom.DomesticExchangeKRX {
		t.Errorf("response = {OrderNumber %q, DomesticExchangeType %q}, want {0000139, KRX}", resp.OrderNumber, resp.DomesticExchangeType)
	}
	if n := srv.Requests("kt10000"); n != 1 {
		t.Errorf("kt10000 reached the server %d times, want 1", n)
	}
}
