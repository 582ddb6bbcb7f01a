package gen

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder turns a yaml.Node tree into the spec structs strictly: unknown keys,
// duplicate keys, missing required keys and mistyped values are errors located at
// file:line:col. It relies on the struct tags `yaml:"key"` and `spec:"required"`
// and fills the Pos/KeyPos fields of every struct it decodes.
type decoder struct {
	file string
	errs *ErrorList
}

func itoa(i int) string { return strconv.Itoa(i) }

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.Add(d.pos(n), fmt.Sprintf(format, args...))
}

// decode fills the value that ptr points to from n.
func (d *decoder) decode(n *yaml.Node, ptr reflect.Value) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			d.errorf(n, "empty document")
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		d.errorf(n, "YAML aliases are not allowed in specs")
		return
	}
	v := ptr.Elem()
	switch v.Kind() {
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		d.decode(n, nv)
		v.Set(nv)
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "expected a list, found %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i).Addr())
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "expected a mapping, found %s", describe(n))
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				d.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
				continue
			}
			seen[k.Value] = k
			ev := reflect.New(v.Type().Elem())
			d.decode(val, ev)
			m.SetMapIndex(reflect.ValueOf(k.Value), ev.Elem())
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.errorf(n, "expected a string, found %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errorf(n, "expected true or false, found %s", describe(n))
			return
		}
		v.SetBool(n.Value == "true")
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.errorf(n, "expected an integer, found %s", describe(n))
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil || i < 0 {
			d.errorf(n, "expected a non-negative integer, found %q", n.Value)
			return
		}
		v.SetInt(int64(i))
	default:
		d.errorf(n, "internal: cannot decode into %s", v.Type())
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "expected a mapping, found %s", describe(n))
		return
	}
	t := v.Type()
	fields := map[string]int{}
	var known []string
	for i := 0; i < t.NumField(); i++ {
		key := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if key == "" || key == "-" {
			continue
		}
		fields[key] = i
		known = append(known, key)
	}
	if f := v.FieldByName("Pos"); f.IsValid() {
		f.Set(reflect.ValueOf(d.pos(n)))
	}
	keyPos := map[string]Pos{}
	alone := ""
	for i := 0; i+1 < len(n.Content); i += 2 {
		if idx, ok := fields[n.Content[i].Value]; ok && t.Field(idx).Tag.Get("spec") == "alone" {
			alone = n.Content[i].Value
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q (known keys: %s)", k.Value, strings.Join(known, ", "))
			continue
		}
		if prev, dup := keyPos[k.Value]; dup {
			d.errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
			continue
		}
		keyPos[k.Value] = d.pos(val)
		if alone != "" && k.Value != alone {
			d.errorf(k, "key %q is not allowed beside %q", k.Value, alone)
			continue
		}
		d.decode(val, v.Field(idx).Addr())
	}
	if alone != "" {
		if f := v.FieldByName("KeyPos"); f.IsValid() {
			f.Set(reflect.ValueOf(keyPos))
		}
		return
	}
	for _, key := range known {
		if _, ok := keyPos[key]; !ok && t.Field(fields[key]).Tag.Get("spec") == "required" {
			d.errorf(n, "missing required key %q", key)
		}
	}
	if f := v.FieldByName("KeyPos"); f.IsValid() {
		f.Set(reflect.ValueOf(keyPos))
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "null"
		case "!!str":
			return fmt.Sprintf("string %q", n.Value)
		}
		return fmt.Sprintf("%s %s", strings.TrimPrefix(n.Tag, "!!"), n.Value)
	}
	return "an alias"
}

// parseFile decodes one YAML document from data into out.
func parseFile(file string, data []byte, out any, errs *ErrorList) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line := 0
		msg := err.Error()
		// yaml.v3 syntax errors read "yaml: line N: message".
		if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
			if num, tail, ok := strings.Cut(rest, ": "); ok {
				if l, err := strconv.Atoi(num); err == nil {
					line, msg = l, tail
				}
			}
		}
		errs.Add(Pos{File: file, Line: line, Col: 1}, "YAML syntax: "+strings.TrimPrefix(msg, "yaml: "))
		return
	}
	if root.Kind == 0 {
		errs.Add(Pos{File: file, Line: 1, Col: 1}, "empty file")
		return
	}
	d := &decoder{file: file, errs: errs}
	d.decode(&root, reflect.ValueOf(out))
}
