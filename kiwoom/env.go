package kiwoom

import (
	"fmt"
	"os"
	"strings"
)

// Environment variables read by NewFromEnv.
const (
	EnvAppKey    = "KIWOOM_APPKEY"
	EnvSecretKey = "KIWOOM_SECRETKEY"
	EnvEnv       = "KIWOOM_ENV"
)

// NewFromEnv returns a client configured from the environment:
//
//   - KIWOOM_APPKEY and KIWOOM_SECRETKEY: the app key and secret key (required);
//   - KIWOOM_ENV: "production" (ProductionURL), "paper" (PaperURL, 모의투자) or a
//     base URL such as http://127.0.0.1:8080 (required).
//
// A missing variable or an unknown KIWOOM_ENV is an error: the client never
// falls back to production silently. opts are applied after the environment, so
// an explicit WithBaseURL wins over KIWOOM_ENV.
func NewFromEnv(opts ...Option) (*Client, error) {
	return newFromEnv(os.Getenv, opts...)
}

func newFromEnv(getenv func(string) string, opts ...Option) (*Client, error) {
	appKey := strings.TrimSpace(getenv(EnvAppKey))
	secretKey := strings.TrimSpace(getenv(EnvSecretKey))
	var missing []string
	if appKey == "" {
		missing = append(missing, EnvAppKey)
	}
	if secretKey == "" {
		missing = append(missing, EnvSecretKey)
	}
	if len(missing) > 0 {
		verb := "is"
		if len(missing) > 1 {
			verb = "are"
		}
		return nil, fmt.Errorf("kiwoom: environment variable %s %s not set", strings.Join(missing, " and "), verb)
	}
	base, err := ParseEnv(getenv(EnvEnv))
	if err != nil {
		return nil, err
	}
	return New(appKey, secretKey, append([]Option{WithBaseURL(base)}, opts...)...)
}

// ParseEnv maps a KIWOOM_ENV value to a base URL: "production" → ProductionURL,
// "paper" → PaperURL (case-insensitive), an http:// or https:// URL → itself.
// Anything else, including "", is an error.
func ParseEnv(v string) (string, error) {
	s := strings.TrimSpace(v)
	switch strings.ToLower(s) {
	case "production":
		return ProductionURL, nil
	case "paper":
		return PaperURL, nil
	case "":
		return "", fmt.Errorf("kiwoom: %s is not set; set it to production, paper or a base URL (http://… or https://…)", EnvEnv)
	}
	if strings.Contains(s, "://") {
		u, err := checkBaseURL(s)
		if err != nil {
			return "", fmt.Errorf("kiwoom: %s=%q: %w", EnvEnv, v, err)
		}
		return u, nil
	}
	return "", fmt.Errorf("kiwoom: %s=%q is not production, paper or a base URL (http://… or https://…)", EnvEnv, v)
}
