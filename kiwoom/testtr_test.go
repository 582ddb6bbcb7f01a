package kiwoom

import (
	"context"
	"iter"

	"github.com/kiwoomgo/kiwoom/kiwoom/internal/wire"
)

// Test-only TRs. The internal tests cannot import the generated family
// packages (they import this one), so they call TRs the way a user calls one
// this module does not cover yet: an Operation, a request struct of their own
// and a response struct that embeds Envelope, sent with Client.Do. The
// response types decode through encoding/json, not a generated decoder.

// rtInfoRequest is a ka10100 (종목정보 조회) request.
type rtInfoRequest struct {
	StockCode string `json:"stk_cd"`
}

func (*rtInfoRequest) Operation() Operation {
	return Operation{ID: "ka10100", Path: "/api/dostk/stkinfo", Kind: KindQuery}
}

func (r *rtInfoRequest) Validate() error {
	v := NewValidator("ka10100")
	v.Text("stk_cd", r.StockCode, true, 6)
	return v.Err()
}

// rtInfoResponse decodes itself as generated responses do, with the wire
// runtime, so the tests see its field errors (rtListResponse goes through
// encoding/json instead).
type rtInfoResponse struct {
	Envelope
	Code      string `json:"code"`
	Name      string `json:"name"`
	ListCount Int    `json:"listCount"`
}

const keysRTInfo = "return_code\nreturn_msg\ncode\nname\nlistCount\n"

func (r *rtInfoResponse) UnmarshalJSON(data []byte) error {
	d := wire.NewObject(data, 0, 0)
	for d.Next() {
		if !r.decodeField(&d, d.Key()) {
			r.decodeField(&d, d.Fold(keysRTInfo))
		}
	}
	n, err := d.End()
	return wire.Finish(data, n, err)
}

func (r *rtInfoResponse) decodeField(d *wire.Object, key string) bool {
	switch key {
	case "return_code":
		wire.Value(d, &r.ReturnCode)
	case "return_msg":
		wire.Text(d, &r.ReturnMsg)
	case "code":
		wire.Text(d, &r.Code)
	case "name":
		wire.Text(d, &r.Name)
	case "listCount":
		wire.Value(d, &r.ListCount)
	default:
		return false
	}
	return true
}

// rtInfoCall sends one ka10100 query.
func rtInfoCall(ctx context.Context, c *Client, req *rtInfoRequest, opts ...CallOption) (*rtInfoResponse, error) {
	resp := new(rtInfoResponse)
	if err := c.Do(ctx, req.Operation(), req, resp, opts...); err != nil {
		return nil, err
	}
	return resp, nil
}

// rtInfo sends one ka10100 query for 005930.
func rtInfo(ctx context.Context, c *Client) (*rtInfoResponse, error) {
	return rtInfoCall(ctx, c, &rtInfoRequest{StockCode: "005930"})
}

// rtListRequest is a ka10099 (종목정보 리스트) request; it pages.
type rtListRequest struct {
	MarketType string `json:"mrkt_tp"`
}

func (*rtListRequest) Operation() Operation {
	return Operation{ID: "ka10099", Path: "/api/dostk/stkinfo", Kind: KindQuery, Paging: true}
}

type rtListRow struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type rtListResponse struct {
	Envelope
	Rows []rtListRow `json:"list"`
}

func rtList(ctx context.Context, c *Client, req *rtListRequest, opts ...CallOption) (*rtListResponse, error) {
	resp := new(rtListResponse)
	if err := c.Do(ctx, req.Operation(), req, resp, opts...); err != nil {
		return nil, err
	}
	return resp, nil
}

func rtListPages(ctx context.Context, c *Client, req *rtListRequest, opts ...CallOption) iter.Seq2[*rtListResponse, error] {
	return Pages(ctx, c, req.Operation(), req, func() *rtListResponse { return new(rtListResponse) }, opts...)
}

func rtListRows(ctx context.Context, c *Client, req *rtListRequest, opts ...CallOption) iter.Seq2[rtListRow, error] {
	return Rows(rtListPages(ctx, c, req, opts...), func(r *rtListResponse) []rtListRow { return r.Rows })
}

// rtOrderRequest is a kt10000 (매수) request.
type rtOrderRequest struct {
	StockCode string `json:"stk_cd"`
	Quantity  string `json:"ord_qty"`
}

func (*rtOrderRequest) Operation() Operation {
	return Operation{ID: "kt10000", Path: "/api/dostk/ordr", Kind: KindOrder}
}

type rtOrderResponse struct {
	Envelope
	OrderNo string `json:"ord_no"`
}

func rtOrder(ctx context.Context, c *Client) (*rtOrderResponse, error) {
	req := &rtOrderRequest{StockCode: "005930", Quantity: "1"}
	resp := new(rtOrderResponse)
	if err := c.Do(ctx, req.Operation(), req, resp); err != nil {
		return nil, err
	}
	return resp, nil
}
