package kiwoomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// Paths of the token endpoints.
const (
	tokenPath  = "/oauth2/token"
	revokePath = "/oauth2/revoke"
)

// kiwoomURIs returns the documented URI families of the domestic REST API. A
// request to one of them (or to a catalogue path) is answered with Kiwoom's api-id
// errors; any other path is a plain HTTP 404.
func kiwoomURIs() []string {
	return []string{
		"/api/dostk/acnt", "/api/dostk/stkinfo", "/api/dostk/mrkcond", "/api/dostk/chart",
		"/api/dostk/rkinfo", "/api/dostk/sect", "/api/dostk/frgnistt", "/api/dostk/shsa",
		"/api/dostk/slb", "/api/dostk/elw", "/api/dostk/etf", "/api/dostk/thme",
		"/api/dostk/ordr", "/api/dostk/crdordr",
	}
}

// maxBody bounds a request body.
const maxBody = 1 << 20

// Handler is the local Kiwoom server as an http.Handler, usable without a
// listener (for example with httptest.NewRecorder or as a transport's target).
// It is safe for concurrent use.
type Handler struct {
	cfg      config
	trs      map[string]catalog.TR
	uris     map[string]bool
	fixtures map[string]*fixture
	stocks   map[string]bool

	mu       sync.Mutex
	tokens   map[string]*token
	windows  map[string]*window
	faults   []*activeFault
	requests map[string]int
	done     chan struct{} // closed by Server.Close: ends injected latency
	once     sync.Once
	rt       realtimeState // the WebSocket side (ws.go)
}

// NewHandler builds a Handler from the catalogue and the fixtures. It fails when
// an option is invalid or a fixture is not a JSON object.
func NewHandler(opts ...Option) (*Handler, error) {
	cfg := config{now: time.Now, lifetime: DefaultTokenLifetime, pageSize: DefaultPageSize}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if len(cfg.creds) == 0 {
		cfg.creds = []credential{{DefaultAppKey, DefaultSecretKey}}
	}
	if !cfg.fixtureFS {
		cfg.fixtures = defaultFixtures()
	}
	h := &Handler{
		cfg:      cfg,
		trs:      map[string]catalog.TR{},
		uris:     map[string]bool{},
		stocks:   map[string]bool{},
		tokens:   map[string]*token{},
		windows:  map[string]*window{},
		requests: map[string]int{},
		done:     make(chan struct{}),
	}
	for _, u := range kiwoomURIs() {
		h.uris[u] = true
	}
	for _, tr := range catalog.TRs() {
		h.trs[tr.ID] = tr
		if tr.Kind != kiwoom.KindAuth {
			h.uris[tr.Path] = true
		}
	}
	if err := h.loadFixtures(); err != nil {
		return nil, err
	}
	for _, c := range cfg.stocks {
		h.stocks[baseCode(c)] = true
	}
	for _, f := range cfg.faults {
		h.InjectFault(f)
	}
	return h, nil
}

// AppKey returns the app key of the first credential pair the handler accepts.
func (h *Handler) AppKey() string { return h.cfg.creds[0].appKey }

// SecretKey returns the secret key of the first credential pair the handler accepts.
func (h *Handler) SecretKey() string { return h.cfg.creds[0].secretKey }

// KnowsStock reports whether the handler knows the stock code (venue suffixes
// _NX and _AL and an account-style "A" prefix are ignored).
func (h *Handler) KnowsStock(code string) bool { return h.stocks[baseCode(code)] }

// Requests returns how many requests the handler has received for the api-id
// ("au10001" and "au10002" for the token endpoints), faults included. Requests
// whose api-id is missing or not in the catalogue are counted together under ""
// (so a client cannot grow the counts without bound); Requests of such an id is 0.
func (h *Handler) Requests(apiID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.trs[apiID]; !ok && apiID != "" {
		return 0
	}
	return h.requests[apiID]
}

// ServeHTTP answers one request the way Kiwoom would.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == realtimePath {
		h.Realtime().serve(w, r)
		return
	}
	apiID := r.Header.Get("api-id")
	id := apiID
	switch r.URL.Path {
	case tokenPath:
		id = "au10001"
	case revokePath:
		id = "au10002"
	}
	counted := id
	if _, ok := h.trs[counted]; !ok {
		counted = ""
	}
	h.mu.Lock()
	h.requests[counted]++
	h.mu.Unlock()

	// Read the body up front: net/http notices a client that hangs up (and
	// cancels r.Context) only once the body has been read.
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	if h.fault(w, r, id) {
		return
	}
	rec := &recorder{w: w, apiID: apiID}
	switch {
	case r.URL.Path == tokenPath || r.URL.Path == revokePath:
		if r.Method != http.MethodPost {
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if apiID != "" && apiID != id {
			rec.fail(errWrongURI(apiID, r.URL.Path))
		} else if id == "au10001" {
			h.issue(rec, r)
		} else {
			h.revoke(rec, r)
		}
	case h.uris[r.URL.Path]:
		if r.Method != http.MethodPost {
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.serveTR(rec, r)
	default:
		http.NotFound(w, r)
		return
	}
	if h.cfg.logger != nil {
		h.cfg.logger.LogAttrs(r.Context(), slog.LevelInfo, "kiwoomtest",
			slog.String("path", r.URL.Path), slog.String("api_id", id),
			slog.Int("return_code", rec.code), slog.Int("detail", rec.detail),
			slog.String("cont_yn", rec.contYN))
	}
}

// recorder writes Kiwoom answers and remembers what it wrote, for the log.
type recorder struct {
	w      http.ResponseWriter
	apiID  string
	code   int
	detail int
	contYN string
}

// send writes a JSON body with HTTP 200 and Kiwoom's response headers, in the
// lower case Kiwoom uses.
func (rec *recorder) send(body ordered, contYN, nextKey string) {
	b, err := json.Marshal(body)
	if err != nil {
		http.Error(rec.w, err.Error(), http.StatusInternalServerError)
		return
	}
	hdr := rec.w.Header()
	hdr.Set("Content-Type", "application/json;charset=UTF-8")
	if contYN == "" {
		contYN = "N"
	}
	hdr["api-id"] = []string{rec.apiID}
	hdr["cont-yn"] = []string{contYN}
	hdr["next-key"] = []string{nextKey}
	hdr.Set("Content-Length", fmt.Sprint(len(b)))
	rec.contYN = contYN
	rec.w.WriteHeader(http.StatusOK)
	rec.w.Write(b)
}

// fail writes an error envelope.
func (rec *recorder) fail(e apiErr) {
	rec.code, rec.detail = e.returnCode, e.detail
	rec.send(ordered{{"return_code", e.returnCode}, {"return_msg", e.msg()}}, "N", "")
}

// readObject reads a request body as a JSON object; an empty body is {}.
func readObject(r *http.Request) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	obj := map[string]json.RawMessage{}
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.EOF) {
			return obj, nil
		}
		return nil, err
	}
	if obj == nil {
		return nil, fmt.Errorf("body is null")
	}
	return obj, nil
}

// stringField returns a body field as a string: ok is false when the field is
// present but not a JSON string; null counts as absent.
func stringField(obj map[string]json.RawMessage, name string) (s string, present, ok bool) {
	raw, found := obj[name]
	if !found || strings.TrimSpace(string(raw)) == "null" {
		return "", false, true
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", true, false
	}
	return s, true, true
}
