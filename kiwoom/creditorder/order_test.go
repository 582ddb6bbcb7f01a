package creditorder_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/creditorder"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// buyRequest is the credit buy of golden/kt10006/request.json: one share of
// 005930 at 2580 won, 보통 (limit).
func buyRequest() *creditorder.BuyRequest {
	return &creditorder.BuyRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(1),
		OrderUnitPrice:       kiwoom.NewPrice(2580, kiwoom.SignNone),
		TradeType:            kiwoom.OrderTypeLimit,
	}
}

// TestBuyOutcomeUnknown sends the generated kt10006 method (Client.Buy) to the
// local server with the order's exchange failing after the request went out:
// the client must not resend the credit order, and must say that its outcome
// is unknown.
func TestBuyOutcomeUnknown(t *testing.T) {
	for _, f := range []kiwoomtest.Fault{
		{TR: "kt10006", Kind: kiwoomtest.FaultDrop},
		{TR: "kt10006", Kind: kiwoomtest.FaultStatus, Status: http.StatusServiceUnavailable},
	} {
		t.Run(f.Kind.String(), func(t *testing.T) {
			srv := kiwoomtest.NewServer(kiwoomtest.WithFault(f))
			defer srv.Close()

			resp, err := creditorder.New(srv.Client()).Buy(t.Context(), buyRequest())
			if err == nil {
				t.Fatalf("Buy succeeded (%+v), want an error", resp)
			}
			if resp != nil {
				t.Errorf("Buy returned a response with its error: %+v", resp)
			}
			if n := srv.Requests("kt10006"); n != 1 {
				t.Errorf("kt10006 reached the server %d times, want exactly 1 (an order is never resent)", n)
			}
			if !errors.Is(err, kiwoom.ErrOutcomeUnknown) {
				t.Errorf("err = %v, want errors.Is(err, kiwoom.ErrOutcomeUnknown)", err)
			}
			var ou *kiwoom.OutcomeUnknownError
			if !errors.As(err, &ou) || ou.TR != "kt10006" {
				t.Errorf("err = %v, want an *kiwoom.OutcomeUnknownError naming kt10006", err)
			}
		})
	}
}

// TestBuySucceeds places the same credit order without a fault: the local
// server answers from golden/kt10006/response.json.
func TestBuySucceeds(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()

	resp, err := creditorder.New(srv.Client()).Buy(t.Context(), buyRequest())
	if err != nil {
		t.Fatal(err)
	}
	if resp.OrderNumber != "0001615" || resp.DomesticExchangeType != kiwoom.DomesticExchangeKRX {
		t.Errorf("response = {OrderNumber %q, DomesticExchangeType %q}, want {0001615, KRX}", resp.OrderNumber, resp.DomesticExchangeType)
	}
	if n := srv.Requests("kt10006"); n != 1 {
		t.Errorf("kt10006 reached the server %d times, want 1", n)
	}
}

// TestSellLoanDate: a credit sell of one loan (crd_deal_tp 33 융자) needs its
// loan date (crd_loan_dt, "융자일경우필수"), which Validate checks before
// anything is sent; the loans taken together (99 융자합) need none.
func TestSellLoanDate(t *testing.T) {
	req := &creditorder.SellRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(3),
		OrderUnitPrice:       kiwoom.NewPrice(6450, kiwoom.SignNone),
		TradeType:            kiwoom.OrderTypeLimit,
		CreditDealType:       creditorder.CreditDealTypeLoan,
	}
	var ve *kiwoom.ValidationError
	if err := req.Validate(); !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a *kiwoom.ValidationError for the missing crd_loan_dt", err)
	}
	if len(ve.Problems) != 1 || ve.Problems[0].Field != "crd_loan_dt" {
		t.Errorf("Validate() problems = %+v, want exactly one, on crd_loan_dt", ve.Problems)
	}
	req.CreditLoanDate = kiwoom.NewDate(2025, 9, 1)
	if err := req.Validate(); err != nil {
		t.Errorf("with crd_loan_dt: Validate() = %v, want nil", err)
	}
	req.CreditDealType, req.CreditLoanDate = creditorder.CreditDealTypeLoanCombined, kiwoom.Date{}
	if err := req.Validate(); err != nil {
		t.Errorf("99 융자합 without crd_loan_dt: Validate() = %v, want nil", err)
	}
}
