package kiwoomtest

import (
	"fmt"
	"io/fs"
	"log/slog"
	"time"
)

// Default credentials and settings of a server built without options.
const (
	// DefaultAppKey is the app key a server accepts when WithCredentials is not given.
	DefaultAppKey = "kiwoomtest-appkey"
	// DefaultSecretKey is the secret key a server accepts when WithCredentials is not given.
	DefaultSecretKey = "kiwoomtest-secretkey"
	// DefaultTokenLifetime is how long an issued token stays valid (24 hours, as
	// third-party guides report for Kiwoom).
	DefaultTokenLifetime = 24 * time.Hour
	// DefaultPageSize is how many rows one page of a continued TR carries.
	DefaultPageSize = 100
)

// Option configures a Handler (and so a Server).
type Option func(*config) error

type credential struct{ appKey, secretKey string }

type config struct {
	creds     []credential
	now       func() time.Time
	lifetime  time.Duration
	fixtures  fs.FS
	pageSize  int
	stocks    []string
	rateN     int
	ratePer   time.Duration
	faults    []Fault
	strict    bool
	logger    *slog.Logger
	fixtureFS bool // fixtures set by an option
}

// WithCredentials makes the server accept the app key and secret key pair. It may
// be given several times to accept several pairs (each with its own rate limit);
// the first pair is the one Server.AppKey and Server.SecretKey report. Without it
// the server accepts DefaultAppKey and DefaultSecretKey.
func WithCredentials(appKey, secretKey string) Option {
	return func(c *config) error {
		if appKey == "" || secretKey == "" {
			return fmt.Errorf("kiwoomtest: WithCredentials needs a non-empty app key and secret key")
		}
		c.creds = append(c.creds, credential{appKey, secretKey})
		return nil
	}
}

// WithClock makes the server read the time from now instead of time.Now, for
// token expiry and the rate limit. Tests move the clock to expire tokens.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return fmt.Errorf("kiwoomtest: WithClock(nil)")
		}
		c.now = now
		return nil
	}
}

// WithTokenLifetime sets how long issued tokens stay valid (DefaultTokenLifetime
// without it).
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("kiwoomtest: token lifetime %v must be positive", d)
		}
		c.lifetime = d
		return nil
	}
}

// WithFixtures serves responses from fsys instead of the repository's golden
// fixtures. fsys has the same layout: <api-id>/response.json with the body to
// send, and optionally <api-id>/request.json with a request that gets it. Use
// os.DirFS to replay responses recorded from Kiwoom.
func WithFixtures(fsys fs.FS) Option {
	return func(c *config) error {
		if fsys == nil {
			return fmt.Errorf("kiwoomtest: WithFixtures(nil)")
		}
		c.fixtures, c.fixtureFS = fsys, true
		return nil
	}
}

// WithPageSize sets how many rows one page carries (DefaultPageSize without it).
// A TR whose fixture has more rows is served in pages with cont-yn: Y and a
// next-key.
func WithPageSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("kiwoomtest: page size %d must be positive", n)
		}
		c.pageSize = n
		return nil
	}
}

// WithStockCodes adds stock codes the server knows, besides those that appear in
// the fixtures. A request with any other stk_cd gets detail code 1902. The venue
// suffixes _NX and _AL are accepted on every known code.
func WithStockCodes(codes ...string) Option {
	return func(c *config) error {
		c.stocks = append(c.stocks, codes...)
		return nil
	}
}

// WithRateLimit allows at most n TR calls per app key in each window of length
// per (a fixed window that starts with the first call after the previous window
// ended). Further calls get return_code 5 with detail code 1700, as Kiwoom
// answers. Without it there is no limit. Token requests are not counted.
func WithRateLimit(n int, per time.Duration) Option {
	return func(c *config) error {
		if n <= 0 || per <= 0 {
			return fmt.Errorf("kiwoomtest: rate limit %d per %v must be positive", n, per)
		}
		c.rateN, c.ratePer = n, per
		return nil
	}
}

// WithFault injects f from the start; see Handler.InjectFault.
func WithFault(f Fault) Option {
	return func(c *config) error {
		c.faults = append(c.faults, f)
		return nil
	}
}

// WithStrictFields rejects request fields that are not in the TR's field table
// with detail code 1517. Without it they are ignored.
func WithStrictFields() Option {
	return func(c *config) error {
		c.strict = true
		return nil
	}
}

// WithLogger logs every request the server answers, at info level, with its
// api-id, return code and detail code. Tokens and keys are not logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}
