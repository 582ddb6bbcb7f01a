package kiwoom

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// plantToken writes a valid, unexpired token for rtBase and rtAppKey with the
// given file mode, as someone else could have.
func plantToken(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	good := NewFileTokenStore(path)
	if err := good.Save(t.Context(), StoredToken{Token: "planted-token", ExpiresAt: time.Now().Add(12 * time.Hour), BaseURL: rtBase, AppKeyID: AppKeyID(rtAppKey)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// TestFileTokenStoreRefusesWritableFile: a valid token in a file that group or
// others may write is not used; the client says why in its log, issues a fresh
// token and leaves a private file behind.
func TestFileTokenStoreRefusesWritableFile(t *testing.T) {
	for _, mode := range []os.FileMode{0o666, 0o620, 0o602} {
		path := filepath.Join(t.TempDir(), "token.json")
		plantToken(t, path, mode)
		if _, err := NewFileTokenStore(path).Load(t.Context()); !errors.Is(err, ErrUnsafeTokenFile) || !strings.Contains(err.Error(), "writable by group or others") {
			t.Fatalf("mode %04o: Load error = %v, want ErrUnsafeTokenFile", mode, err)
		}
		s := rtNewServer()
		var log bytes.Buffer
		c := rtClient(t, s, WithTokenStore(NewFileTokenStore(path)), WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
		if _, err := rtInfo(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		if n := s.count("au10001"); n != 1 {
			t.Errorf("mode %04o: au10001 = %d, want 1 (the planted token must not be used)", mode, n)
		}
		if !strings.Contains(log.String(), "not private to its owner") || strings.Contains(log.String(), "planted-token") {
			t.Errorf("mode %04o: log does not say why, or shows the token:\n%s", mode, log.String())
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("mode %04o: file mode after a fresh token = %04o, want 0600", mode, perm)
		}
		st, err := NewFileTokenStore(path).Load(t.Context())
		if err != nil || st.Token.Reveal() != rtTokenValue(1) {
			t.Errorf("mode %04o: stored after refresh = %v, %v; want the fresh token", mode, st.Token, err)
		}
	}
}

// TestFileTokenStoreRefusesForeignOwner: a private file that another user
// owns is not trusted either. (The store is told to expect another uid, which
// is what the check sees when a file belongs to someone else.)
func TestFileTokenStoreRefusesForeignOwner(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	plantToken(t, path, 0o600)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	owner, ok := fileOwner(fi)
	if !ok {
		t.Skip("this platform's files have no owner; only the mode is checked")
	}
	store := &FileTokenStore{path: path, uid: owner + 1}
	if _, err := store.Load(t.Context()); !errors.Is(err, ErrUnsafeTokenFile) || !strings.Contains(err.Error(), "owned by uid") {
		t.Fatalf("Load error = %v, want ErrUnsafeTokenFile naming the owner", err)
	}
	s := rtNewServer()
	c := rtClient(t, s, WithTokenStore(store))
	if _, err := rtInfo(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if n := s.count("au10001"); n != 1 {
		t.Errorf("au10001 = %d, want 1 (a foreign-owned token must not be used)", n)
	}
	// The owner's own private file is trusted.
	plantToken(t, path, 0o600)
	st, err := NewFileTokenStore(path).Load(t.Context())
	if err != nil || st.Token.Reveal() != "planted-token" {
		t.Errorf("own private file: %v, %v; want the stored token", st.Token, err)
	}
}
