package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoom/catalog"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// maxPages bounds --all.
const maxPages = 1000

// builtinNotice is printed on stderr when kiwoom call uses the built-in server.
const builtinNotice = "no KIWOOM_APPKEY or KIWOOM_ENV set: using the built-in local server with fixture data"

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

func cmdCall(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("call", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "table", "")
	all := fs.Bool("all", false, "")
	nextKey := fs.String("next-key", "", "")
	yes := fs.Bool("yes", false, "")
	reveal := fs.Bool("reveal", false, "")
	help := fs.Bool("h", false, "")
	fs.BoolVar(help, "help", false, "")
	flags, pos := splitFlags(args, map[string]bool{"format": true, "next-key": true})
	if err := fs.Parse(flags); err != nil {
		return fail(stderr, usagef("kiwoom call: %v; run kiwoom -h for usage", err))
	}
	if *help {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if !slices.Contains([]string{"table", "json", "csv"}, *format) {
		return fail(stderr, usagef("kiwoom call: --format %q: want table, json or csv", *format))
	}
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

	client, closeFn, err := newClient(getenv, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer closeFn()
	if tr.Kind == kiwoom.KindOrder && !*yes && !isLoopback(client.BaseURL()) {
		return fail(stderr, usagef("kiwoom call: %s %s places a real order at %s; add --yes to send it", tr.ID, tr.Name, client.BaseURL()))
	}

	pages, err := fetch(ctx, client, tr, req, *nextKey, *all, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	if last := meta(pages[len(pages)-1]); !*all && last.HasNext() {
		fmt.Fprintf(stderr, "more rows follow: use --all, or --next-key %s for the next page\n", last.NextKey)
	}
	if err := printResponse(stdout, *format, tr, pages, *reveal); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// lookup finds a TR by api-id (case-insensitive).
func lookup(id string) (catalog.TR, error) {
	tr, ok := catalog.Lookup(strings.ToLower(id))
	if !ok {
		ids := make([]string, 0)
		for _, t := range catalog.TRs() {
			ids = append(ids, t.ID)
		}
		return tr, usagef("kiwoom: unknown TR %q; known TRs: %s (kiwoom list shows them)", id, strings.Join(ids, ", "))
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

// newClient returns a client from the environment, or one for a built-in local
// server when neither KIWOOM_APPKEY nor KIWOOM_ENV is set. With KIWOOM_ENV set
// but no KIWOOM_APPKEY it is a usage error: the user meant a real (or local)
// server, and fixture data would pass for its answer.
func newClient(getenv func(string) string, stderr io.Writer) (*kiwoom.Client, func(), error) {
	appKey := strings.TrimSpace(getenv(kiwoom.EnvAppKey))
	secretKey := strings.TrimSpace(getenv(kiwoom.EnvSecretKey))
	if appKey == "" {
		if env := strings.TrimSpace(getenv(kiwoom.EnvEnv)); env != "" {
			return nil, nil, usagef("kiwoom: %s=%s is set but %s is not; set %s and %s (or unset %s to use the built-in local server)",
				kiwoom.EnvEnv, env, kiwoom.EnvAppKey, kiwoom.EnvAppKey, kiwoom.EnvSecretKey, kiwoom.EnvEnv)
		}
		if secretKey != "" {
			return nil, nil, usagef("kiwoom: %s is set but %s is not; set both (or neither, to use the built-in local server)",
				kiwoom.EnvSecretKey, kiwoom.EnvAppKey)
		}
		fmt.Fprintln(stderr, builtinNotice)
		srv := kiwoomtest.NewServer()
		return srv.Client(), srv.Close, nil
	}
	if secretKey == "" {
		return nil, nil, usagef("kiwoom: %s is set but %s is not", kiwoom.EnvAppKey, kiwoom.EnvSecretKey)
	}
	base, err := kiwoom.ParseEnv(getenv(kiwoom.EnvEnv))
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	opts := []kiwoom.Option{kiwoom.WithBaseURL(base), kiwoom.WithUserAgent("kiwoomgo-cli")}
	if isLoopback(base) {
		// A local server (kiwoom serve) enforces its own --rate.
		opts = append(opts, kiwoom.WithoutRateLimit())
	}
	c, err := kiwoom.New(appKey, secretKey, opts...)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	return c, func() {}, nil
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
