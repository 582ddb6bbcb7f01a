package realtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/kiwoomgo/kiwoom/kiwoom"
)

// WebSocket URLs of the two Kiwoom environments (domestic realtime and condition search).
const (
	// ProductionURL is the real-trading WebSocket endpoint.
	ProductionURL = "wss://api.kiwoom.com:10000" + Path
	// PaperURL is the paper-trading (모의투자) endpoint; it supports KRX only.
	PaperURL = "wss://mockapi.kiwoom.com:10000" + Path
	// Path is the domestic WebSocket path.
	Path = "/api/dostk/websocket"
)

// Defaults.
const (
	// DefaultBuffer is how many events a subscriber may fall behind before the
	// oldest are dropped.
	DefaultBuffer = 1024
	// DefaultMaxConditions is how many realtime condition searches may run at
	// once (third-party sources quote 10 per login; UNCONFIRMED by Kiwoom).
	DefaultMaxConditions = 10
	// DefaultReadLimit is the largest frame accepted (coder/websocket's default,
	// 32 KiB, is too small for batched 0D frames).
	DefaultReadLimit = 4 << 20
	// DefaultRequestTimeout bounds LOGIN and each request's wait for its answer.
	DefaultRequestTimeout = 15 * time.Second
)

// TokenSource gives the access token for LOGIN. *kiwoom.Client is one. When the
// source also has an InvalidateToken(ctx, tok) method (as *kiwoom.Client has), a
// rejected token is discarded with it before a fresh one is asked for.
type TokenSource interface {
	AccessToken(ctx context.Context) (kiwoom.Secret, error)
}

// Option configures a Client.
type Option func(*config) error

type config struct {
	url            string
	logger         *slog.Logger
	buffer         int
	maxConditions  int
	readLimit      int64
	requestTimeout time.Duration
	backoff        func(attempt int) time.Duration
	httpClient     *http.Client
	now            func() time.Time
}

// WithURL connects to url (ws:// or wss://, with the path) instead of the URL
// derived from the token source (ProductionURL, PaperURL, or the local server).
func WithURL(url string) Option {
	return func(c *config) error {
		if !strings.HasPrefix(url, "ws://") && !strings.HasPrefix(url, "wss://") {
			return fmt.Errorf("realtime: WithURL(%q): want a ws:// or wss:// URL", url)
		}
		c.url = url
		return nil
	}
}

// WithLogger logs connection events, SYSTEM frames, bad frames and dropped
// events to l (never the token). Without it nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("realtime: WithLogger(nil)")
		}
		c.logger = l
		return nil
	}
}

// WithBuffer sets how many events each subscriber may fall behind (DefaultBuffer).
func WithBuffer(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("realtime: WithBuffer(%d): want at least 1", n)
		}
		c.buffer = n
		return nil
	}
}

// WithMaxConditions sets how many realtime condition searches may run at once
// (DefaultMaxConditions).
func WithMaxConditions(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("realtime: WithMaxConditions(%d): want at least 1", n)
		}
		c.maxConditions = n
		return nil
	}
}

// WithReadLimit sets the largest frame accepted, in bytes (DefaultReadLimit).
func WithReadLimit(n int64) Option {
	return func(c *config) error {
		if n < 32<<10 {
			return fmt.Errorf("realtime: WithReadLimit(%d): want at least 32 KiB", n)
		}
		c.readLimit = n
		return nil
	}
}

// WithRequestTimeout bounds LOGIN and each request's wait for its answer
// (DefaultRequestTimeout).
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("realtime: WithRequestTimeout(%v): want a positive duration", d)
		}
		c.requestTimeout = d
		return nil
	}
}

// WithBackoff sets the pause before reconnect attempt n (1, 2, …). The default
// is capped, jittered exponential backoff: about 0.5 s, 1 s, 2 s … up to 30 s,
// each between half and all of that.
func WithBackoff(f func(attempt int) time.Duration) Option {
	return func(c *config) error {
		if f == nil {
			return errors.New("realtime: WithBackoff(nil)")
		}
		c.backoff = f
		return nil
	}
}

// WithHTTPClient dials through h (for proxies or custom TLS).
func WithHTTPClient(h *http.Client) Option {
	return func(c *config) error {
		c.httpClient = h
		return nil
	}
}

// DefaultBackoff is the default pause before reconnect attempt n: 500 ms ×
// 2^(n-1), capped at 30 s, with full jitter in its upper half.
func DefaultBackoff(attempt int) time.Duration {
	d := 500 * time.Millisecond
	for i := 1; i < attempt && d < 30*time.Second; i++ {
		d *= 2
	}
	d = min(d, 30*time.Second)
	return d/2 + rand.N(d/2+1)
}

