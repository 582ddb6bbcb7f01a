package kiwoom_test

// The dynamic path: a program that picks TRs at run time (the command line, a
// generic pipeline) finds them in the catalogue, makes their request and
// response with tr.NewRequest and tr.NewResponse, and sends them with
// Client.Do, or pages with kiwoom.Pages and kiwoom.Rows, without naming a
// family package.

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoom/chart"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestDoChosenAtRunTime sends every catalogued TR through the dynamic path: the
// golden request decoded into tr.NewRequest(), sent with c.Do and tr.Operation()
// into tr.NewResponse(), against the golden mock (golden_test.go). The body on
// the wire must be the golden request and the decoded response the value the
// generated method decodes (goldenCases).
func TestDoChosenAtRunTime(t *testing.T) {
	for _, tr := range catalog.TRs() {
		t.Run(tr.ID, func(t *testing.T) {
			tc := goldenCaseFor(t, tr)
			wantReq := goldenRead(t, tr.ID, "request.json")
			req := tr.NewRequest()
			if err := json.Unmarshal(wantReq, req); err != nil {
				t.Fatalf("golden request into %T: %v", req, err)
			}
			s := newGoldenServer(t, tr, goldenRead(t, tr.ID, "response.json"))
			resp := tr.NewResponse()
			if err := s.client.Do(context.Background(), tr.Operation(), req, resp); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if len(s.tr) != 1 {
				t.Fatalf("%d requests to %s, want 1", len(s.tr), tr.Path)
			}
			if h := s.tr[0].header.Get("api-id"); h != tr.ID {
				t.Errorf("api-id header = %q, want %q", h, tr.ID)
			}
			if d := goldenJSONDiff(t, wantReq, s.tr[0].body); d != "" {
				t.Errorf("request body differs from golden/%s/request.json (-want +got):\n%s", tr.ID, d)
			}
			if d := cmp.Diff(tc.want, resp, goldenIgnoreMeta); d != "" {
				t.Errorf("decoded response differs from the generated method's (-want +got):\n%s", d)
			}
			if env := kiwoom.EnvelopeOf(resp); env.Meta.APIID != tr.ID || env.Meta.Attempts != 1 {
				t.Errorf("Meta = {APIID %q, Attempts %d}, want {%q, 1}", env.Meta.APIID, env.Meta.Attempts, tr.ID)
			}

			// A paging TR names the list that carries its rows; the response
			// type has it, so kiwoom.Rows can pick the rows of any TR.
			if tr.Paging {
				f := tr.Field(false, tr.Rows)
				if f == nil || f.Type != catalog.TypeList {
					t.Fatalf("catalogue Rows %q is not a list field of the response", tr.Rows)
				}
				if n := reflect.ValueOf(dynamicRows(t, tr, resp)).Len(); n == 0 {
					t.Errorf("the golden response has no %s rows", tr.Rows)
				}
			}
		})
	}
}

// dynamicRows returns the slice field of resp whose JSON name is tr.Rows.
func dynamicRows(t *testing.T, tr catalog.TR, resp kiwoom.Response) any {
	t.Helper()
	v := reflect.ValueOf(resp).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); jsonName(f) == tr.Rows && f.Type.Kind() == reflect.Slice {
			return v.Field(i).Interface()
		}
	}
	t.Fatalf("%T has no list field %q", resp, tr.Rows)
	return nil
}

