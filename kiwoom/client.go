package kiwoom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom/internal/wire"
)

// Base URLs of the two Kiwoom environments.
const (
	// ProductionURL is the real-trading (실전투자) host.
	ProductionURL = "https://api.kiwoom.com"
	// PaperURL is the paper-trading (모의투자) host; it supports KRX only.
	PaperURL = "https://mockapi.kiwoom.com"
)

// Client calls Kiwoom TRs. One Client is safe for concurrent use by many
// goroutines, which share its access token, its rate limiter and its
// *http.Client.
//
// Every call validates the request, waits for the rate limiter, sends the TR
// with the access token (issued with au10001 on first use and refreshed ahead of
// expiry), checks the answer (HTTP status, return_code and the detail code in
// return_msg) and decodes the typed response. Query TRs are retried after
// transient failures (see RetryPolicy); order TRs are never resent, except once
// when Kiwoom rejected the access token, which it does before running the call.
type Client struct {
	cfg        config
	creds      *credentials // behind a pointer so that printing a Client value shows no key
	clk        clock
	tokens     *tokenManager
	queryLimit *limiter
	orderLimit *limiter
}

// config is what the Options set.
type config struct {
	baseURL      string
	httpClient   *http.Client
	logger       *slog.Logger
	userAgent    string
	maxBody      int64
	queryRate    float64 // requests per second; 0 = default, +Inf = unlimited
	orderRate    float64
	retry        RetryPolicy
	store        TokenStore
	refreshAhead time.Duration
	clk          clock
	jitter       func() float64
}

// Option configures a Client.
type Option func(*config) error

// WithBaseURL sends requests to baseURL instead of ProductionURL, e.g. PaperURL or
// a local server. A trailing slash is ignored. The default rate limits of
// PaperURL are lower (see WithRateLimit).
func WithBaseURL(baseURL string) Option {
	return func(c *config) error {
		u, err := checkBaseURL(baseURL)
		if err != nil {
			return err
		}
		c.baseURL = u
		return nil
	}
}

func checkBaseURL(baseURL string) (string, error) {
	u := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return "", fmt.Errorf("kiwoom: base URL %q must be an http:// or https:// URL with a host", baseURL)
	}
	return u, nil
}

// WithHTTPClient sends requests through h instead of a default client with a
// 30-second timeout. Give h a timeout (or use contexts with deadlines): an order
// whose answer never arrives is reported only when the request ends. The client
// never resends an order that may have run, but h's Transport is yours: a
// RoundTripper that retries requests by itself defeats that guarantee.
func WithHTTPClient(h *http.Client) Option {
	return func(c *config) error {
		if h == nil {
			return fmt.Errorf("kiwoom: WithHTTPClient(nil)")
		}
		c.httpClient = h
		return nil
	}
}

// WithLogger logs each request and response at debug level to l — TR id, kind,
// attempt, HTTP status, duration, cont-yn/next-key, headers and body size — and
// retries and token refreshes. The authorization header, app key, secret key and
// tokens are redacted, and bodies are never logged. Without it the client logs
// nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent sets the User-Agent header (default "kiwoomgo").
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		c.userAgent = ua
		return nil
	}
}

// WithTokenRefreshAhead sets how long before expires_dt the access token is
// replaced (default DefaultRefreshAhead). A token is never refreshed before half
// its lifetime has passed.
func WithTokenRefreshAhead(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("kiwoom: WithTokenRefreshAhead(%v): negative", d)
		}
		c.refreshAhead = d
		return nil
	}
}

// withClock replaces the wall clock and sleeps (tests).
func withClock(clk clock) Option {
	return func(c *config) error {
		c.clk = clk
		return nil
	}
}

// withJitter replaces the random source of retry jitter (tests).
func withJitter(f func() float64) Option {
	return func(c *config) error {
		c.jitter = f
		return nil
	}
}

