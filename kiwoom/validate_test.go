package kiwoom_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/account"
	"github.com/kiwoomgo/kiwoom/kiwoom/order"
)

// TestValidateReportsEveryProblem checks the generated Validate of an order
// request: every problem at once, each under its wire name.
func TestValidateReportsEveryProblem(t *testing.T) {
	req := &order.BuyRequest{
		DomesticExchangeType: "XKRX",                                          // not in the enum
		StockCode:            "",                                              // required
		OrderQuantity:        kiwoom.NewInt(1234567890123),                    // 13 digits, at most 12
		OrderUnitPrice:       kiwoom.NewPrice(70000, kiwoom.SignPlus),         // a request price has no sign
		TradeType:            kiwoom.OrderTypeLimit,                           // fine
		ConditionUnitPrice:   kiwoom.NewPrice(1234567890123, kiwoom.SignNone), // too long
	}
	err := req.Validate()
	var verr *kiwoom.ValidationError
	if !errors.As(err, &verr) || !errors.Is(err, kiwoom.ErrInvalidRequest) {
		t.Fatalf("Validate() = %v; want a *ValidationError", err)
	}
	want := map[string]string{
		"dmst_stex_tp": `"XKRX" is not one of KRX (KRX), NXT (NXT), SOR (SOR)`,
		"stk_cd":       "required",
		"ord_qty":      "1234567890123 is 13 bytes long, at most 12 allowed",
		"ord_uv":       "a request price has no sign; use NewPrice(70000, SignNone)",
		"cond_uv":      "1234567890123 is 13 bytes long, at most 12 allowed",
	}
	if len(verr.Problems) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(verr.Problems), len(want), err)
	}
	for field, problem := range want {
		if got := verr.Field(field); got != problem {
			t.Errorf("%s: %q, want %q", field, got, problem)
		}
	}
	if !strings.HasPrefix(err.Error(), "kiwoom: kt10000 request is invalid: dmst_stex_tp: ") {
		t.Errorf("message %q does not lead with the TR and the first field", err)
	}

	ok := &order.BuyRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(10),
		TradeType:            kiwoom.OrderTypeMarket,
	}
	if err := ok.Validate(); err != nil {
		t.Errorf("a market order without a price: %v", err)
	}
}

// TestValidateSecretsNeverEchoed checks that a problem with a sensitive field
// does not repeat its value.
func TestValidateSecretsNeverEchoed(t *testing.T) {
	req := &kiwoom.RevokeTokenRequest{AppKey: "app-key-value", SecretKey: "", Token: "token-value"}
	err := req.Validate()
	if err == nil {
		t.Fatal("missing secretkey accepted")
	}
	for _, secret := range []string{"app-key-value", "token-value"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q contains a secret", err)
		}
	}
}

// TestValidateRejectsNegativeNumbers: a negative quantity or price magnitude is
// refused before anything is sent (a Price{Value: -70000} once went out as
// "70000").
func TestValidateRejectsNegativeNumbers(t *testing.T) {
	req := &order.BuyRequest{
		DomesticExchangeType: kiwoom.DomesticExchangeKRX,
		StockCode:            "005930",
		OrderQuantity:        kiwoom.NewInt(-1),
		OrderUnitPrice:       kiwoom.Price{Value: -70000, Present: true},
		ConditionUnitPrice:   kiwoom.NewPrice(-1, kiwoom.SignNone),
		TradeType:            kiwoom.OrderTypeLimit,
	}
	var ve *kiwoom.ValidationError
	if err := req.Validate(); !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a *ValidationError", err)
	}
	for _, f := range []string{"ord_qty", "ord_uv", "cond_uv"} {
		if p := ve.Field(f); !strings.Contains(p, "negative") {
			t.Errorf("%s: problem %q, want it to say negative", f, p)
		}
	}
	if n := len(ve.Problems); n != 3 {
		t.Errorf("%d problems, want one per field: %v", n, ve)
	}
	// An order quantity is at least 1 (min: 1 in the spec); positive values pass.
	req.OrderQuantity, req.OrderUnitPrice, req.ConditionUnitPrice = kiwoom.NewInt(0), kiwoom.NewPrice(70000, kiwoom.SignNone), kiwoom.Price{}
	if err := req.Validate(); !errors.As(err, &ve) || ve.Field("ord_qty") != "0 is less than 1" || len(ve.Problems) != 1 {
		t.Errorf("Validate() = %v for a zero order quantity; want only ord_qty: 0 is less than 1", err)
	}
	req.OrderQuantity = kiwoom.NewInt(1)
	if err := req.Validate(); err != nil {
		t.Errorf("Validate() = %v for valid values", err)
	}
	// Zero is a valid cancel quantity: it cancels all that is left.
	cancel := &order.CancelRequest{DomesticExchangeType: kiwoom.DomesticExchangeKRX, OriginalOrderNumber: "0000139", StockCode: "005930", CancelQuantity: kiwoom.NewInt(0)}
	if err := cancel.Validate(); err != nil {
		t.Errorf("cancel with quantity 0: %v", err)
	}
}

// TestValidateRequiredWhen checks a required_when: rule: ka10075's stk_cd is
// required when all_stk_tp is 1 (종목) and not otherwise.
func TestValidateRequiredWhen(t *testing.T) {
	req := &account.UnfilledOrdersRequest{Scope: account.QueryScopeSingleStock, TradeType: account.OrderSideAll, ExchangeType: account.AccountExchangeIntegrated}
	var ve *kiwoom.ValidationError
	if err := req.Validate(); !errors.As(err, &ve) || !strings.HasPrefix(ve.Field("stk_cd"), "required when all_stk_tp is 1 (종목)") {
		t.Fatalf("Validate() = %v; want stk_cd required when all_stk_tp is 1", err)
	}
	req.StockCode = "005930"
	if err := req.Validate(); err != nil {
		t.Errorf("with stk_cd: %v", err)
	}
	req.Scope, req.StockCode = account.QueryScopeAll, ""
	if err := req.Validate(); err != nil {
		t.Errorf("all_stk_tp 0 without stk_cd: %v", err)
	}
}
