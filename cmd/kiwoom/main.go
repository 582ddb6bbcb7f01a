// Command kiwoom calls any Kiwoom REST TR from the command line, describes the
// generated TRs, and runs a local Kiwoom server.
//
// Install it with
//
//	go install github.com/kiwoomgo/kiwoom/cmd/kiwoom@latest
//
// Usage:
//
//	kiwoom call <TR-ID> [field=value …] [--all] [--format table|json|csv] [--next-key KEY] [--yes] [--reveal]
//	kiwoom list
//	kiwoom describe <TR-ID>
//	kiwoom serve [--addr 127.0.0.1:8080] [--fixtures DIR] [--rate N] [--page-size N]
//
// Credentials come from KIWOOM_APPKEY and KIWOOM_SECRETKEY, the environment from
// KIWOOM_ENV (production, paper, or a base URL such as the one kiwoom serve
// prints). Without KIWOOM_APPKEY and KIWOOM_ENV, kiwoom call answers from a
// built-in local server with fixture data and says so on stderr; KIWOOM_ENV
// without KIWOOM_APPKEY is a usage error. Secret output fields (tokens) print as
// [REDACTED] unless --reveal is given; a secret request field may be given as
// field=@env:VAR to keep it off the command line, and kiwoom serve reads its
// credentials from KIWOOM_SERVE_APPKEY and KIWOOM_SERVE_SECRETKEY.
//
// Exit codes: 0 success; 1 other failure; 2 usage error (unknown command, TR or
// field, bad flag, bad environment); 3 validation error (a request value the TR
// does not allow; nothing was sent); 4 API error (Kiwoom answered with a non-zero
// return_code or an HTTP error status); 5 network or protocol error (the server
// could not be reached, the connection broke, or the answer could not be read).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes.
const (
	exitOK         = 0
	exitFailure    = 1
	exitUsage      = 2
	exitValidation = 3
	exitAPI        = 4
	exitNetwork    = 5
)

const usage = `kiwoom calls Kiwoom Securities REST API TRs (키움 REST API) and runs a local Kiwoom server.

Usage:
  kiwoom call <TR-ID> [field=value ...] [flags]   call a TR and print its typed response
  kiwoom list                                      list the TRs
  kiwoom describe <TR-ID>                          show a TR's fields, types, units and allowed values
  kiwoom serve [flags]                             run a local Kiwoom server until interrupted

call flags:
  --format table|json|csv   output format (default table). table aligns columns under the
                            Korean titles; json prints the typed response; csv prints rows
  --all                     follow continuation (cont-yn/next-key) and print every page's rows
  --next-key KEY            start from the page after the one that returned KEY
  --yes                     send an order TR (kt…) to a real Kiwoom host; without it
                            order TRs go only to a local server
  --reveal                  print secrets (tokens) in clear; without it every format prints
                            secret fields (e.g. au10001's token) as [REDACTED]

serve flags:
  --addr HOST:PORT          listen address (default 127.0.0.1:8080)
  --fixtures DIR            serve DIR/<tr-id>/response.json instead of the built-in fixtures
  --rate N                  allow N TR calls per second per app key (default: no limit)
  --page-size N             rows per page of a continued TR (default 100)
  --appkey KEY, --secretkey KEY
                            credentials the server accepts (default $KIWOOM_SERVE_APPKEY /
                            $KIWOOM_SERVE_SECRETKEY, else kiwoomtest-appkey / kiwoomtest-secretkey,
                            which are test keys, not secrets); prefer the environment to keep
                            real-looking keys out of the process list

Secrets in field values:
  A sensitive field (appkey, secretkey, token) may be given as NAME=@env:VAR to read
  its value from the environment variable VAR instead of the command line, e.g.
    kiwoom call au10001 grant_type=client_credentials appkey=@env:KIWOOM_APPKEY secretkey=@env:KIWOOM_SECRETKEY

Environment:
  KIWOOM_APPKEY, KIWOOM_SECRETKEY   credentials; when neither KIWOOM_APPKEY nor KIWOOM_ENV is set,
                                    "kiwoom call" uses the built-in local server with fixture data
  KIWOOM_ENV                        production | paper | a base URL (e.g. http://127.0.0.1:8080);
                                    setting it without KIWOOM_APPKEY is a usage error (exit 2)
  KIWOOM_SERVE_APPKEY, KIWOOM_SERVE_SECRETKEY
                                    credentials "kiwoom serve" accepts (instead of --appkey/--secretkey)

Examples:
  kiwoom call ka10001 stk_cd=005930
  kiwoom call ka10081 stk_cd=005930 base_dt=20250908 upd_stkpc_tp=1 --all --format csv
  kiwoom serve --addr 127.0.0.1:8080 &
  KIWOOM_ENV=http://127.0.0.1:8080 KIWOOM_APPKEY=kiwoomtest-appkey KIWOOM_SECRETKEY=kiwoomtest-secretkey \
    kiwoom call ka10001 stk_cd=005930

Exit codes:
  0  success
  1  other failure (e.g. the server could not listen)
  2  usage error: unknown command, TR or field, bad flag, bad environment
  3  validation error: a value the TR does not allow; nothing was sent
  4  API error: a non-zero return_code (e.g. 3 authentication, 5 rate limit) or an HTTP error status
  5  network or protocol error: server unreachable, connection broken, unreadable answer
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args with the environment env ("KEY=value" entries)
// and returns the exit code.
func run(args, env []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, env, stdout, stderr)
}

// runContext is run with a context that ends kiwoom serve and cancels calls.
func runContext(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	e := environ(env)
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "call":
		return cmdCall(ctx, args[1:], e, stdout, stderr)
	case "list":
		return cmdList(args[1:], stdout, stderr)
	case "describe":
		return cmdDescribe(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], e, stdout, stderr)
	}
	fmt.Fprintf(stderr, "kiwoom: unknown command %q; run kiwoom -h for usage\n", args[0])
	return exitUsage
}

// environ turns "KEY=value" entries into a lookup function.
func environ(env []string) func(string) string {
	m := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return func(k string) string { return m[k] }
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// fail prints err and returns its exit code.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, err)
	return exitCode(err)
}

// exitCode classifies an error.
func exitCode(err error) int {
	var (
		ue *usageError
		ve *validationError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ve):
		return exitValidation
	}
	return clientExitCode(err)
}

// splitFlags separates flags (with their values) from positional arguments, so
// flags may come anywhere on the line. valued lists the flags that take a value.
func splitFlags(args []string, valued map[string]bool) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && valued[name] && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return flags, pos
}