// New returns a client for the given app key and secret key. Without WithBaseURL
// it talks to production (ProductionURL). No request is sent until the first
// call; the access token is issued then.
func New(appKey, secretKey string, opts ...Option) (*Client, error) {
	cfg := config{
		baseURL:      ProductionURL,
		httpClient:   &http.Client{Timeout: 30 * time.Second},
		userAgent:    "kiwoomgo",
		maxBody:      64 << 20,
		retry:        RetryPolicy{MaxAttempts: DefaultMaxAttempts, BaseDelay: DefaultBaseDelay, MaxDelay: DefaultMaxDelay},
		refreshAhead: DefaultRefreshAhead,
		clk:          realClock{},
		jitter:       defaultJitter,
	}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.queryRate == 0 {
		cfg.queryRate = DefaultQueryRate
		if cfg.baseURL == PaperURL {
			cfg.queryRate = DefaultPaperQueryRate
		}
	}
	if cfg.orderRate == 0 {
		cfg.orderRate = DefaultOrderRate
	}
	c := &Client{
		cfg:        cfg,
		creds:      &credentials{appKey: Secret(appKey), secretKey: Secret(secretKey)},
		clk:        cfg.clk,
		tokens:     &tokenManager{},
		queryLimit: newLimiter(cfg.queryRate),
		orderLimit: newLimiter(cfg.orderRate),
	}
	return c, nil
}

// String describes the client without its credentials. (fmt cannot call the
// redacting String method of Secret values in unexported fields, so printing a
// Client must not fall back to printing its fields.)
func (c *Client) String() string { return "kiwoom.Client(" + c.cfg.baseURL + ")" }

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue logs the client as its base URL.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// BaseURL returns the base URL the client sends to.
func (c *Client) BaseURL() string { return c.cfg.baseURL }

// credentials are the app key and secret key of a Client.
type credentials struct {
	appKey    Secret
	secretKey Secret
}

// Operation is what the client needs to know of a TR to send it. Generated
// requests return theirs from an Operation method; for a TR this module does
// not cover yet, fill one in from Kiwoom's table and call Client.Do.
type Operation struct {
	ID     string // api-id header, e.g. "ka10081"
	Path   string // URL path, e.g. "/api/dostk/chart"
	Kind   Kind   // KindAuth, KindQuery or KindOrder: decides tokens, retries and resends
	Paging bool   // the TR continues with the cont-yn and next-key headers
}

// Kind is what a TR does; it decides the client's token, retry and resend rules.
type Kind string

// TR kinds.
const (
	// KindAuth is a token endpoint (au10001, au10002): sent without a bearer token.
	KindAuth Kind = "auth"
	// KindQuery reads data; the client may resend it after a transient failure.
	KindQuery Kind = "query"
	// KindOrder places, changes or cancels an order; the client never resends one
	// that may have run (only one Kiwoom rejected for its token before running it).
	KindOrder Kind = "order"
)

// Response is a decoded answer: any struct that embeds Envelope. Generated
// responses do; so can a struct of your own for a TR this module does not
// cover, and RawResponse keeps just the envelope and the raw body.
type Response interface {
	envelope() *Envelope
}

// RawResponse is a Response that decodes only return_code and return_msg; the
// body is in Meta.Raw as it arrived. Use it to call any TR with raw JSON out.
type RawResponse struct {
	// Envelope holds return_code, return_msg and the Meta with the raw body.
	Envelope
}

