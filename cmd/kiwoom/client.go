package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// envCacheDir names the directory of the token cache.
const envCacheDir = "KIWOOM_CACHE_DIR"

// clientConfig is what a command asks of its client besides the environment.
type clientConfig struct {
	rate         float64 // requests per second for queries and orders; 0: the default
	noTokenCache bool    // neither read nor write the cached token
}

// newClient returns a client from the environment, or one for a built-in local
// server when neither KIWOOM_APPKEY nor KIWOOM_ENV is set. With KIWOOM_ENV set
// but no KIWOOM_APPKEY it is a usage error: the user meant a real (or local)
// server, and fixture data would pass for its answer.
//
// A client of a configured environment keeps its access token in the token
// cache (see tokenCachePath) unless cfg.noTokenCache; warnings of the client
// (a token file that is not private, a cache that cannot be written) go to
// stderr. The built-in server's client caches nothing: its server, and so its
// tokens, end with the process. Commands added later (watch, condition) use
// this function too, so that they share the token of kiwoom call.
func newClient(getenv func(string) string, stderr io.Writer, cfg clientConfig) (*kiwoom.Client, func(), error) {
	appKey := strings.TrimSpace(getenv(kiwoom.EnvAppKey))
	secretKey := strings.TrimSpace(getenv(kiwoom.EnvSecretKey))
	var rateOpt []kiwoom.Option
	if cfg.rate > 0 {
		rateOpt = append(rateOpt, kiwoom.WithRateLimit(cfg.rate, cfg.rate))
	}
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
		return srv.Client(rateOpt...), srv.Close, nil
	}
	if secretKey == "" {
		return nil, nil, usagef("kiwoom: %s is set but %s is not", kiwoom.EnvAppKey, kiwoom.EnvSecretKey)
	}
	base, err := kiwoom.ParseEnv(getenv(kiwoom.EnvEnv))
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	opts := []kiwoom.Option{kiwoom.WithBaseURL(base), kiwoom.WithUserAgent("kiwoomgo-cli"), kiwoom.WithLogger(warnLogger(stderr))}
	if isLoopback(base) {
		// A local server (kiwoom serve) enforces its own --rate.
		opts = append(opts, kiwoom.WithoutRateLimit())
	}
	opts = append(opts, rateOpt...)
	if !cfg.noTokenCache {
		if path, ok := tokenCachePath(getenv, base, appKey); ok {
			if err := makeCacheDir(filepath.Dir(path)); err != nil {
				fmt.Fprintf(stderr, "kiwoom: warning: no token cache: %v\n", err)
			} else {
				opts = append(opts, kiwoom.WithTokenStore(kiwoom.NewFileTokenStore(path)))
			}
		}
	}
	c, err := kiwoom.New(appKey, secretKey, opts...)
	if err != nil {
		return nil, nil, usagef("%v", err)
	}
	return c, func() {}, nil
}

// warnLogger prints the client's warnings (and errors) on stderr, one line each,
// without a time stamp.
func warnLogger(stderr io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{
		Level: slog.LevelWarn,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

// cacheDir returns the directory of the token cache: $KIWOOM_CACHE_DIR, else
// kiwoom/ in the user's cache directory, found as os.UserCacheDir finds it but
// from getenv (so that tests, and a command given an environment, never touch
// the cache of the user running them). It reports false when there is none.
func cacheDir(getenv func(string) string) (string, bool) {
	if d := getenv(envCacheDir); d != "" {
		return d, true
	}
	var base string
	switch runtime.GOOS {
	case "windows":
		base = getenv("LocalAppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			base = filepath.Join(h, "Library", "Caches")
		}
	case "plan9":
		if h := getenv("home"); h != "" {
			base = filepath.Join(h, "lib", "cache")
		}
	default:
		base = getenv("XDG_CACHE_HOME")
		if !filepath.IsAbs(base) {
			base = ""
			if h := getenv("HOME"); h != "" {
				base = filepath.Join(h, ".cache")
			}
		}
	}
	if base == "" || !filepath.IsAbs(base) {
		return "", false
	}
	return filepath.Join(base, "kiwoom"), true
}

// tokenCachePath returns the token file of an environment (base URL) and app
// key: token-<environment>-<app key fingerprint>.json, where the environment is
// "production", "paper", or the host and port of another base URL with a short
// hash of the whole URL. The app key itself is never part of the name.
func tokenCachePath(getenv func(string) string, baseURL, appKey string) (string, bool) {
	dir, ok := cacheDir(getenv)
	if !ok {
		return "", false
	}
	return filepath.Join(dir, "token-"+envLabel(baseURL)+"-"+kiwoom.AppKeyID(kiwoom.Secret(appKey))+".json"), true
}

// envLabel names a base URL in a file name.
func envLabel(baseURL string) string {
	switch baseURL {
	case kiwoom.ProductionURL:
		return "production"
	case kiwoom.PaperURL:
		return "paper"
	}
	host := "custom"
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	host = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			return r
		}
		return '_'
	}, host)
	sum := sha256.Sum256([]byte(baseURL))
	return host + "-" + hex.EncodeToString(sum[:4])
}

