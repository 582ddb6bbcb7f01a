package kiwoom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Base URLs of the two Kiwoom environments.
const (
	// ProductionURL is the real-trading (실전투자) host.
	ProductionURL = "https://api.kiwoom.com"
	// PaperURL is the paper-trading (모의투자) host; it supports KRX only.
	PaperURL = "https://mockapi.kiwoom.com"
)

// Client calls Kiwoom TRs. One Client is safe for concurrent use by many goroutines.
type Client struct {
	cfg       config
	appKey    Secret
	secretKey Secret
	tokens    tokenCache
	trs       map[string]TRInfo // the catalogue by api-id, for decode diagnostics
}

// config is what the Options set.
type config struct {
	baseURL    string
	httpClient *http.Client
	logger     *slog.Logger
	userAgent  string
	maxBody    int64
}

// Option configures a Client.
type Option func(*config) error

// WithBaseURL sends requests to baseURL instead of ProductionURL, e.g. PaperURL or
// a local server. A trailing slash is ignored.
func WithBaseURL(baseURL string) Option {
	return func(c *config) error {
		u := strings.TrimRight(baseURL, "/")
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return fmt.Errorf("kiwoom: base URL %q must start with http:// or https://", baseURL)
		}
		c.baseURL = u
		return nil
	}
}

// WithHTTPClient sends requests through h instead of a default client with a
// 30-second timeout.
func WithHTTPClient(h *http.Client) Option {
	return func(c *config) error {
		if h == nil {
			return fmt.Errorf("kiwoom: WithHTTPClient(nil)")
		}
		c.httpClient = h
		return nil
	}
}

// WithLogger logs each request and response at debug level to l, with credentials
// and tokens redacted. Without it the client logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		c.userAgent = ua
		return nil
	}
}

// New returns a client for the given app key and secret key. Without WithBaseURL
// it talks to production (ProductionURL).
func New(appKey, secretKey string, opts ...Option) (*Client, error) {
	cfg := config{
		baseURL:    ProductionURL,
		httpClient: &http.Client{Timeout: 30 * time.Second},
		userAgent:  "kiwoomgo",
		maxBody:    64 << 20,
	}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	c := &Client{cfg: cfg, appKey: Secret(appKey), secretKey: Secret(secretKey), trs: map[string]TRInfo{}}
	for _, tr := range Catalog() {
		c.trs[tr.ID] = tr
	}
	return c, nil
}

// endpoint is what the client needs to know of a TR to send it.
type endpoint struct {
	ID   string
	Path string
	Kind Kind
}

// Request is a generated TR request.
type Request interface {
	// Validate reports every problem of the request as a *ValidationError.
	Validate() error
	endpoint() endpoint
}

// Response is a generated TR response; every one embeds Envelope.
type Response interface {
	envelope() *Envelope
}

// Envelope is the part every response shares: return_code, return_msg and the
// Meta of the exchange. Generated responses embed it.
type Envelope struct {
	// ReturnCode is return_code: 0 on success. The client turns non-zero codes into
	// *APIError, so a response a caller sees has 0 here.
	ReturnCode ReturnCode `json:"return_code"`
	// ReturnMsg is return_msg, e.g. "정상적으로 처리되었습니다".
	ReturnMsg string `json:"return_msg"`
	// Meta describes the HTTP exchange; it is not part of the JSON body.
	Meta Meta `json:"-"`
}

func (e *Envelope) envelope() *Envelope { return e }

// Meta describes the HTTP exchange of one response.
type Meta struct {
	APIID      string      // api-id response header
	ContYN     string      // cont-yn response header: "Y" when another page follows
	NextKey    string      // next-key response header: send it back for the next page
	HTTPStatus int         // HTTP status code
	Header     http.Header // all response headers
	Raw        []byte      // the response body as received
}

// HasNext reports whether the server said another page follows.
func (m Meta) HasNext() bool { return m.ContYN == "Y" }

// CallOption configures one call.
type CallOption func(*callConfig)

type callConfig struct {
	nextKey  string
	maxPages int
}

// WithNextKey asks for the page after the one whose Meta.NextKey is key: the
// request carries cont-yn: Y and next-key: key.
func WithNextKey(key string) CallOption {
	return func(c *callConfig) { c.nextKey = key }
}

// WithMaxPages stops the Pages and Rows iterators after n pages (n > 0).
func WithMaxPages(n int) CallOption {
	return func(c *callConfig) { c.maxPages = n }
}

func collect(opts []CallOption) callConfig {
	var cc callConfig
	for _, o := range opts {
		o(&cc)
	}
	return cc
}

