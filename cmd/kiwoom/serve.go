package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// Environment variables with the credentials kiwoom serve accepts, so that they
// need not be on the command line (--appkey and --secretkey override them).
const (
	envServeAppKey    = "KIWOOM_SERVE_APPKEY"
	envServeSecretKey = "KIWOOM_SERVE_SECRETKEY"
)

func serveCommand() command {
	return command{
		name:     "serve",
		synopsis: []string{"serve [flags]"},
		summary:  "run a local Kiwoom server until interrupted",
		flags: `  --addr HOST:PORT          listen address (default 127.0.0.1:8080)
  --fixtures DIR            serve DIR/<tr-id>/response.json instead of the built-in fixtures
  --rate N                  allow N TR calls per second per app key (default: no limit)
  --page-size N             rows per page of a continued TR (default 100)
  --appkey KEY, --secretkey KEY
                            credentials the server accepts (default $KIWOOM_SERVE_APPKEY /
                            $KIWOOM_SERVE_SECRETKEY, else kiwoomtest-appkey / kiwoomtest-secretkey,
                            which are test keys, not secrets); prefer the environment to keep
                            real-looking keys out of the process list
`,
		run:    cmdServe,
		valued: []string{"addr", "fixtures", "rate", "page-size", "appkey", "secretkey"},
	}
}

// cmdServe runs the local server until ctx ends.
func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "")
	fixtures := fs.String("fixtures", "", "")
	rate := fs.Int("rate", 0, "")
	pageSize := fs.Int("page-size", kiwoomtest.DefaultPageSize, "")
	appKey := fs.String("appkey", cmp.Or(getenv(envServeAppKey), kiwoomtest.DefaultAppKey), "")
	secretKey := fs.String("secretkey", cmp.Or(getenv(envServeSecretKey), kiwoomtest.DefaultSecretKey), "")
	if err := fs.Parse(args); err != nil {
		return fail(stderr, usagef("kiwoom serve: %v; run kiwoom serve -h for usage", err))
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("kiwoom serve: unexpected argument %q", fs.Arg(0)))
	}
	if *rate < 0 {
		return fail(stderr, usagef("kiwoom serve: --rate %d must not be negative", *rate))
	}
	opts := []kiwoomtest.Option{
		kiwoomtest.WithCredentials(*appKey, *secretKey),
		kiwoomtest.WithPageSize(*pageSize),
		kiwoomtest.WithLogger(slog.New(slog.NewTextHandler(stderr, nil))),
	}
	if *fixtures != "" {
		st, err := os.Stat(*fixtures)
		if err != nil || !st.IsDir() {
			return fail(stderr, usagef("kiwoom serve: --fixtures %s is not a directory", *fixtures))
		}
		opts = append(opts, kiwoomtest.WithFixtures(os.DirFS(*fixtures)))
	}
	if *rate > 0 {
		opts = append(opts, kiwoomtest.WithRateLimit(*rate, time.Second))
	}
	h, err := kiwoomtest.NewHandler(opts...)
	if err != nil {
		return fail(stderr, usagef("kiwoom serve: %v", err))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "kiwoom serve: %v\n", err)
		return exitFailure
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "kiwoom local server listening on %s\n", url)
	fmt.Fprintf(stdout, "  app key:    %s\n  secret key: %s\n", h.AppKey(), h.SecretKey())
	fmt.Fprintf(stdout, "  use it with: KIWOOM_ENV=%s KIWOOM_APPKEY=%s KIWOOM_SECRETKEY=%s kiwoom call ka10001 stk_cd=005930\n",
		url, h.AppKey(), h.SecretKey())
	fmt.Fprintln(stdout, "Press Ctrl+C to stop.")

	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "kiwoom serve: %v\n", err)
		return exitFailure
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "kiwoom serve: %v\n", err)
		return exitFailure
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
