package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
)

// maxPages bounds --all.
const maxPages = 1000

// builtinNotice is printed on stderr when kiwoom call uses the built-in server.
const builtinNotice = "no KIWOOM_APPKEY or KIWOOM_ENV set: using the built-in local server with fixture data"

// formatNames lists the output formats of kiwoom call and kiwoom list.
func formatNames() []string { return []string{"table", "json", "csv"} }

func callCommand() command {
	return command{
		name: "call",
		synopsis: []string{
			"call <TR-ID> [field=value ...] [flags]",
			"call --api-id ID --path PATH [--kind query|order] [field=value ... | --body JSON] [flags]",
		},
		summary: "call a TR and print its typed response (or any TR by api-id and path, raw)",
		flags: `  -o, --format table|json|csv   output format (default table). table aligns columns under the
                                Korean titles; json prints typed values (changed: it printed the wire
                                strings before; see "Output" below); csv prints the same values as
                                a header row and one line per record
  --raw                         print the response body exactly as it arrived, credentials redacted
                                unless --reveal; with --all every page's body, one after the other
  --all                         follow continuation (cont-yn/next-key) and print every page's rows
  --next-key KEY                start from the page after the one that returned KEY
  --rate N                      send at most N requests per second, queries and orders alike (e.g.
                                --rate 2 or --rate 0.5); default: Kiwoom's allowance (5/s, paper
                                queries 1/s), and no limit for a local server (it limits itself)
  --yes                         send an order TR (kt…, or --kind order) to a real Kiwoom host;
                                without it order TRs go only to a local server
  --reveal                      print secrets (tokens) in clear; without it every format prints
                                secret fields (e.g. au10001's token) as [REDACTED]
  --no-token-cache              neither read nor write the cached access token (see KIWOOM_CACHE_DIR)
  --api-id ID --path PATH       call a TR that kiwoom list does not know yet: field=value pairs (all
                                sent as JSON strings) or --body JSON make the body, the answer is
                                printed raw; tokens, rate limit, retries and order safety are those
                                of every call
  --kind query|order            what the --api-id TR does (default: order for kt…, else query); an
                                order is never resent and needs --yes for a real host
  --body JSON                   the request body of an --api-id call as one JSON object
`,
		details: jsonHelp,
		run:     cmdCall,
		complete: func(words []string) []candidate {
			return completeCall(words)
		},
		valued: callValued(),
	}
}

// callValued lists the flags of kiwoom call that take a value.
func callValued() []string {
	return []string{"format", "o", "next-key", "rate", "api-id", "path", "kind", "body"}
}

// validationError is a request the TR does not allow, with the fields' help.
type validationError struct {
	err  error
	help string
}

func (e *validationError) Error() string {
	if e.help == "" {
		return e.err.Error()
	}
	return e.err.Error() + "\n" + e.help
}

func (e *validationError) Unwrap() error { return e.err }

// clientExitCode classifies the errors of the kiwoom client.
func clientExitCode(err error) int {
	var (
		ve *kiwoom.ValidationError
		ae *kiwoom.APIError
		oe *kiwoom.OpError
		de *kiwoom.DecodeError
		ne net.Error
	)
	switch {
	case errors.As(err, &ve):
		return exitValidation
	case errors.As(err, &ae):
		return exitAPI
	case errors.As(err, &oe), errors.As(err, &de), errors.As(err, &ne),
		errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return exitNetwork
	}
	return exitFailure
}

// shellError is a client error reworded for the command line; it keeps the
// original in its chain, so the exit code does not change.
type shellError struct {
	msg string
	err error
}

func (e *shellError) Error() string { return e.msg }
func (e *shellError) Unwrap() error { return e.err }

// rateHint is what the command line says about a rate limit.
const rateHint = "lower the rate with --rate N (requests per second, e.g. --rate 2)"

