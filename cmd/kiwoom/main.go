// Command kiwoom calls any Kiwoom REST TR from the command line, describes the
// generated TRs, and runs a local Kiwoom server.
//
// Install it with
//
//	go install github.com/kiwoomgo/kiwoom/cmd/kiwoom@latest
//
// Usage:
//
//	kiwoom call <TR-ID> [field=value …] [--all] [-o|--format table|json|csv] [--raw] [--rate N] [--next-key KEY] [--yes] [--reveal]
//	kiwoom call --api-id ID --path /api/dostk/… [--kind query|order] [field=value …]
//	kiwoom list [-o table|json|csv]
//	kiwoom describe <TR-ID> [<TR-ID> …]
//	kiwoom serve [--addr 127.0.0.1:8080] [--fixtures DIR] [--rate N] [--page-size N]
//	kiwoom token revoke | path
//	kiwoom completion bash|zsh|fish
//	kiwoom version
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
// The access token is cached in the user's cache directory (KIWOOM_CACHE_DIR,
// else $XDG_CACHE_HOME/kiwoom or ~/.cache/kiwoom), one file per environment
// and app key, so a script of many calls issues one token; kiwoom token revoke
// revokes and deletes it. The JSON output is described in docs/cli-json.md.
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

// command is one subcommand of kiwoom. To add one, write its run function (and
// help text) in a file of its own and add an entry to commands.
type command struct {
	name     string   // e.g. "call"
	synopsis []string // usage lines without the leading "kiwoom ", e.g. "call <TR-ID> [field=value ...] [flags]"
	summary  string   // one line for the command list of kiwoom -h
	flags    string   // the flags section (shown by kiwoom -h and kiwoom <name> -h); "" for none
	details  string   // more help shown only by kiwoom <name> -h; "" for none
	hidden   bool     // not listed by kiwoom -h nor completed (e.g. __complete)
	// run runs the command with the arguments after its name. ctx ends on
	// SIGINT/SIGTERM; getenv reads the environment the command was given.
	run func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int
	// complete returns the candidates for the last of words (the words after
	// the command name; the last one is the word being completed, maybe "").
	// nil completes nothing but the command's flags.
	complete func(words []string) []candidate
	// valued lists the flags that take a value, for completion (e.g. "format").
	valued []string
}

// commands returns the subcommands in the order kiwoom -h lists them.
func commands() []command {
	return []command{
		callCommand(),
		listCommand(),
		describeCommand(),
		serveCommand(),
		watchCommand(),
		conditionCommand(),
		tokenCommand(),
		completionCommand(),
		versionCommand(),
		completeCommand(),
	}
}

// findCommand returns the subcommand called name.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

const intro = `kiwoom calls Kiwoom Securities REST API TRs (키움 REST API) and runs a local Kiwoom server.
`

// commonHelp ends every help text: secrets, environment and exit codes.
const commonHelp = `Secrets in field values:
  A sensitive field (appkey, secretkey, token) may be given as NAME=@env:VAR to read
  its value from the environment variable VAR instead of the command line, e.g.
    kiwoom call au10001 grant_type=client_credentials appkey=@env:KIWOOM_APPKEY secretkey=@env:KIWOOM_SECRETKEY

Environment:
  KIWOOM_APPKEY, KIWOOM_SECRETKEY   credentials; when neither KIWOOM_APPKEY nor KIWOOM_ENV is set,
                                    "kiwoom call" uses the built-in local server with fixture data
  KIWOOM_ENV                        production | paper | a base URL (e.g. http://127.0.0.1:8080);
                                    setting it without KIWOOM_APPKEY is a usage error (exit 2)
  KIWOOM_CACHE_DIR                  where the access token is cached (default: the user cache
                                    directory + /kiwoom, i.e. $XDG_CACHE_HOME/kiwoom or ~/.cache/kiwoom;
                                    ~/Library/Caches/kiwoom on macOS); one file per environment and
                                    app key, named by a fingerprint of the key, never the key itself.
                                    The built-in local server caches nothing.
  KIWOOM_SERVE_APPKEY, KIWOOM_SERVE_SECRETKEY
                                    credentials "kiwoom serve" accepts (instead of --appkey/--secretkey)

Exit codes:
  0  success
  1  other failure (e.g. the server could not listen)
  2  usage error: unknown command, TR or field, bad flag, bad environment
  3  validation error: a value the TR does not allow; nothing was sent
  4  API error: a non-zero return_code (e.g. 3 authentication, 5 rate limit) or an HTTP error status
  5  network or protocol error: server unreachable, connection broken, unreadable answer
`