// Client is one WebSocket session to Kiwoom shared by any number of
// subscriptions; it is safe for concurrent use. It connects on the first
// subscription (lazily), logs in with the token source's access token, answers
// PINGs, and reconnects by itself until Close, except after R10001 or a
// rejected login.
type Client struct {
	cfg    config
	tokens TokenSource
	log    *slog.Logger

	ctx    context.Context // ends with Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
	start  sync.Once

	reqSem chan struct{} // one request awaiting its answer at a time

	mu       sync.Mutex
	conn     *websocket.Conn
	connDone chan struct{} // closed when conn drops
	epoch    uint64
	ready    chan struct{} // closed when logged in and restored; replaced on disconnect
	lastErr  error         // last connect error, for callers waiting on ready
	fatal    error         // no more connections (Close, R10001, login rejected)
	pending  *pendingReq
	routes   map[Type]map[string][]*sub
	regs     map[regKey]*reg
	conds    map[string]*sub // realtime condition searches by seq
	listed   uint64          // epoch in which CNSRLST was sent

	badFrames, systemFrames, reconnects, unrouted atomic.Uint64
}

type regKey struct {
	typ  Type
	item string
}

type reg struct {
	count int
	epoch uint64 // the connection it is registered on (0: none)
}

// pendingReq is the request waiting for its answer.
type pendingReq struct {
	trnm string
	ch   chan reply
}

// reply is a copy of an answer frame's envelope.
type reply struct {
	code    int
	msg     string
	seq     string
	contYN  string
	nextKey string
	data    []byte
}

// New returns a Client that logs in with tokens. It does not connect yet. The
// URL is ProductionURL, or PaperURL when tokens is a *kiwoom.Client for
// kiwoom.PaperURL, or the local server's WebSocket when tokens is a client of an
// http:// base URL (kiwoomtest); WithURL overrides it.
func New(tokens TokenSource, opts ...Option) (*Client, error) {
	if tokens == nil {
		return nil, errors.New("realtime: New(nil token source)")
	}
	cfg := config{buffer: DefaultBuffer, maxConditions: DefaultMaxConditions, readLimit: DefaultReadLimit,
		requestTimeout: DefaultRequestTimeout, backoff: DefaultBackoff, now: time.Now}
	cfg.url = urlFor(tokens)
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	log := cfg.logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Client{
		cfg: cfg, tokens: tokens, log: log, ctx: ctx, cancel: cancel,
		reqSem: make(chan struct{}, 1),
		ready:  make(chan struct{}),
		routes: map[Type]map[string][]*sub{},
		regs:   map[regKey]*reg{},
		conds:  map[string]*sub{},
	}, nil
}

// urlFor derives the WebSocket URL from a token source with a BaseURL method.
func urlFor(tokens TokenSource) string {
	b, ok := tokens.(interface{ BaseURL() string })
	if !ok {
		return ProductionURL
	}
	switch base := strings.TrimRight(b.BaseURL(), "/"); {
	case base == kiwoom.PaperURL:
		return PaperURL
	case strings.HasPrefix(base, "http://"):
		return "ws://" + strings.TrimPrefix(base, "http://") + Path
	case strings.HasPrefix(base, "https://") && base != kiwoom.ProductionURL:
		return "wss://" + strings.TrimPrefix(base, "https://") + Path
	}
	return ProductionURL
}

// URL returns the WebSocket URL the client connects to.
func (c *Client) URL() string { return c.cfg.url }

// Stats are counters of what the client has seen.
type Stats struct {
	// BadFrames counts frames that could not be decoded (logged and skipped).
	BadFrames uint64
	// SystemFrames counts SYSTEM frames.
	SystemFrames uint64
	// Reconnects counts connections after the first.
	Reconnects uint64
	// Unrouted counts pushes no subscriber wanted (for example condition pushes
	// for an unknown seq).
	Unrouted uint64
}

// Stats returns the counters.
func (c *Client) Stats() Stats {
	return Stats{BadFrames: c.badFrames.Load(), SystemFrames: c.systemFrames.Load(),
		Reconnects: c.reconnects.Load(), Unrouted: c.unrouted.Load()}
}

