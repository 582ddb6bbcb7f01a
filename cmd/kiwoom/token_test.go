package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kiwoomgo/kiwoom/kiwoom"
	"github.com/kiwoomgo/kiwoom/kiwoomtest"
)

// TestTokenCache: a script of 16 calls issues one token, kept in a private
// file per environment and app key in the cache directory.
func TestTokenCache(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	dir := filepath.Join(t.TempDir(), "cache")
	env := append(serverEnv(srv), envCacheDir+"="+dir)
	for i := range 16 {
		args := []string{"call", "ka10001", "stk_cd=005930", "-o", "csv"}
		if i%2 == 1 {
			args = []string{"call", "--api-id", "ka10001", "--path", "/api/dostk/stkinfo", "stk_cd=005930"}
		}
		if r := runArgs(env, args...); r.code != 0 || r.stderr != "" {
			t.Fatalf("call %d: %s", i, r)
		}
	}
	if n := srv.Requests("au10001"); n != 1 {
		t.Errorf("16 calls issued %d tokens, want 1", n)
	}
	if n := srv.Requests("ka10001"); n != 16 {
		t.Errorf("%d ka10001 requests, want 16", n)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one token file", files)
	}
	name := filepath.Base(files[0])
	if !strings.Contains(name, kiwoom.AppKeyID(kiwoom.Secret(srv.AppKey))) || strings.Contains(name, srv.AppKey) || !strings.HasPrefix(name, "token-127.0.0.1_") {
		t.Errorf("token file %s: want the environment and the app key's fingerprint, never the key", name)
	}
	if runtime.GOOS != "windows" {
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("cache directory mode %v (%v), want 0700", st.Mode().Perm(), err)
		}
		if st, err := os.Stat(files[0]); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("token file mode %v (%v), want 0600", st.Mode().Perm(), err)
		}
	}
	b, _ := os.ReadFile(files[0])
	var stored kiwoom.StoredToken
	if err := json.Unmarshal(b, &stored); err != nil || stored.BaseURL != srv.URL || stored.Token == "" {
		t.Errorf("stored token %+v (%v)", stored, err)
	}

	// Another app key (another server, another environment) gets a file of its own.
	other := kiwoomtest.NewServer(kiwoomtest.WithCredentials("other-key", "other-secret"))
	defer other.Close()
	if r := runArgs(append(serverEnv(other), envCacheDir+"="+dir), "call", "ka10001", "stk_cd=005930"); r.code != 0 {
		t.Fatal(r)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 2 {
		t.Errorf("cache holds %v, want a second file", files)
	}

	// kiwoom token path names the file; --no-token-cache neither reads nor writes it.
	if r := runArgs(env, "token", "path"); r.code != 0 || strings.TrimSpace(r.stdout) != filepath.Join(dir, name) {
		t.Errorf("token path: %s", r)
	}
	if r := runArgs(env, "call", "ka10001", "stk_cd=005930", "--no-token-cache"); r.code != 0 {
		t.Fatal(r)
	}
	if n := srv.Requests("au10001"); n != 2 {
		t.Errorf("--no-token-cache: %d tokens issued, want 2", n)
	}
	if b2, _ := os.ReadFile(files[0]); string(b2) != string(b) {
		t.Error("--no-token-cache rewrote the cached token")
	}
}