// TestPagesChosenAtRunTime pages through a TR picked from the catalogue with
// kiwoom.Pages and kiwoom.Rows, against the local server serving one row per
// page.
func TestPagesChosenAtRunTime(t *testing.T) {
	srv := kiwoomtest.NewServer(kiwoomtest.WithPageSize(1))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	tr, ok := catalog.Lookup("ka10081")
	if !ok {
		t.Fatal("ka10081 not in the catalogue")
	}
	if !tr.Paging || !tr.Operation().Paging {
		t.Fatalf("ka10081 does not page: %+v", tr.Operation())
	}
	req := tr.NewRequest()
	if err := json.Unmarshal([]byte(`{"stk_cd":"005930","base_dt":"20250908","upd_stkpc_tp":"1"}`), req); err != nil {
		t.Fatal(err)
	}
	var dates []string
	pages := 0
	for resp, err := range kiwoom.Pages(ctx, c, tr.Operation(), req, tr.NewResponse) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		daily, ok := resp.(*chart.StockDailyResponse)
		if !ok {
			t.Fatalf("page %d is a %T", pages, resp)
		}
		for _, row := range daily.Rows {
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
	if n := srv.Requests("ka10081"); n != pages {
		t.Errorf("%d ka10081 requests for %d pages", n, pages)
	}

	// kiwoom.Rows flattens the same pages into rows, picked from each page by
	// the list the catalogue names.
	var rowDates []string
	rowsOf := func(r kiwoom.Response) []chart.StockDailyRow {
		return dynamicRows(t, tr, r).([]chart.StockDailyRow)
	}
	for row, err := range kiwoom.Rows(kiwoom.Pages(ctx, c, tr.Operation(), req, tr.NewResponse), rowsOf) {
		if err != nil {
			t.Fatal(err)
		}
		rowDates = append(rowDates, row.Date.String())
	}
	if d := cmp.Diff(dates, rowDates); d != "" {
		t.Errorf("Rows yields other rows than Pages (-pages +rows):\n%s", d)
	}

	// WithMaxPages stops early; the last page still says more would follow.
	var last kiwoom.Response
	n := 0
	for resp, err := range kiwoom.Pages(ctx, c, tr.Operation(), req, tr.NewResponse, kiwoom.WithMaxPages(1)) {
		if err != nil {
			t.Fatal(err)
		}
		last, n = resp, n+1
	}
	if n != 1 || !kiwoom.EnvelopeOf(last).Meta.HasNext() {
		t.Errorf("WithMaxPages(1): %d pages, HasNext %v", n, kiwoom.EnvelopeOf(last).Meta.HasNext())
	}

	// WithNextKey resumes from the page that key names: the rest of the rows.
	var rest []string
	for resp, err := range kiwoom.Pages(ctx, c, tr.Operation(), req, tr.NewResponse, kiwoom.WithNextKey(kiwoom.EnvelopeOf(last).Meta.NextKey)) {
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range resp.(*chart.StockDailyResponse).Rows {
			rest = append(rest, row.Date.String())
		}
	}
	if d := cmp.Diff(dates[1:], rest); d != "" {
		t.Errorf("resuming after the first page (-want +got):\n%s", d)
	}
}

// TestDynamicValidates shows that a request chosen at run time is validated
// before anything is sent, by Do and by Pages, like the generated methods.
func TestDynamicValidates(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	c := srv.Client()
	tr, ok := catalog.Lookup("ka10099")
	if !ok {
		t.Fatal("ka10099 not in the catalogue")
	}
	checkErr := func(how string, err error) {
		t.Helper()
		var verr *kiwoom.ValidationError
		if !errors.As(err, &verr) || verr.Field("mrkt_tp") == "" {
			t.Errorf("%s: error %v; want a ValidationError naming mrkt_tp", how, err)
		}
	}
	checkErr("Do", c.Do(context.Background(), tr.Operation(), tr.NewRequest(), tr.NewResponse()))
	n := 0
	for _, err := range kiwoom.Pages(context.Background(), c, tr.Operation(), tr.NewRequest(), tr.NewResponse) {
		n++
		checkErr("Pages", err)
	}
	if n != 1 {
		t.Errorf("Pages yielded %d times, want once (the error)", n)
	}
	if n := srv.Requests("ka10099"); n != 0 {
		t.Errorf("%d ka10099 requests reached the server", n)
	}
}