// forShell rewords the advice of a client error for a user of the command
// line: the rate-limit hint names --rate instead of the Go option, and an
// order of unknown outcome names the kiwoom calls that check it.
func forShell(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, kiwoom.ErrRateLimited):
		if strings.Contains(msg, "WithRateLimit") {
			msg = strings.Replace(msg, "lower the rate with WithRateLimit", rateHint, 1)
			msg = strings.ReplaceAll(msg, "WithRateLimit", "--rate")
		} else {
			msg += " (" + rateHint + ")"
		}
	case errors.Is(err, kiwoom.ErrOutcomeUnknown):
		msg += "\nfrom the shell: kiwoom call ka10075 (미체결) and kiwoom call ka10076 (체결) show the order's status; see kiwoom describe ka10075 ka10076"
	default:
		return err
	}
	return &shellError{msg: msg, err: err}
}

// callFlags are the flags of kiwoom call.
type callFlags struct {
	format       string
	all          bool
	nextKey      string
	yes, reveal  bool
	raw          bool
	rate         float64
	noTokenCache bool
	apiID, path  string
	kind, body   string
	positional   []string // the TR-ID and field=value pairs
	// set holds the names of the flags given on the command line ("o" counts as "format").
	set map[string]bool
}

// parseCallFlags parses kiwoom call's command line.
func parseCallFlags(args []string) (*callFlags, error) {
	cf := &callFlags{}
	fs := flag.NewFlagSet("call", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cf.format, "format", "table", "")
	fs.StringVar(&cf.format, "o", "table", "")
	fs.BoolVar(&cf.all, "all", false, "")
	fs.StringVar(&cf.nextKey, "next-key", "", "")
	fs.BoolVar(&cf.yes, "yes", false, "")
	fs.BoolVar(&cf.reveal, "reveal", false, "")
	fs.BoolVar(&cf.raw, "raw", false, "")
	fs.Float64Var(&cf.rate, "rate", 0, "")
	fs.BoolVar(&cf.noTokenCache, "no-token-cache", false, "")
	fs.StringVar(&cf.apiID, "api-id", "", "")
	fs.StringVar(&cf.path, "path", "", "")
	fs.StringVar(&cf.kind, "kind", "", "")
	fs.StringVar(&cf.body, "body", "", "")
	flags, pos := splitFlags(args, valuedSet(callValued()))
	if err := fs.Parse(flags); err != nil {
		return nil, usagef("kiwoom call: %v; run kiwoom call -h for usage", err)
	}
	cf.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		name := f.Name
		if name == "o" {
			name = "format"
		}
		cf.set[name] = true
	})
	cf.positional = pos
	if !slices.Contains(formatNames(), cf.format) {
		return nil, usagef("kiwoom call: --format %q: want table, json or csv", cf.format)
	}
	if cf.raw && cf.set["format"] {
		return nil, usagef("kiwoom call: --raw prints the body as it arrived; leave out --format")
	}
	if cf.set["rate"] && (!(cf.rate > 0) || math.IsInf(cf.rate, 0)) {
		return nil, usagef("kiwoom call: --rate %v: want a positive number of requests per second", cf.rate)
	}
	return cf, nil
}