// Close ends every subscription, closes the connection and waits until the
// client's goroutines have finished. Subscriptions end without an error.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.fatal == nil {
		c.fatal = ErrClosed
	}
	var subs []*sub
	for _, m := range c.routes {
		for _, l := range m {
			subs = append(subs, l...)
		}
	}
	for _, s := range c.conds {
		subs = append(subs, s)
	}
	c.closeReady()
	c.mu.Unlock()
	c.cancel()
	for _, s := range subs {
		s.q.close(nil)
	}
	c.wg.Wait()
	return nil
}

// goBackground adds a background goroutine to the wait group unless the client
// is closed (so that no Add races with Close's Wait); the caller must start it.
func (c *Client) goBackground() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fatal != nil {
		return false
	}
	c.wg.Add(1)
	return true
}

// closeReady closes c.ready unless it is closed already; c.mu must be held.
func (c *Client) closeReady() {
	select {
	case <-c.ready:
	default:
		close(c.ready)
	}
}

// startOnce starts the connection loop on first use.
func (c *Client) startOnce() {
	c.start.Do(func() {
		if c.goBackground() {
			go c.run()
		}
	})
}

// run connects, logs in, restores registrations and reads until the connection
// drops, then reconnects after a backoff, until Close or a fatal error.
func (c *Client) run() {
	defer c.wg.Done()
	var downSince time.Time
	attempt := 0
	for c.ctx.Err() == nil {
		conn, err := c.connect(c.ctx)
		if err != nil {
			if c.ctx.Err() != nil {
				return
			}
			if isFatal(err) {
				c.fail(err)
				return
			}
			attempt++
			c.mu.Lock()
			c.lastErr = err
			c.mu.Unlock()
			d := c.cfg.backoff(attempt)
			c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime connect failed",
				slog.String("error", err.Error()), slog.Int("attempt", attempt), slog.Duration("retry_in", d))
			if !c.sleep(d) {
				return
			}
			continue
		}
		attempt = 0
		if !downSince.IsZero() {
			c.reconnects.Add(1)
		}
		err = c.serve(conn, downSince)
		downSince = c.cfg.now()
		if errors.Is(err, ErrSessionTaken) {
			c.log.LogAttrs(c.ctx, slog.LevelError, "kiwoom realtime session taken over (R10001); not reconnecting")
			c.fail(err)
			return
		}
		if c.ctx.Err() != nil {
			return
		}
		c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime connection lost; reconnecting", slog.String("error", err.Error()))
		attempt++
		if !c.sleep(c.cfg.backoff(attempt)) {
			return
		}
	}
}