// Call sends the request of any generated TR and returns its typed response, for
// programs that choose the TR at run time. req must come from the catalogue's
// NewRequest (or be a generated request struct).
func (c *Client) Call(ctx context.Context, req Request, opts ...CallOption) (Response, error) {
	tr, ok := c.trs[req.endpoint().ID]
	if !ok {
		return nil, fmt.Errorf("kiwoom: TR %s is not in the catalogue", req.endpoint().ID)
	}
	resp := tr.NewResponse()
	if err := c.call(ctx, req, resp, opts); err != nil {
		return nil, err
	}
	return resp, nil
}

// call validates, sends and decodes one TR exchange.
func (c *Client) call(ctx context.Context, req Request, resp Response, opts []CallOption) error {
	ep := req.endpoint()
	if err := req.Validate(); err != nil {
		return err
	}
	cc := collect(opts)
	body, err := json.Marshal(req)
	if err != nil {
		return &OpError{TR: ep.ID, Op: "encode request", Err: err}
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.baseURL+ep.Path, bytes.NewReader(body))
	if err != nil {
		return &OpError{TR: ep.ID, Op: "build request", Err: err}
	}
	hreq.Header.Set("Content-Type", "application/json;charset=UTF-8")
	hreq.Header.Set("api-id", ep.ID)
	if c.cfg.userAgent != "" {
		hreq.Header.Set("User-Agent", c.cfg.userAgent)
	}
	if cc.nextKey != "" {
		hreq.Header.Set("cont-yn", "Y")
		hreq.Header.Set("next-key", cc.nextKey)
	}
	if ep.Kind != KindAuth {
		tok, err := c.token(ctx)
		if err != nil {
			return err
		}
		hreq.Header.Set("authorization", "Bearer "+tok.Reveal())
	}
	start := time.Now()
	hresp, err := c.cfg.httpClient.Do(hreq)
	if err != nil {
		return &OpError{TR: ep.ID, Op: "send", Err: err}
	}
	defer hresp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(hresp.Body, c.cfg.maxBody+1))
	if err != nil {
		return &OpError{TR: ep.ID, Op: "read response", Err: err}
	}
	if int64(len(raw)) > c.cfg.maxBody {
		return &OpError{TR: ep.ID, Op: "read response", Err: fmt.Errorf("body exceeds %d bytes", c.cfg.maxBody)}
	}
	meta := Meta{
		APIID:      hresp.Header.Get("api-id"),
		ContYN:     hresp.Header.Get("cont-yn"),
		NextKey:    hresp.Header.Get("next-key"),
		HTTPStatus: hresp.StatusCode,
		Header:     hresp.Header,
		Raw:        raw,
	}
	if c.cfg.logger != nil {
		c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "kiwoom call",
			slog.String("tr", ep.ID), slog.Int("status", meta.HTTPStatus),
			slog.Duration("duration", time.Since(start)),
			slog.String("cont_yn", meta.ContYN), slog.String("next_key", meta.NextKey))
	}
	return c.decode(ep, meta, resp)
}

// decode checks the HTTP status and the envelope and decodes the typed body.
func (c *Client) decode(ep endpoint, meta Meta, resp Response) error {
	if meta.HTTPStatus != http.StatusOK {
		return newAPIError(ep.ID, meta, nil)
	}
	if err := json.Unmarshal(meta.Raw, resp); err != nil {
		var env Envelope
		if json.Unmarshal(meta.Raw, &env) == nil && env.ReturnCode != 0 {
			return newAPIError(ep.ID, meta, &env)
		}
		return c.decodeError(ep, meta.Raw, err)
	}
	env := resp.envelope()
	if env.ReturnCode != 0 {
		return newAPIError(ep.ID, meta, env)
	}
	env.Meta = meta
	return nil
}

// pages follows cont-yn/next-key from the first page until the server says N.
func pages[R Response](ctx context.Context, c *Client, req Request, opts []CallOption, newResp func() R) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		var zero R
		cc := collect(opts)
		seen := map[string]bool{}
		next := cc.nextKey
		for page := 1; cc.maxPages <= 0 || page <= cc.maxPages; page++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			resp := newResp()
			callOpts := append(opts[:len(opts):len(opts)], WithNextKey(next))
			if err := c.call(ctx, req, resp, callOpts); err != nil {
				yield(zero, err)
				return
			}
			if !yield(resp, nil) {
				return
			}
			meta := resp.envelope().Meta
			if !meta.HasNext() {
				return
			}
			if meta.NextKey == "" || seen[meta.NextKey] {
				yield(zero, &OpError{TR: req.endpoint().ID, Op: "continue", Err: fmt.Errorf("%w %q after page %d", ErrRepeatedNextKey, meta.NextKey, page)})
				return
			}
			seen[meta.NextKey] = true
			next = meta.NextKey
		}
	}
}

// rows flattens pages into rows; an error says how many rows arrived before it.
func rows[R Response, T any](pages iter.Seq2[R, error], get func(R) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		n := 0
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, &RowsError{Rows: n, Err: err})
				return
			}
			for _, r := range get(page) {
				n++
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}