func cmdCall(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cf, err := parseCallFlags(args)
	if err != nil {
		return fail(stderr, err)
	}
	if cf.set["api-id"] || cf.set["path"] || cf.set["kind"] || cf.set["body"] {
		return rawCall(ctx, cf, getenv, stdout, stderr)
	}
	pos := cf.positional
	if len(pos) == 0 {
		return fail(stderr, usagef("kiwoom call: which TR? usage: kiwoom call <TR-ID> [field=value ...]; kiwoom list shows the TRs"))
	}
	tr, err := lookup(pos[0])
	if err != nil {
		return fail(stderr, err)
	}
	req, err := buildRequest(tr, pos[1:], getenv)
	if err != nil {
		return fail(stderr, err)
	}
	if err := req.Validate(); err != nil {
		return fail(stderr, explain(tr, err))
	}

	client, closeFn, err := newClient(getenv, stderr, cf.clientConfig())
	if err != nil {
		return fail(stderr, err)
	}
	defer closeFn()
	if tr.Kind == kiwoom.KindOrder && !cf.yes && !isLoopback(client.BaseURL()) {
		return fail(stderr, usagef("kiwoom call: %s %s places a real order at %s; add --yes to send it", tr.ID, tr.Name, client.BaseURL()))
	}

	pages, err := fetch(ctx, client, tr, req, cf.nextKey, cf.all, stderr)
	if err != nil {
		return fail(stderr, forShell(err))
	}
	if last := meta(pages[len(pages)-1]); !cf.all && last.HasNext() {
		fmt.Fprintf(stderr, "more rows follow: use --all, or --next-key %s for the next page\n", last.NextKey)
	}
	if cf.raw {
		for _, p := range pages {
			if err := printRaw(stdout, meta(p).Raw, cf.reveal); err != nil {
				return fail(stderr, err)
			}
		}
		if cf.reveal && tr.Kind == kiwoom.KindAuth {
			fmt.Fprintln(stderr, "note: the library redacts the credentials of token TRs in the raw body; use --format json --reveal to see the token")
		}
		return exitOK
	}
	if err := printResponse(stdout, cf.format, tr, pages, cf.reveal); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// clientConfig is what the flags say about the client.
func (cf *callFlags) clientConfig() clientConfig {
	return clientConfig{rate: cf.rate, noTokenCache: cf.noTokenCache}
}

// rawCall sends a TR given by --api-id and --path, with field=value pairs or
// --body as its body, and prints the raw answer.
func rawCall(ctx context.Context, cf *callFlags, getenv func(string) string, stdout, stderr io.Writer) int {
	op, body, err := rawOperation(cf, getenv)
	if err != nil {
		return fail(stderr, err)
	}
	client, closeFn, err := newClient(getenv, stderr, cf.clientConfig())
	if err != nil {
		return fail(stderr, err)
	}
	defer closeFn()
	if op.Kind == kiwoom.KindOrder && !cf.yes && !isLoopback(client.BaseURL()) {
		return fail(stderr, usagef("kiwoom call: --api-id %s is an order (%s): it may place a real order at %s; add --yes to send it", op.ID, orderReason(cf), client.BaseURL()))
	}
	var opts []kiwoom.CallOption
	if cf.nextKey != "" {
		opts = append(opts, kiwoom.WithNextKey(cf.nextKey))
	}
	var resp kiwoom.RawResponse
	if err := client.Do(ctx, op, body, &resp, opts...); err != nil {
		return fail(stderr, forShell(err))
	}
	if resp.Meta.HasNext() {
		fmt.Fprintf(stderr, "more rows follow: --next-key %s for the next page\n", resp.Meta.NextKey)
	}
	if err := printRaw(stdout, resp.Meta.Raw, cf.reveal); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// orderReason says why an --api-id call counts as an order.
func orderReason(cf *callFlags) string {
	if cf.kind == string(kiwoom.KindOrder) {
		return "--kind order"
	}
	return "an id starting with kt"
}

// rawOperation checks the flags of an --api-id call and builds its Operation
// and body.
func rawOperation(cf *callFlags, getenv func(string) string) (kiwoom.Operation, json.RawMessage, error) {
	id := strings.TrimSpace(cf.apiID)
	switch {
	case id == "":
		return kiwoom.Operation{}, nil, usagef("kiwoom call: --path, --kind and --body go with --api-id ID (the TR's api-id, e.g. ka10001)")
	case cf.path == "":
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: --path is missing (the TR's URL path, e.g. /api/dostk/stkinfo)", id)
	case !strings.HasPrefix(cf.path, "/") || strings.ContainsAny(cf.path, "?# ") || strings.Contains(cf.path, "://"):
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: --path %q: want a URL path such as /api/dostk/stkinfo", id, cf.path)
	case cf.all:
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: --all needs a TR kiwoom list knows; follow pages with --next-key", id)
	case cf.set["format"] && cf.format != "json":
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: the answer is printed raw; --format %s needs a TR kiwoom list knows", id, cf.format)
	case strings.HasPrefix(strings.ToLower(id), "au"):
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: token TRs are called as kiwoom call au10001 / au10002", id)
	}
	kind := kiwoom.KindQuery
	looksOrder := strings.HasPrefix(strings.ToLower(id), "kt")
	switch cf.kind {
	case "":
		if looksOrder {
			kind = kiwoom.KindOrder
		}
	case string(kiwoom.KindQuery):
		if looksOrder {
			return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: an id starting with kt is an order TR; it cannot be sent as --kind query", id)
		}
	case string(kiwoom.KindOrder):
		kind = kiwoom.KindOrder
	default:
		return kiwoom.Operation{}, nil, usagef("kiwoom call --api-id %s: --kind %q: want query or order", id, cf.kind)
	}
	op := kiwoom.Operation{ID: id, Path: cf.path, Kind: kind}

	pairs := cf.positional
	if cf.set["body"] {
		if len(pairs) > 0 {
			return op, nil, usagef("kiwoom call --api-id %s: give the body as --body JSON or as field=value pairs, not both", id)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(cf.body), &obj); err != nil || obj == nil {
			return op, nil, usagef("kiwoom call --api-id %s: --body is not a JSON object: %s", id, cf.body)
		}
		return op, json.RawMessage(cf.body), nil
	}
	body := map[string]string{}
	for _, p := range pairs {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return op, nil, usagef("kiwoom call --api-id %s: %q is not field=value", id, p)
		}
		if _, dup := body[name]; dup {
			return op, nil, usagef("kiwoom call --api-id %s: field %s given twice", id, name)
		}
		if env, ok := strings.CutPrefix(value, envValuePrefix); ok {
			if env == "" {
				return op, nil, usagef("kiwoom call --api-id %s: %s=%s names no environment variable", id, name, value)
			}
			if value = getenv(env); value == "" {
				return op, nil, usagef("kiwoom call --api-id %s: %s=%s%s: %s is not set", id, name, envValuePrefix, env, env)
			}
		}
		body[name] = value
	}
	b, err := json.Marshal(body)
	if err != nil {
		return op, nil, err
	}
	return op, b, nil
}

// lookup finds a TR by api-id (case-insensitive).
func lookup(id string) (catalog.TR, error) {
	tr, ok := catalog.Lookup(strings.ToLower(id))
	if !ok {
		ids := make([]string, 0)
		for _, t := range catalog.TRs() {
			ids = append(ids, t.ID)
		}
		return tr, usagef("kiwoom: unknown TR %q; known TRs: %s (kiwoom list shows them; kiwoom call --api-id ID --path PATH calls any other)", id, strings.Join(ids, ", "))
	}
	return tr, nil
}

// envValuePrefix makes the value of a sensitive field come from the environment:
// secretkey=@env:MY_SECRET reads $MY_SECRET, so the secret is not in argv.
const envValuePrefix = "@env:"

// buildRequest decodes field=value pairs into the TR's typed request through
// its wire JSON, one field at a time so that a bad value names its field. The
// value of a sensitive field may be @env:NAME, read from the environment.
func buildRequest(tr catalog.TR, pairs []string, getenv func(string) string) (catalog.Request, error) {
	req := tr.NewRequest()
	seen := map[string]bool{}
	for _, p := range pairs {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return nil, usagef("kiwoom call %s: %q is not field=value\n%s", tr.ID, p, fieldList(tr))
		}
		f := tr.Field(true, name)
		if f == nil {
			return nil, usagef("kiwoom call %s: unknown field %q\n%s", tr.ID, name, fieldList(tr))
		}
		if seen[name] {
			return nil, usagef("kiwoom call %s: field %s given twice", tr.ID, name)
		}
		seen[name] = true
		if env, ok := strings.CutPrefix(value, envValuePrefix); ok && f.Sensitive {
			if env == "" {
				return nil, usagef("kiwoom call %s: %s=%s names no environment variable", tr.ID, name, value)
			}
			value = getenv(env)
			if value == "" {
				return nil, usagef("kiwoom call %s: %s=%s%s: %s is not set", tr.ID, name, envValuePrefix, env, env)
			}
		}
		b, err := json.Marshal(map[string]string{name: value})
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, req); err != nil {
			return nil, &validationError{
				err:  fmt.Errorf("kiwoom: %s request is invalid: %s: %v", tr.ID, name, unwrapJSON(err)),
				help: fieldHelp(*f),
			}
		}
	}
	return req, nil
}