func (c *Client) sleep(d time.Duration) bool {
	if d <= 0 {
		return c.ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// fail ends the client with a fatal error: every subscription gets it.
func (c *Client) fail(err error) {
	c.mu.Lock()
	if c.fatal == nil {
		c.fatal = err
	}
	var subs []*sub
	for _, m := range c.routes {
		for _, l := range m {
			subs = append(subs, l...)
		}
	}
	for _, s := range c.conds {
		subs = append(subs, s)
	}
	c.closeReady() // wake waiters; they see fatal
	c.mu.Unlock()
	for _, s := range subs {
		s.q.close(err)
	}
}

// connect dials and logs in. A rejected token is replaced once: when the token
// source can invalidate it, the rejected token is forgotten, and a fresh one is
// used for a second LOGIN.
func (c *Client) connect(ctx context.Context) (*websocket.Conn, error) {
	for try := 0; ; try++ {
		conn, tok, err := c.dialLogin(ctx)
		var le *LoginError
		if err == nil || !errors.As(err, &le) || !le.tokenRejected() || try > 0 {
			return conn, err
		}
		c.log.LogAttrs(ctx, slog.LevelWarn, "kiwoom realtime token rejected; getting a new one", slog.Int("return_code", le.Code))
		if r, ok := c.tokens.(interface {
			InvalidateToken(context.Context, kiwoom.Secret)
		}); ok {
			r.InvalidateToken(ctx, tok)
		}
	}
}

// isFatal reports whether a connect error ends the client: the session was
// taken over, the login was rejected even with a fresh token, or the token
// source was refused for a reason no retry can change (the app key or secret
// key, an unregistered IP, a key of the other environment).
func isFatal(err error) bool {
	var le *LoginError
	return errors.Is(err, ErrSessionTaken) || (errors.As(err, &le) && le.tokenRejected()) ||
		errors.Is(err, kiwoom.ErrInvalidCredentials) || errors.Is(err, kiwoom.ErrUnregisteredIP) ||
		errors.Is(err, kiwoom.ErrEnvMismatch)
}

func (c *Client) dialLogin(ctx context.Context) (*websocket.Conn, kiwoom.Secret, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.requestTimeout)
	defer cancel()
	tok, err := c.tokens.AccessToken(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("realtime: access token: %w", err)
	}
	conn, _, err := websocket.Dial(ctx, c.cfg.url, &websocket.DialOptions{HTTPClient: c.cfg.httpClient})
	if err != nil {
		return nil, tok, fmt.Errorf("realtime: dial: %w", err)
	}
	conn.SetReadLimit(c.cfg.readLimit)
	login, _ := json.Marshal(struct {
		Trnm  string `json:"trnm"`
		Token string `json:"token"`
	}{"LOGIN", tok.Reveal()})
	if err := conn.Write(ctx, websocket.MessageText, login); err != nil {
		conn.CloseNow()
		return nil, tok, fmt.Errorf("realtime: send LOGIN: %w", err)
	}
	// Wait for the LOGIN ack, echoing PINGs and skipping SYSTEM notices.
	for {
		_, frame, err := conn.Read(ctx)
		if err != nil {
			conn.CloseNow()
			return nil, tok, fmt.Errorf("realtime: waiting for the LOGIN answer: %w", err)
		}
		if isBarePing(frame) {
			conn.Write(ctx, websocket.MessageText, frame)
			continue
		}
		var env envelope
		if err := parseEnvelope(frame, &env); err != nil {
			c.badFrames.Add(1)
			continue
		}
		switch string(env.trnm) {
		case "PING":
			conn.Write(ctx, websocket.MessageText, frame)
		case "SYSTEM":
			c.systemFrames.Add(1)
			if string(env.code) == "R10001" {
				conn.CloseNow()
				return nil, tok, ErrSessionTaken
			}
			c.log.LogAttrs(ctx, slog.LevelInfo, "kiwoom realtime SYSTEM", slog.String("code", string(env.code)), slog.String("message", str(env.message)))
		case "LOGIN":
			if env.returnCode != 0 {
				conn.CloseNow()
				return nil, tok, &LoginError{Code: env.returnCode, Msg: str(env.returnMsg)}
			}
			return conn, tok, nil
		default:
			c.log.LogAttrs(ctx, slog.LevelDebug, "kiwoom realtime frame before the LOGIN answer", slog.String("trnm", string(env.trnm)))
		}
	}
}

func str(tok []byte) string {
	s, err := unquote(tok)
	if err != nil {
		return string(tok)
	}
	return s
}

func isBarePing(frame []byte) bool {
	return len(frame) <= 8 && strings.EqualFold(string(bytes.TrimSpace(frame)), "PING")
}

// serve runs one logged-in connection: it starts the read loop, restores the
// registrations, reports the gap, and returns when the connection drops.
func (c *Client) serve(conn *websocket.Conn, downSince time.Time) error {
	done := make(chan struct{})
	c.mu.Lock()
	c.conn, c.connDone = conn, done
	c.epoch++
	epoch := c.epoch
	c.mu.Unlock()

	readErr := make(chan error, 1)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		readErr <- c.readLoop(conn)
	}()

	if err := c.restore(epoch); err != nil {
		c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime restoring registrations failed", slog.String("error", err.Error()))
	}
	c.mu.Lock()
	if c.fatal == nil && c.epoch == epoch {
		c.closeReady()
	}
	c.lastErr = nil
	c.mu.Unlock()
	if !downSince.IsZero() {
		c.notifyGap(downSince, c.cfg.now())
	}

	var err error
	select {
	case err = <-readErr:
	case <-c.ctx.Done():
		err = c.ctx.Err()
	}
	conn.CloseNow()
	c.mu.Lock()
	c.conn = nil
	close(done)
	if c.fatal == nil {
		c.ready = make(chan struct{})
	}
	c.mu.Unlock()
	if err == nil {
		err = errDisconnected
	}
	return err
}