// UnmarshalJSON decodes return_code and return_msg and ignores the rest.
func (r *RawResponse) UnmarshalJSON(data []byte) error {
	return json.Unmarshal(data, &r.Envelope)
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
	NextKey    string      // next-key response header: send it back (WithNextKey) for the next page
	HTTPStatus int         // HTTP status code
	Header     http.Header // all response headers
	Raw        []byte      // the response body as received (credentials redacted for token TRs)
	Attempts   int         // attempts the call took, including the resend after an invalid token
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
// request carries cont-yn: Y and next-key: key. With a Pages or Rows iterator it
// starts from that page.
func WithNextKey(key string) CallOption {
	return func(c *callConfig) { c.nextKey = key }
}

// WithMaxPages stops the Pages and Rows iterators after n pages (n > 0), without
// an error; the last page's Meta.HasNext tells whether more were left.
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

// Do sends one exchange of the TR op describes and decodes the answer into
// resp, with the client's token, rate limit, retry and order-safety rules.
//
// req is the request body: a generated request, any value encoding/json can
// marshal (a struct of your own, a map), or json.RawMessage for raw JSON in.
// If req has a Validate() error method it is called first and nothing is sent
// when it fails. resp receives the decoded body: a generated response, a struct
// of your own that embeds Envelope, or a *RawResponse (raw JSON out, in
// Meta.Raw). A non-zero return_code is an *APIError; Do sends one page
// (continue with WithNextKey, or use Pages).
func (c *Client) Do(ctx context.Context, op Operation, req any, resp Response, opts ...CallOption) error {
	return c.call(ctx, op, req, resp, opts)
}

// Operations named in OpError.Op.
const (
	opEncode   = "encode request"
	opBuild    = "build request"
	opToken    = "get access token"
	opWait     = "wait for rate limiter"
	opSend     = "send"
	opRead     = "read response"
	opTooLarge = "response too large"
	opDecode   = "decode response"
	opCheck    = "check operation"
)

// checkOperation refuses an Operation that cannot be sent: without an api-id,
// a path or a known kind, a request would go to the wrong place or under the
// wrong resend rules.
func checkOperation(op Operation) error {
	var problem string
	switch {
	case op.ID == "":
		problem = "no api-id"
	case !strings.HasPrefix(op.Path, "/"):
		problem = fmt.Sprintf("path %q does not start with /", op.Path)
	case op.Kind != KindAuth && op.Kind != KindQuery && op.Kind != KindOrder:
		problem = fmt.Sprintf("kind %q is not auth, query or order", op.Kind)
	default:
		return nil
	}
	return &OpError{TR: op.ID, Op: opCheck, Err: errors.New(problem)}
}

// encodeRequest marshals a request body; json.RawMessage and []byte are sent
// as they are once they are checked to be JSON.
func encodeRequest(req any) ([]byte, error) {
	var raw []byte
	switch r := req.(type) {
	case json.RawMessage:
		raw = r
	case []byte:
		raw = r
	case nil:
		return []byte("{}"), nil
	default:
		return json.Marshal(req)
	}
	if !json.Valid(raw) {
		return nil, errors.New("the raw request body is not valid JSON")
	}
	return raw, nil
}

// call validates, sends and decodes one TR exchange, with the token, rate limit,
// retry and resend rules of the TR's kind.
func (c *Client) call(ctx context.Context, ep Operation, req any, resp Response, opts []CallOption) error {
	if err := checkOperation(ep); err != nil {
		return err
	}
	if v, ok := req.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return err
		}
	}
	if resp == nil {
		return &OpError{TR: ep.ID, Op: opDecode, Err: errors.New("nil Response; use a *RawResponse for the raw body")}
	}
	cc := collect(opts)
	body, err := encodeRequest(req)
	if err != nil {
		return &OpError{TR: ep.ID, Op: opEncode, Err: err}
	}
	retryable := ep.Kind == KindQuery || ep.Kind == KindAuth
	tokenResent := false
	retries := 0
	for attempt := 1; ; attempt++ {
		var tok Secret
		if ep.Kind != KindAuth {
			if tok, err = c.token(ctx); err != nil {
				return &OpError{TR: ep.ID, Op: opToken, Err: err}
			}
		}
		if err := c.limiterFor(ep.Kind).wait(ctx, c.clk); err != nil {
			return &OpError{TR: ep.ID, Op: opWait, Err: err}
		}
		meta, err := c.send(ctx, ep, body, tok, cc, attempt)
		if err == nil {
			if attempt > 1 {
				reflect.ValueOf(resp).Elem().SetZero()
			}
			meta.Attempts = attempt
			err = c.decode(ep, meta, resp)
		}
		if err == nil {
			return nil
		}
		// Kiwoom checks the token before it runs a call, so a call rejected for
		// its token was not executed: resending it is safe, even for an order.
		if ep.Kind != KindAuth && !tokenResent && tokenRejected(ep.Kind, err) {
			tokenResent = true
			c.dropToken(ctx, tok)
			c.logEvent(ctx, slog.LevelDebug, "kiwoom token rejected; resending once with a new token",
				slog.String("tr", ep.ID), slog.Int("attempt", attempt))
			continue
		}
		if !retryable {
			return orderError(ep, err)
		}
		retries++
		if retries >= c.cfg.retry.MaxAttempts || !transient(ctx, err) {
			return err
		}
		wait := c.cfg.retry.backoff(retries, c.cfg.jitter)
		if ae := (*APIError)(nil); errors.As(err, &ae) {
			if ra, ok := retryAfter(ae.Header, c.clk.Now()); ok {
				if ra > c.cfg.retry.MaxDelay {
					return err
				}
				wait = max(wait, ra)
			}
		}
		if dl, ok := ctx.Deadline(); ok && c.clk.Now().Add(wait).After(dl) {
			return err
		}
		c.logEvent(ctx, slog.LevelDebug, "kiwoom retrying", slog.String("tr", ep.ID),
			slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("error", err.Error()))
		if serr := c.clk.Sleep(ctx, wait); serr != nil {
			return err
		}
	}
}