// unwrapJSON drops encoding/json's context from an error a value type returned.
func unwrapJSON(err error) error {
	var ve *kiwoom.ValueError
	if errors.As(err, &ve) {
		return ve
	}
	return err
}

// explain adds each problem field's allowed values to a *kiwoom.ValidationError.
func explain(tr catalog.TR, err error) error {
	var ve *kiwoom.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var help []string
	for _, p := range ve.Problems {
		if f := tr.Field(true, p.Field); f != nil {
			help = append(help, fieldHelp(*f))
		}
	}
	return &validationError{err: err, help: strings.Join(help, "\n")}
}

// fieldHelp describes one request field: title, type, required, allowed values.
func fieldHelp(f catalog.Field) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s (%s): %s", f.Name, f.Title, typeName(f))
	if f.Required {
		b.WriteString(", required")
	}
	switch {
	case f.Length == 1:
		b.WriteString(", 1 byte")
	case f.Length > 1:
		fmt.Fprintf(&b, ", at most %d bytes", f.Length)
	}
	if f.Enum != nil {
		b.WriteString("; allowed: " + f.Enum.Allowed())
	}
	return b.String()
}

// fieldList lists a TR's request fields.
func fieldList(tr catalog.TR) string {
	lines := []string{tr.ID + " request fields:"}
	for _, f := range tr.Request {
		lines = append(lines, fieldHelp(f))
	}
	return strings.Join(lines, "\n")
}

