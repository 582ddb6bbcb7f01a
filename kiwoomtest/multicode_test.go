package kiwoomtest_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestSeveralCodesInOneField: ka10095 takes stock codes joined with '|'; the
// server checks each one.
func TestSeveralCodesInOneField(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	c := srv.Client()
	op := kiwoom.Operation{ID: "ka10095", Path: "/api/dostk/stkinfo", Kind: kiwoom.KindQuery}
	if err := c.Do(t.Context(), op, json.RawMessage(`{"stk_cd":"005930|000660"}`), new(kiwoom.RawResponse)); err != nil {
		t.Fatalf("two known codes: %v", err)
	}
	err := c.Do(t.Context(), op, json.RawMessage(`{"stk_cd":"005930|999999"}`), new(kiwoom.RawResponse))
	if !errors.Is(err, kiwoom.ErrUnknownStock) {
		t.Errorf("an unknown second code: err = %v, want ErrUnknownStock", err)
	}
}