const examples = `Examples:
  kiwoom call ka10001 stk_cd=005930
  kiwoom call ka10001 stk_cd=005930 -o json | jq '.cur_prc.amount, .flu_rt'
  kiwoom call ka10081 stk_cd=005930 base_dt=20250908 upd_stkpc_tp=1 --all -o csv
  kiwoom call --api-id ka10001 --path /api/dostk/stkinfo stk_cd=005930
  kiwoom serve --addr 127.0.0.1:8080 &
  KIWOOM_ENV=http://127.0.0.1:8080 KIWOOM_APPKEY=kiwoomtest-appkey KIWOOM_SECRETKEY=kiwoomtest-secretkey \
    kiwoom call ka10001 stk_cd=005930
  source <(kiwoom completion bash)
`

// usage is the text of kiwoom -h: every command, its flags, and the common help.
func usage() string {
	var b strings.Builder
	b.WriteString(intro)
	b.WriteString("\nUsage:\n")
	for _, c := range commands() {
		if c.hidden {
			continue
		}
		for i, s := range c.synopsis {
			line := "  kiwoom " + s
			if i == 0 {
				line = fmt.Sprintf("%-50s %s", line, c.summary)
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	b.WriteString("  kiwoom <command> -h                              help on one command\n")
	b.WriteString("  kiwoom --version                                 the same as kiwoom version\n")
	for _, c := range commands() {
		if c.hidden || c.flags == "" {
			continue
		}
		fmt.Fprintf(&b, "\n%s flags:\n%s", c.name, c.flags)
	}
	b.WriteString("\n" + jsonSummary + "\n" + commonHelp + "\n" + examples)
	return b.String()
}

// commandUsage is the text of kiwoom <name> -h.
func commandUsage(c command) string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	for _, s := range c.synopsis {
		b.WriteString("  kiwoom " + s + "\n")
	}
	b.WriteString("\n" + c.summary + "\n")
	if c.flags != "" {
		b.WriteString("\nFlags:\n" + c.flags)
	}
	if c.details != "" {
		b.WriteString("\n" + c.details)
	}
	b.WriteString("\n" + commonHelp)
	return b.String()
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help":
		return true
	}
	return false
}

// wantsHelp reports whether args ask for help (anywhere before a "--").
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelp(a) {
			return true
		}
	}
	return false
}

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
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	e := environ(env)
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return exitOK
	case "help":
		if len(args) > 1 {
			if c, ok := findCommand(args[1]); ok && !c.hidden {
				fmt.Fprint(stdout, commandUsage(c))
				return exitOK
			}
			fmt.Fprintf(stderr, "kiwoom help: unknown command %q; run kiwoom -h for usage\n", args[1])
			return exitUsage
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	case "--version", "-version":
		return cmdVersion(ctx, args[1:], e, stdout, stderr)
	}
	c, ok := findCommand(args[0])
	if !ok {
		fmt.Fprintf(stderr, "kiwoom: unknown command %q; run kiwoom -h for usage\n", args[0])
		return exitUsage
	}
	if !c.hidden && wantsHelp(args[1:]) {
		fmt.Fprint(stdout, commandUsage(c))
		return exitOK
	}
	return c.run(ctx, args[1:], e, stdout, stderr)
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

// valuedSet turns a list of flag names into splitFlags' set.
func valuedSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