// typeName names a field's value type for people.
func typeName(f catalog.Field) string {
	switch f.Type {
	case catalog.TypeDate:
		return "date YYYYMMDD"
	case catalog.TypeTime:
		return "time HHMMSS"
	case catalog.TypeDateTime:
		return "datetime YYYYMMDDHHMMSS"
	case catalog.TypeImpliedDecimal:
		return fmt.Sprintf("implied decimal (%d places)", f.Decimals)
	}
	return string(f.Type)
}

// isLoopback reports whether a base URL names this machine.
func isLoopback(base string) bool {
	u, err := url.Parse(base)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// fetch calls the TR once, or with all every page (at most maxPages).
func fetch(ctx context.Context, c *kiwoom.Client, tr catalog.TR, req catalog.Request, nextKey string, all bool, stderr io.Writer) ([]kiwoom.Response, error) {
	var opts []kiwoom.CallOption
	if nextKey != "" {
		opts = append(opts, kiwoom.WithNextKey(nextKey))
	}
	if !all || !tr.Paging {
		resp := tr.NewResponse()
		if err := c.Do(ctx, tr.Operation(), req, resp, opts...); err != nil {
			return nil, err
		}
		return []kiwoom.Response{resp}, nil
	}
	progress := isTerminal(stderr)
	var pages []kiwoom.Response
	rows := 0
	for resp, err := range kiwoom.Pages(ctx, c, tr.Operation(), req, tr.NewResponse, append(opts, kiwoom.WithMaxPages(maxPages))...) {
		if err != nil {
			if progress {
				fmt.Fprintln(stderr)
			}
			return nil, err
		}
		pages = append(pages, resp)
		if progress {
			rows += rowsOf(tr, resp).Len()
			fmt.Fprintf(stderr, "\r%s: page %d, %d rows", tr.ID, len(pages), rows)
		}
	}
	if progress {
		fmt.Fprintln(stderr)
	}
	if len(pages) == maxPages && meta(pages[len(pages)-1]).HasNext() {
		fmt.Fprintf(stderr, "stopped after %d pages\n", maxPages)
	}
	return pages, nil
}

// meta returns a response's Meta.
func meta(resp kiwoom.Response) kiwoom.Meta { return kiwoom.EnvelopeOf(resp).Meta }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
