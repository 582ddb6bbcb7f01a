package gen

import (
	"regexp"
	"testing"
)

// TestNamePredicates checks the plain string checks of the loader against the patterns
// they stand for.
func TestNamePredicates(t *testing.T) {
	inputs := []string{
		"", "k", "ka10001", "kt10000", "au10001", "abc12345", "ka1000", "ka100011", "abcd1234",
		"KA10001", "k110001", "ka1000a", "ka10001 ", "가10001", "a12345",
		"Go", "G", "Stock", "StockCode2", "stockCode", "Stock_Code", "2Stock", "Stöck", "X9", "_X",
		"abc", "ABC", "a1", "1", "a-b", "a b",
	}
	for _, tc := range []struct {
		name    string
		pattern string
		fn      func(string) bool
	}{
		{"isTRID", `^[a-z]{2,3}[0-9]{5}$`, isTRID},
		{"isGoIdent", `^[A-Z][A-Za-z0-9]*$`, isGoIdent},
		{"isGoWord", `^[A-Za-z0-9]+$`, isGoWord},
	} {
		re := regexp.MustCompile(tc.pattern)
		for _, in := range inputs {
			if got, want := tc.fn(in), re.MatchString(in); got != want {
				t.Errorf("%s(%q) = %v, want %v (%s)", tc.name, in, got, want, tc.pattern)
			}
		}
	}
}

func TestReservedNames(t *testing.T) {
	for role, want := range map[string][]string{
		"request":  {"Validate", "String", "GoString", "LogValue"},
		"response": {"Envelope", "Meta", "ReturnCode", "ReturnMsg", "UnmarshalJSON"},
		"row":      {"UnmarshalJSON"},
		"other":    nil,
	} {
		got := reservedNames(role)
		if len(got) != len(want) {
			t.Errorf("reservedNames(%q) = %q, want %q", role, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("reservedNames(%q) = %q, want %q", role, got, want)
				break
			}
		}
	}
}
