package kiwoom

import (
	"context"
	"sync"
	"time"
)

// tokenCache holds the current access token. This is the minimal form: issue on
// first use, reuse until shortly before expires_dt.
type tokenCache struct {
	mu      sync.Mutex
	token   Secret
	expires time.Time
}

// refreshAhead is how long before expires_dt a token is replaced.
const refreshAhead = 5 * time.Minute

// token returns a valid access token, issuing one with au10001 when needed.
func (c *Client) token(ctx context.Context) (Secret, error) {
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	if c.tokens.token != "" && time.Until(c.tokens.expires) > refreshAhead {
		return c.tokens.token, nil
	}
	resp, err := c.IssueToken(ctx, &IssueTokenRequest{
		GrantType: GrantTypeClientCredentials,
		AppKey:    c.appKey,
		SecretKey: c.secretKey,
	})
	if err != nil {
		return "", err
	}
	c.tokens.token, c.tokens.expires = resp.Token, resp.ExpiresAt.Time
	return resp.Token, nil
}
