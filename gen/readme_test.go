package gen

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEGoVersion: the Go version the README asks for (in English and in
// Korean) is the go directive of go.mod, the lowest the module builds with.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)(\.\d+)?$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	version := string(m[1])
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Go (" + version + " or newer)", "Go(" + version + " 이상)"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README does not say %q; go.mod requires go %s", want, m[1])
		}
	}
}
