package gen

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSchemaMatchesLoader keeps specs/schema.json (what editors check) in step with
// the loader (what the generator enforces): the same keys and the same enums.
func TestSchemaMatchesLoader(t *testing.T) {
	data, err := os.ReadFile("../specs/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			if k := strings.Split(rt.Field(i).Tag.Get("yaml"), ",")[0]; k != "" && k != "-" {
				out = append(out, k)
			}
		}
		slices.Sort(out)
		return out
	}
	props := func(def string) []string {
		var out []string
		for k := range schema.Defs[def].Properties {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	for def, v := range map[string]any{"trFile": TR{}, "field": Field{}, "enum": Enum{}, "family": Family{}, "group": Group{}} {
		if got, want := props(def), keys(v); !slices.Equal(got, want) {
			t.Errorf("schema.json $defs.%s keys %v; loader keys %v", def, got, want)
		}
	}
	if got := schema.Defs["field"].Properties["type"].Enum; !slices.Equal(got, ValueTypes()) {
		t.Errorf("schema.json value types %v; loader %v", got, ValueTypes())
	}
	if got := schema.Defs["trFile"].Properties["kind"].Enum; !slices.Equal(got, []string{KindAuth, KindQuery, KindOrder}) {
		t.Errorf("schema.json kinds %v", got)
	}
}