// tokenRejected reports whether Kiwoom refused the call for its access token,
// so that it may be resent once with a new token. For queries that is an
// invalid or expired token (8005 and kin, HTTP 401) or a token of the other
// environment (8031, e.g. a stale stored token). An order is resent only on
// the answers Kiwoom documents as rejecting the token before the order is
// looked at: HTTP 200 with detail 8005 (invalid token) or 8031 (token of the
// other environment). Anything else — an HTTP 401 from a proxy, the other
// 80xx codes — leaves the order as it is.
func tokenRejected(kind Kind, err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	if kind == KindOrder {
		return ae.HTTPStatus == http.StatusOK && (ae.DetailCode == 8005 || ae.DetailCode == 8031)
	}
	return errors.Is(ae, ErrInvalidToken) || ae.DetailCode == 8031
}

// orderError turns a failed order into an *OutcomeUnknownError unless Kiwoom
// answered definitely (a return_code, an HTTP 4xx) or the request provably
// never left this machine.
func orderError(ep Operation, err error) error {
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.HTTPStatus >= 500 {
			return &OutcomeUnknownError{TR: ep.ID, Err: err}
		}
		return err
	}
	var oe *OpError
	if errors.As(err, &oe) && oe.Op == opSend && notSent(oe.Err) {
		return err
	}
	return &OutcomeUnknownError{TR: ep.ID, Err: err}
}