// makeCacheDir creates the cache directory, readable by its owner only. An
// existing directory is left as it is (the token file is checked on its own).
func makeCacheDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}

func tokenCommand() command {
	return command{
		name:     "token",
		synopsis: []string{"token revoke | path"},
		summary:  "revoke (au10002) and delete the cached access token, or print the cache file's path",
		details: `The access token of kiwoom call is cached in one file per environment (KIWOOM_ENV) and
app key, so a script of many calls issues one token (au10001). The file is private to its
owner (mode 0600, in a directory of mode 0700); a file others could write is not trusted.

  kiwoom token revoke   revoke the cached token with au10002 and delete the file
  kiwoom token path     print the file of the current KIWOOM_ENV and KIWOOM_APPKEY
`,
		run: cmdToken,
		complete: func(words []string) []candidate {
			if len(words) == 1 {
				return filterCandidates([]candidate{{"revoke", "revoke and delete the cached token"}, {"path", "print the cache file's path"}}, words[0])
			}
			return nil
		},
	}
}

// cmdToken runs kiwoom token revoke|path.
func cmdToken(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "revoke" && args[0] != "path") {
		return fail(stderr, usagef("usage: kiwoom token revoke | path"))
	}
	appKey := strings.TrimSpace(getenv(kiwoom.EnvAppKey))
	if appKey == "" {
		return fail(stderr, usagef("kiwoom token %s: %s is not set; the built-in local server caches no token", args[0], kiwoom.EnvAppKey))
	}
	base, err := kiwoom.ParseEnv(getenv(kiwoom.EnvEnv))
	if err != nil {
		return fail(stderr, usagef("%v", err))
	}
	path, ok := tokenCachePath(getenv, base, appKey)
	if !ok {
		return fail(stderr, usagef("kiwoom token: no cache directory: set %s, XDG_CACHE_HOME or HOME", envCacheDir))
	}
	if args[0] == "path" {
		fmt.Fprintln(stdout, path)
		return exitOK
	}
	store := kiwoom.NewFileTokenStore(path)
	st, loadErr := store.Load(ctx)
	client, closeFn, err := newClient(getenv, stderr, clientConfig{})
	if err != nil {
		return fail(stderr, err)
	}
	defer closeFn()
	// Revoke revokes the stored token when it is valid for this environment and
	// app key, and deletes the file in any case.
	if err := client.Revoke(ctx); err != nil {
		return fail(stderr, forShell(err))
	}
	switch {
	case loadErr != nil:
		fmt.Fprintf(stdout, "deleted %s, which was not used: %v\n", path, loadErr)
	case st.Token == "":
		fmt.Fprintf(stdout, "no cached token for %s (%s)\n", base, path)
	case st.BaseURL != base || st.AppKeyID != kiwoom.AppKeyID(kiwoom.Secret(appKey)) || !time.Now().Before(st.ExpiresAt):
		fmt.Fprintf(stdout, "deleted %s: its token had expired or was not for %s and this app key\n", path, base)
	default:
		fmt.Fprintf(stdout, "revoked the cached token for %s and deleted %s\n", base, path)
	}
	return exitOK
}