// restore registers everything still subscribed on a new connection and starts
// the realtime condition searches again.
func (c *Client) restore(epoch uint64) error {
	c.mu.Lock()
	byType := map[Type][]string{}
	var keys []regKey
	for k, r := range c.regs {
		if r.count > 0 {
			byType[k.typ] = append(byType[k.typ], k.item)
			keys = append(keys, k)
		}
	}
	var conds []*sub
	for _, s := range c.conds {
		if s.started != 0 { // a condition still being started by WatchCondition is left to it
			conds = append(conds, s)
		}
	}
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(c.ctx, c.cfg.requestTimeout*time.Duration(2+len(conds)))
	defer cancel()
	if len(keys) > 0 {
		if _, err := c.roundTrip(ctx, epoch, regMessage("REG", byType), "REG"); err != nil {
			return err
		}
		c.mu.Lock()
		for _, k := range keys {
			if r := c.regs[k]; r != nil {
				r.epoch = epoch
			}
		}
		c.mu.Unlock()
	}
	for _, s := range conds {
		codes, err := c.startCondition(ctx, epoch, s.seq)
		if err != nil {
			s.q.close(err)
			c.mu.Lock()
			if c.conds[s.seq] == s {
				delete(c.conds, s.seq)
			}
			c.mu.Unlock()
			continue
		}
		c.mu.Lock()
		s.current, s.started = codes, epoch
		c.mu.Unlock()
	}
	return nil
}

// notifyGap tells every live subscription about a gap.
func (c *Client) notifyGap(since, until time.Time) {
	c.mu.Lock()
	var subs []*sub
	for _, m := range c.routes {
		for _, l := range m {
			subs = append(subs, l...)
		}
	}
	for _, s := range c.conds {
		subs = append(subs, s)
	}
	c.mu.Unlock()
	seen := map[*sub]bool{}
	for _, s := range subs {
		if !seen[s] {
			seen[s] = true
			c.mu.Lock()
			current := s.current
			c.mu.Unlock()
			s.q.notifyGap(since, until, current)
		}
	}
}

// readLoop reads frames until the connection fails or a SYSTEM frame ends it.
func (c *Client) readLoop(conn *websocket.Conn) error {
	var (
		buf bytes.Buffer
		dec Decoder
		env envelope
		evs []Event
	)
	for {
		_, r, err := conn.Reader(c.ctx)
		if err != nil {
			return err
		}
		buf.Reset()
		if _, err := buf.ReadFrom(r); err != nil {
			return err
		}
		frame := buf.Bytes()
		if isBarePing(frame) {
			if err := conn.Write(c.ctx, websocket.MessageText, frame); err != nil {
				return err
			}
			continue
		}
		if err := parseEnvelope(frame, &env); err != nil {
			c.badFrame(err, frame)
			continue
		}
		switch trnm := string(env.trnm); trnm {
		case "REAL":
			evs, err = dec.appendData(evs[:0], env.data)
			if err != nil {
				c.badFrame(err, frame)
			}
			for _, ev := range evs {
				if p := ev.Header(); p.Err != nil {
					c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime value did not decode", slog.String("error", p.Err.Error()))
				}
				c.route(ev)
			}
			clear(evs)
		case "PING":
			if err := conn.Write(c.ctx, websocket.MessageText, frame); err != nil {
				return err
			}
		case "SYSTEM":
			c.systemFrames.Add(1)
			code := string(env.code)
			c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime SYSTEM", slog.String("code", code), slog.String("message", str(env.message)))
			switch code {
			case "R10001":
				return ErrSessionTaken
			case "R10002":
				return &SystemError{Code: code, Message: str(env.message)}
			}
		case "LOGIN":
			// A late or repeated LOGIN answer: nothing to do.
		case "REG", "REMOVE", "CNSRLST", "CNSRREQ", "CNSRCLR":
			c.answer(trnm, &env)
		default:
			c.badFrame(fmt.Errorf("unknown trnm %q", trnm), nil)
		}
	}
}

func (c *Client) badFrame(err error, frame []byte) {
	c.badFrames.Add(1)
	attrs := []slog.Attr{slog.String("error", err.Error())}
	if frame != nil {
		attrs = append(attrs, slog.Int("bytes", len(frame)))
	}
	c.log.LogAttrs(c.ctx, slog.LevelWarn, "kiwoom realtime bad frame", attrs...)
}

// answer hands an answer frame to the waiting request.
func (c *Client) answer(trnm string, env *envelope) {
	c.mu.Lock()
	p := c.pending
	if p != nil && p.trnm == trnm {
		c.pending = nil
	} else {
		p = nil
	}
	c.mu.Unlock()
	if p == nil {
		if trnm == "CNSRREQ" && env.data == nil && !env.hasCode {
			return
		}
		c.log.LogAttrs(c.ctx, slog.LevelDebug, "kiwoom realtime answer nobody waits for", slog.String("trnm", trnm))
		return
	}
	p.ch <- reply{code: env.returnCode, msg: str(env.returnMsg), seq: string(env.seq),
		contYN: string(env.contYN), nextKey: string(env.nextKey), data: bytes.Clone(env.data)}
}