// send makes one HTTP exchange and reads the body.
func (c *Client) send(ctx context.Context, ep Operation, body []byte, tok Secret, cc callConfig, attempt int) (Meta, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.baseURL+ep.Path, bytes.NewReader(body))
	if err != nil {
		return Meta{}, &OpError{TR: ep.ID, Op: opBuild, Err: err}
	}
	if ep.Kind == KindOrder {
		// Without GetBody net/http cannot replay the request by itself: the
		// HTTP/1 transport retries a request on a reused connection that broke,
		// and the HTTP/2 transport after GOAWAY, REFUSED_STREAM or a protocol
		// error, whenever it can rewind the body. An order must reach Kiwoom at
		// most once per attempt this client makes.
		hreq.GetBody = nil
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
	if tok != "" {
		hreq.Header.Set("authorization", "Bearer "+tok.Reveal())
	}
	c.logRequest(ctx, ep, attempt, hreq.Header)
	start := time.Now()
	hresp, err := c.cfg.httpClient.Do(hreq)
	if err != nil {
		err = &OpError{TR: ep.ID, Op: opSend, Err: err}
		c.logResponse(ctx, ep, attempt, time.Since(start), nil, err)
		return Meta{}, err
	}
	defer hresp.Body.Close()
	raw, err := readBody(hresp, c.cfg.maxBody)
	meta := Meta{
		APIID:      hresp.Header.Get("api-id"),
		ContYN:     hresp.Header.Get("cont-yn"),
		NextKey:    hresp.Header.Get("next-key"),
		HTTPStatus: hresp.StatusCode,
		Header:     hresp.Header,
		Raw:        raw,
	}
	switch {
	case err != nil:
		err = &OpError{TR: ep.ID, Op: opRead, Err: err}
	case int64(len(raw)) > c.cfg.maxBody:
		err = &OpError{TR: ep.ID, Op: opTooLarge, Err: fmt.Errorf("body exceeds %d bytes", c.cfg.maxBody)}
	}
	c.logResponse(ctx, ep, attempt, time.Since(start), &meta, err)
	return meta, err
}

// readBody reads at most max+1 bytes, in one allocation when the length is known.
func readBody(r *http.Response, max int64) ([]byte, error) {
	if n := r.ContentLength; n >= 0 && n <= max {
		buf := make([]byte, n, n+1)
		k, err := io.ReadFull(r.Body, buf)
		if err != nil {
			return buf[:k], err
		}
		return buf, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, max+1))
}

// returnCodeKey is the key every Kiwoom answer carries.
const returnCodeKey = `"return_code"`

// decode checks the HTTP status and the envelope and decodes the typed body.
func (c *Client) decode(ep Operation, meta Meta, resp Response) error {
	if meta.HTTPStatus != http.StatusOK {
		return newAPIError(ep.ID, ep.Kind, meta, nil)
	}
	if meta.APIID != "" && meta.APIID != ep.ID {
		// A misrouted answer must not be decoded as the TR that was asked for.
		return newDecodeError(ep.ID, meta.Raw, "", 0, fmt.Errorf("the response is for api-id %q, not %q", meta.APIID, ep.ID))
	}
	if err := decodeBody(ep.ID, ep.Kind, meta, resp); err != nil {
		return err
	}
	if ep.Kind == KindAuth {
		meta.Raw = redactBody(meta.Raw)
	}
	resp.envelope().Meta = meta
	return nil
}

// decodeBody decodes an HTTP 200 body into resp and checks its envelope, for
// the client and for Decode: a non-zero return_code is an *APIError (also when
// the rest of the body does not decode), a value that does not decode a
// *DecodeError, and a body without return_code is not a Kiwoom answer.
func decodeBody(tr string, kind Kind, meta Meta, resp Response) error {
	if err := unmarshalResponse(meta.Raw, resp); err != nil {
		var env Envelope
		if json.Unmarshal(meta.Raw, &env) == nil && env.ReturnCode != 0 {
			return newAPIError(tr, kind, meta, &env)
		}
		return decodeError(tr, meta.Raw, err)
	}
	if env := resp.envelope(); env.ReturnCode != 0 {
		return newAPIError(tr, kind, meta, env)
	}
	if !bytes.Contains(meta.Raw, []byte(returnCodeKey)) {
		// Every Kiwoom answer carries return_code; a body without one (a proxy's
		// page, an empty object) must not pass for success.
		return newDecodeError(tr, meta.Raw, "return_code", 0, errors.New("missing: the body is not a Kiwoom response"))
	}
	return nil
}

