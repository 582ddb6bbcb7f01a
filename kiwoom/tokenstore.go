package kiwoom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// StoredToken is an access token as a TokenStore keeps it. BaseURL and AppKeyID
// say where and for which app key it was issued: a Client reuses a stored token
// only when both match its own, so a production token is never sent to paper
// trading (or the reverse) and a token of an old app key is never reused.
type StoredToken struct {
	// Token is the access token.
	Token Secret `json:"token"`
	// ExpiresAt is when the token expires (au10001's expires_dt).
	ExpiresAt time.Time `json:"expires_at"`
	// BaseURL is the base URL the token was issued by; it is valid only there.
	BaseURL string `json:"base_url"`
	// AppKeyID is the AppKeyID of the app key, never the key itself.
	AppKeyID string `json:"app_key_id"`
}

// LogValue logs the token's expiry, base URL and app key fingerprint, with
// the token itself redacted.
func (t StoredToken) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("token", redacted),
		slog.Time("expires_at", t.ExpiresAt),
		slog.String("base_url", t.BaseURL),
		slog.String("app_key_id", t.AppKeyID))
}

// AppKeyID returns a fingerprint of an app key (the first 16 hex digits of its
// SHA-256) that identifies it in a token store without revealing it.
func AppKeyID(appKey Secret) string {
	sum := sha256.Sum256([]byte(appKey.Reveal()))
	return hex.EncodeToString(sum[:8])
}

// TokenStore keeps the access token across restarts of a program, so a restart
// reuses a valid token instead of issuing a new one. A Client loads from it
// before its first token issue, saves every token it issues, and deletes the
// stored token when Kiwoom rejects it or Revoke revokes it. Errors of a store
// are logged (with WithLogger) and otherwise ignored: a broken store costs a
// token issue, never a call.
type TokenStore interface {
	// Load returns the stored token; a zero StoredToken (Token == "") and a nil
	// error when there is none.
	Load(ctx context.Context) (StoredToken, error)
	// Save replaces the stored token.
	Save(ctx context.Context, t StoredToken) error
	// Delete removes the stored token; deleting nothing is not an error.
	Delete(ctx context.Context) error
}

// WithTokenStore makes the Client load and save its access token through s.
func WithTokenStore(s TokenStore) Option {
	return func(c *config) error {
		if s == nil {
			return fmt.Errorf("kiwoom: WithTokenStore(nil)")
		}
		c.store = s
		return nil
	}
}

// FileTokenStore is a TokenStore in one JSON file, readable by its owner only
// (mode 0600). Saves are atomic: the token is written to a temporary file in the
// same directory, synced and renamed over the old one, so a crash never leaves a
// half-written file. Use one file per app key and environment; a Client ignores a
// stored token of another base URL or app key anyway.
//
// Load refuses a file that someone else could have planted or changed: one that
// group or others may write, or that another user owns. It returns an error
// wrapping ErrUnsafeTokenFile, which the Client logs before it issues a fresh
// token; saving that token replaces the file with a private one.
type FileTokenStore struct {
	path string
	uid  int // the user that must own the file; -1 where files have no owner
}

// ErrUnsafeTokenFile matches (with errors.Is) the error of a FileTokenStore whose
// file others can write or another user owns: its token is not used.
var ErrUnsafeTokenFile = errors.New("kiwoom: token file is not private to its owner")

// NewFileTokenStore returns a store in the file at path. The directory must
// exist; the file is created on the first save.
func NewFileTokenStore(path string) *FileTokenStore {
	return &FileTokenStore{path: path, uid: currentUID()}
}

// Path returns the file's path.
func (s *FileTokenStore) Path() string { return s.path }

// Load reads the file. A missing file is no token, not an error; a file that
// others can write or another user owns is an error wrapping ErrUnsafeTokenFile.
func (s *FileTokenStore) Load(context.Context) (StoredToken, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return StoredToken{}, nil
	}
	if err != nil {
		return StoredToken{}, fmt.Errorf("kiwoom: token store: %w", err)
	}
	defer f.Close()
	// Check the file that was opened, not the path, so it cannot be swapped
	// between the check and the read.
	fi, err := f.Stat()
	if err != nil {
		return StoredToken{}, fmt.Errorf("kiwoom: token store: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return StoredToken{}, fmt.Errorf("%w: %s has mode %04o, writable by group or others; a fresh token will replace it", ErrUnsafeTokenFile, s.path, perm)
	}
	if owner, ok := fileOwner(fi); ok && s.uid >= 0 && owner != s.uid {
		return StoredToken{}, fmt.Errorf("%w: %s is owned by uid %d, not by this user (uid %d); a fresh token will replace it", ErrUnsafeTokenFile, s.path, owner, s.uid)
	}
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return StoredToken{}, fmt.Errorf("kiwoom: token store: %w", err)
	}
	var t StoredToken
	if err := json.Unmarshal(b, &t); err != nil {
		return StoredToken{}, fmt.Errorf("kiwoom: token store %s: not a stored token: %w", s.path, err)
	}
	return t, nil
}

// Save writes the file atomically with mode 0600.
func (s *FileTokenStore) Save(_ context.Context, t StoredToken) (err error) {
	b, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	if _, err = f.Write(b); err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	if err = os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	return nil
}

// Delete removes the file.
func (s *FileTokenStore) Delete(context.Context) error {
	if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("kiwoom: token store: %w", err)
	}
	return nil
}