// route delivers an event to its subscribers.
func (c *Client) route(ev Event) {
	t := ev.Type()
	c.mu.Lock()
	var targets []*sub
	if t == TypeConditionHit {
		if h, ok := ev.(*ConditionHit); ok {
			if s := c.conds[strings.TrimSpace(h.ConditionSeq)]; s != nil {
				targets = append(targets, s)
			}
		}
	} else if m := c.routes[t]; m != nil {
		targets = append(targets, m[ev.Header().Item]...)
		if ev.Header().Item != "" {
			targets = append(targets, m[""]...)
		}
	}
	c.mu.Unlock()
	if len(targets) == 0 {
		c.unrouted.Add(1)
		return
	}
	for _, s := range targets {
		s.q.push(ev)
	}
}

// waitReady waits until the client is logged in and restored, and returns the
// connection's epoch.
func (c *Client) waitReady(ctx context.Context) (uint64, error) {
	c.startOnce()
	for {
		c.mu.Lock()
		ready, fatal, epoch, lastErr := c.ready, c.fatal, c.epoch, c.lastErr
		c.mu.Unlock()
		if fatal != nil {
			return 0, fatal
		}
		select {
		case <-ready:
			c.mu.Lock()
			ok := c.ready == ready && c.fatal == nil
			epoch = c.epoch
			c.mu.Unlock()
			if ok {
				return epoch, nil
			}
		case <-ctx.Done():
			if lastErr != nil {
				return 0, fmt.Errorf("realtime: not connected (%v): %w", lastErr, context.Cause(ctx))
			}
			return 0, context.Cause(ctx)
		}
	}
}

// roundTrip sends msg on the connection of epoch and waits for the answer with
// trnm. One request is in flight at a time: Kiwoom's answers do not say which
// request they answer.
func (c *Client) roundTrip(ctx context.Context, epoch uint64, msg []byte, trnm string) (reply, error) {
	select {
	case c.reqSem <- struct{}{}:
	case <-ctx.Done():
		return reply{}, context.Cause(ctx)
	}
	defer func() { <-c.reqSem }()
	c.mu.Lock()
	conn, done := c.conn, c.connDone
	if conn == nil || c.epoch != epoch {
		c.mu.Unlock()
		return reply{}, errDisconnected
	}
	p := &pendingReq{trnm: trnm, ch: make(chan reply, 1)}
	c.pending = p
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		if c.pending == p {
			c.pending = nil
		}
		c.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.requestTimeout)
	defer cancel()
	if err := conn.Write(ctx, websocket.MessageText, msg); err != nil {
		return reply{}, errDisconnected
	}
	select {
	case r := <-p.ch:
		if r.code != 0 {
			return r, &RequestError{Trnm: trnm, Code: r.code, Msg: r.msg}
		}
		return r, nil
	case <-done:
		return reply{}, errDisconnected
	case <-ctx.Done():
		return reply{}, fmt.Errorf("realtime: waiting for the %s answer: %w", trnm, context.Cause(ctx))
	}
}

// request is roundTrip on the current connection, retried on a new connection
// when the old one dropped before the answer.
func (c *Client) request(ctx context.Context, trnm string, build func(epoch uint64) ([]byte, bool)) (reply, uint64, error) {
	for {
		epoch, err := c.waitReady(ctx)
		if err != nil {
			return reply{}, 0, err
		}
		msg, needed := build(epoch)
		if !needed {
			return reply{}, epoch, nil
		}
		r, err := c.roundTrip(ctx, epoch, msg, trnm)
		if errors.Is(err, errDisconnected) {
			continue
		}
		return r, epoch, err
	}
}

// regMessage builds a REG or REMOVE: one data object per type with its items.
func regMessage(trnm string, byType map[Type][]string) []byte {
	type obj struct {
		Item []string `json:"item"`
		Type []string `json:"type"`
	}
	msg := struct {
		Trnm    string `json:"trnm"`
		GrpNo   string `json:"grp_no"`
		Refresh string `json:"refresh,omitempty"`
		Data    []obj  `json:"data"`
	}{Trnm: trnm, GrpNo: "1"}
	if trnm == "REG" {
		msg.Refresh = "1" // keep what is registered
	}
	for _, t := range sortedTypes(byType) {
		msg.Data = append(msg.Data, obj{Item: byType[t], Type: []string{string(t)}})
	}
	b, _ := json.Marshal(msg)
	return b
}

func sortedTypes(m map[Type][]string) []Type {
	ts := make([]Type, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
	return ts
}