// Decode decodes a saved response body into resp in one pass, as the client
// decodes an answer: a value that does not decode is a *DecodeError naming its
// field, a body without return_code is not a Kiwoom answer (a *DecodeError),
// and a non-zero return_code is an *APIError. resp's Meta.Raw is set to body,
// so a *RawResponse works as it does with Do. Calling a generated response's
// UnmarshalJSON directly does the same decoding without the envelope checks;
// json.Unmarshal works too but scans the body twice.
func Decode(body []byte, resp Response) error {
	err := decodeBody("", "", Meta{HTTPStatus: http.StatusOK, Raw: body}, resp)
	resp.envelope().Meta.Raw = body
	return err
}

// unmarshalResponse decodes a body into a generated response with its
// generated UnmarshalJSON, directly: it validates the JSON as it decodes, so
// going through json.Unmarshal would only scan the body twice.
func unmarshalResponse(raw []byte, resp Response) error {
	if u, ok := resp.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(raw)
	}
	return json.Unmarshal(raw, resp)
}

// decodeError turns a failed decode into a *DecodeError with an excerpt of
// the body where it stopped. A field that did not decode is named by its path,
// unless the body is not a JSON object at all (the decoder stops at the first
// bad field, before it has seen the rest); then encoding/json says what is
// wrong with it.
func decodeError(tr string, raw []byte, err error) error {
	offset, _ := wire.ErrorOffset(err)
	if jerr := json.Unmarshal(raw, new(map[string]json.RawMessage)); jerr != nil {
		if se := (*json.SyntaxError)(nil); errors.As(jerr, &se) {
			offset = int(se.Offset)
		}
		return newDecodeError(tr, raw, "", offset, fmt.Errorf("body is not a JSON object: %w", jerr))
	}
	if fe := (*wire.FieldPathError)(nil); errors.As(err, &fe) {
		return newDecodeError(tr, raw, fe.Path, fe.Offset, fe.Err)
	}
	// A response struct of the caller's own, decoded by encoding/json.
	if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
		return newDecodeError(tr, raw, te.Field, int(te.Offset), err)
	}
	return newDecodeError(tr, raw, "", offset, err)
}

// Pages calls op page by page, following cont-yn/next-key from the first page
// (or from WithNextKey's) until the server says N, with a new response from
// newResp for each page. It stops after WithMaxPages pages, at a repeated
// next-key (ErrRepeatedNextKey) and when ctx ends. Iteration stops at the first
// error, which is yielded with a zero page. A TR that does not page yields its
// one response. Generated <Go>Pages methods call it.
func Pages[R Response](ctx context.Context, c *Client, op Operation, req any, newResp func() R, opts ...CallOption) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		var zero R
		cc := collect(opts)
		seen := map[string]bool{}
		next := cc.nextKey
		if next != "" {
			seen[next] = true
		}
		for page := 1; cc.maxPages <= 0 || page <= cc.maxPages; page++ {
			if err := ctx.Err(); err != nil {
				yield(zero, &OpError{TR: op.ID, Op: fmt.Sprintf("continue to page %d", page), Err: context.Cause(ctx)})
				return
			}
			resp := newResp()
			callOpts := append(opts[:len(opts):len(opts)], WithNextKey(next))
			if err := c.call(ctx, op, req, resp, callOpts); err != nil {
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
				yield(zero, &OpError{TR: op.ID, Op: "continue", Err: fmt.Errorf("%w %q after page %d", ErrRepeatedNextKey, meta.NextKey, page)})
				return
			}
			seen[meta.NextKey] = true
			next = meta.NextKey
		}
	}
}

// Rows flattens pages into the rows that rowsOf picks from each page; an error
// is yielded once, with a zero row, as a *RowsError that says how many rows and
// pages arrived before it. Generated <Go>Rows methods call it.
func Rows[R Response, T any](pages iter.Seq2[R, error], rowsOf func(R) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		n, p := 0, 0
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, &RowsError{Rows: n, Pages: p, Err: err})
				return
			}
			p++
			for _, r := range rowsOf(page) {
				n++
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

// clock is the time source of a Client; tests replace it.
type clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and
	// returns ctx's error in the second case.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