// TestTokenRevoke revokes the cached token with au10002 and deletes its file;
// the next call issues a new one.
func TestTokenRevoke(t *testing.T) {
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	env := append(serverEnv(srv), envCacheDir+"="+dir)
	if r := runArgs(env, "call", "ka10001", "stk_cd=005930"); r.code != 0 {
		t.Fatal(r)
	}
	path := strings.TrimSpace(runArgs(env, "token", "path").stdout)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no token file: %v", err)
	}
	r := runArgs(env, "token", "revoke")
	if r.code != 0 || !strings.Contains(r.stdout, "revoked") {
		t.Fatalf("token revoke: %s", r)
	}
	if n := srv.Requests("au10002"); n != 1 {
		t.Errorf("%d au10002 requests, want 1", n)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("token file still there: %v", err)
	}
	// Nothing left to revoke.
	if r := runArgs(env, "token", "revoke"); r.code != 0 || !strings.Contains(r.stdout, "no cached token") || srv.Requests("au10002") != 1 {
		t.Errorf("second revoke: %s", r)
	}
	if r := runArgs(env, "call", "ka10001", "stk_cd=005930"); r.code != 0 || srv.Requests("au10001") != 2 {
		t.Errorf("call after revoke: %d tokens issued, want 2\n%s", srv.Requests("au10001"), r)
	}
	for _, tc := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"token", "revoke"}},                       // the built-in server has no cache
		{env, []string{"token"}},                                 // which subcommand?
		{env, []string{"token", "issue"}},                        // unknown subcommand
		{[]string{"KIWOOM_APPKEY=k"}, []string{"token", "path"}}, // no KIWOOM_ENV
	} {
		if r := runArgs(tc.env, tc.args...); r.code != exitUsage {
			t.Errorf("%v: want exit 2\n%s", tc.args, r)
		}
	}
}

// TestTokenCacheUnsafeFile: a token file others may write is not used; the
// client says why on stderr, issues a fresh token and replaces the file.
func TestTokenCacheUnsafeFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no file modes")
	}
	srv := kiwoomtest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	env := append(serverEnv(srv), envCacheDir+"="+dir)
	if r := runArgs(env, "call", "ka10001", "stk_cd=005930"); r.code != 0 {
		t.Fatal(r)
	}
	path := strings.TrimSpace(runArgs(env, "token", "path").stdout)
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	r := runArgs(env, "call", "ka10001", "stk_cd=005930")
	if r.code != 0 || !strings.Contains(r.stderr, "token file is not private") {
		t.Errorf("unsafe token file: want a warning on stderr\n%s", r)
	}
	if n := srv.Requests("au10001"); n != 2 {
		t.Errorf("%d tokens issued, want 2 (the planted one is not used)", n)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("token file not replaced by a private one: %v %v", st.Mode(), err)
	}
}

// TestBuiltinServerCachesNothing: without credentials (the built-in server) no
// file is written, even with a cache directory at hand.
func TestBuiltinServerCachesNothing(t *testing.T) {
	home := t.TempDir()
	for _, env := range [][]string{{"HOME=" + home}, {envCacheDir + "=" + home}} {
		if r := runArgs(env, "call", "ka10001", "stk_cd=005930"); r.code != 0 || !strings.Contains(r.stderr, builtinNotice) {
			t.Fatal(r)
		}
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("the built-in server wrote %v", entries)
	}
}

// TestCacheDir finds the cache directory from the environment the command was
// given, never from the process's own.
func TestCacheDir(t *testing.T) {
	get := func(kv ...string) func(string) string { return environ(kv) }
	if d, ok := cacheDir(get(envCacheDir+"=/x/y", "HOME=/home/u")); !ok || d != "/x/y" {
		t.Errorf("KIWOOM_CACHE_DIR: %q %v", d, ok)
	}
	if _, ok := cacheDir(get()); ok {
		t.Error("a cache directory without HOME")
	}
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		if d, _ := cacheDir(get("XDG_CACHE_HOME=/xdg", "HOME=/home/u")); d != "/xdg/kiwoom" {
			t.Errorf("XDG_CACHE_HOME: %q", d)
		}
		if d, _ := cacheDir(get("XDG_CACHE_HOME=relative", "HOME=/home/u")); d != "/home/u/.cache/kiwoom" {
			t.Errorf("HOME: %q", d)
		}
	}
	for base, want := range map[string]string{
		kiwoom.ProductionURL: "production",
		kiwoom.PaperURL:      "paper",
	} {
		if got := envLabel(base); got != want {
			t.Errorf("envLabel(%s) = %q", base, got)
		}
	}
	if a, b := envLabel("http://127.0.0.1:8080"), envLabel("http://127.0.0.1:8080/proxy"); a == b || !strings.HasPrefix(a, "127.0.0.1_8080-") {
		t.Errorf("envLabel: %q %q", a, b)
	}
}
