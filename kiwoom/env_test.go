package kiwoom

import (
	"strings"
	"testing"
)

func TestNewFromEnv(t *testing.T) {
	keys := map[string]string{EnvAppKey: "app", EnvSecretKey: "secret"}
	env := func(extra map[string]string) func(string) string {
		return func(k string) string {
			if v, ok := extra[k]; ok {
				return v
			}
			return keys[k]
		}
	}
	for _, tc := range []struct {
		env     map[string]string
		base    string
		errLike string
	}{
		{map[string]string{EnvEnv: "production"}, ProductionURL, ""},
		{map[string]string{EnvEnv: "paper"}, PaperURL, ""},
		{map[string]string{EnvEnv: " Paper "}, PaperURL, ""},
		{map[string]string{EnvEnv: "http://127.0.0.1:8080/"}, "http://127.0.0.1:8080", ""},
		{map[string]string{EnvEnv: ""}, "", "KIWOOM_ENV is not set"},
		{map[string]string{EnvEnv: "prod"}, "", `KIWOOM_ENV="prod" is not production, paper or a base URL`},
		{map[string]string{EnvEnv: "mock"}, "", "is not production, paper"},
		{map[string]string{EnvEnv: "ftp://x"}, "", "must be an http:// or https:// URL"},
		{map[string]string{EnvEnv: "paper", EnvAppKey: ""}, "", "KIWOOM_APPKEY is not set"},
		{map[string]string{EnvEnv: "paper", EnvSecretKey: ""}, "", "KIWOOM_SECRETKEY is not set"},
		{map[string]string{EnvEnv: "paper", EnvAppKey: "", EnvSecretKey: ""}, "", "KIWOOM_APPKEY and KIWOOM_SECRETKEY"},
	} {
		c, err := newFromEnv(env(tc.env))
		switch {
		case tc.errLike != "":
			if err == nil || !strings.Contains(err.Error(), tc.errLike) {
				t.Errorf("%v: err = %v, want %q", tc.env, err, tc.errLike)
			}
		case err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case c.BaseURL() != tc.base:
			t.Errorf("%v: base URL %s, want %s", tc.env, c.BaseURL(), tc.base)
		}
	}
	// Paper trading gets the lower query default; an explicit option wins over the environment.
	c, err := newFromEnv(env(map[string]string{EnvEnv: "paper"}))
	if err != nil || c.cfg.queryRate != DefaultPaperQueryRate {
		t.Errorf("paper query rate = %v, %v", c.cfg.queryRate, err)
	}
	c, err = newFromEnv(env(map[string]string{EnvEnv: "paper"}), WithBaseURL("http://localhost:1"))
	if err != nil || c.BaseURL() != "http://localhost:1" {
		t.Errorf("override: %v, %v", c, err)
	}
}
