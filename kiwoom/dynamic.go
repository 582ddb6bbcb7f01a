package kiwoom

import (
	"context"
	"fmt"
	"iter"
)

// EnvelopeOf returns the Envelope (return_code, return_msg and Meta) of any
// generated response, for programs that handle TRs chosen at run time.
func EnvelopeOf(r Response) *Envelope { return r.envelope() }

// CallPages is Call for paging TRs chosen at run time: it yields every page of the
// TR of req, following cont-yn/next-key like the generated <Go>Pages iterators,
// with the same guards (WithMaxPages, a repeated next-key, ctx cancellation). A
// TR that does not page yields its one response.
func (c *Client) CallPages(ctx context.Context, req Request, opts ...CallOption) iter.Seq2[Response, error] {
	tr, ok := c.trs[req.endpoint().ID]
	if !ok {
		return func(yield func(Response, error) bool) {
			yield(nil, fmt.Errorf("kiwoom: TR %s is not in the catalogue", req.endpoint().ID))
		}
	}
	return pages(ctx, c, req, opts, tr.NewResponse)
}
