package kiwoom_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestCallPagesChosenAtRunTime pages through a TR picked from the catalogue, as a
// command line or a generic pipeline would, against the local server serving one
// row per page.
func TestCallPagesChosenAtRunTime(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	c := srv.Client()
	tr, ok := kiwoom.LookupTR("ka10081")
	if !ok {
		t.Fatal("ka10081 not in the catalogue")
	}
	req := tr.NewRequest()
	if err := json.Unmarshal([]byte(`{"stk_cd":"005930","base_dt":"20250908","upd_stkpc_tp":"1"}`), req); err != nil {
		t.Fatal(err)
	}
	var dates []string
	pages := 0
	for resp, err := range c.CallPages(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		chart, ok := resp.(*kiwoom.StockDailyChartResponse)
		if !ok {
			t.Fatalf("page %d is a %T", pages, resp)
		}
		for _, row := range chart.Rows {
			dates = append(dates, row.Date.String())
		}
		meta := kiwoom.EnvelopeOf(resp).Meta
		if meta.APIID != "ka10081" {
			t.Errorf("page %d: api-id %q", pages, meta.APIID)
		}
	}
	if pages < 2 || len(dates) != pages {
		t.Fatalf("%d pages with %d rows; want one row on each of several pages", pages, len(dates))
	}
	seen := map[string]bool{}
	for _, d := range dates {
		if seen[d] {
			t.Errorf("row %s served twice", d)
		}
		seen[d] = true
	}

	// WithMaxPages stops early; the last page still says more would follow.
	var last kiwoom.Response
	n := 0
	for resp, err := range c.CallPages(context.Background(), req, kiwoom.WithMaxPages(1)) {
		if err != nil {
			t.Fatal(err)
		}
		last, n = resp, n+1
	}
	if n != 1 || !kiwoom.EnvelopeOf(last).Meta.HasNext() {
		t.Errorf("WithMaxPages(1): %d pages, HasNext %v", n, kiwoom.EnvelopeOf(last).Meta.HasNext())
	}
}

// TestCallPagesValidates shows that a request chosen at run time is validated
// before anything is sent, like the generated methods.
func TestCallPagesValidates(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	tr, _ := kiwoom.LookupTR("ka10099")
	for _, err := range srv.Client().CallPages(context.Background(), tr.NewRequest()) {
		var verr *kiwoom.ValidationError
		if !errors.As(err, &verr) || verr.Field("mrkt_tp") == "" {
			t.Fatalf("error %v; want a ValidationError naming mrkt_tp", err)
		}
	}
	if n := srv.Requests("ka10099"); n != 0 {
		t.Errorf("%d ka10099 requests reached the server", n)
	}
}
