package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// envelopeKeys are the JSON keys of the Envelope every response embeds, with
// the Go fields that hold them.
func envelopeKeys() []struct{ name, goName string } {
	return []struct{ name, goName string }{
		{"return_code", "ReturnCode"},
		{"return_msg", "ReturnMsg"},
	}
}

// joinLines renders a string constant expression: each item's text followed by
// a newline, one item per source line.
func joinLines[T any](items []T, text func(T) string) *jen.Statement {
	s := jen.Null()
	for i, it := range items {
		if i > 0 {
			s.Op("+").Line()
		}
		s.Lit(text(it) + "\n")
	}
	return s
}

// renderDecoder renders the one-pass JSON decoder of a generated struct (a
// response when envelope is set, else a row): the table of its JSON keys, an
// UnmarshalJSON method and the decodeJSON method that does the work. The code
// is thin on purpose: a key switch with one runtime helper call per field
// (kiwoom/jsondecode.go); scanning, matching and error paths live in the runtime.
func renderDecoder(f *jen.File, tr *TR, typ, what string, fields []*Field, envelope bool) {
	type member struct {
		name string
		call jen.Code
	}
	var members []member
	field := func(goName string) jen.Code { return jen.Op("&").Id("r").Dot(goName) }
	if envelope {
		for _, k := range envelopeKeys() {
			// A documented field of the same name would hide the envelope's, as
			// encoding/json prefers the shallower field.
			if indexField(fields, k.name) >= 0 {
				continue
			}
			helper := "decodeValue"
			if k.goName == "ReturnMsg" {
				helper = "decodeText"
			}
			members = append(members, member{k.name, jen.Id(helper).Call(jen.Op("&").Id("d"), field(k.goName))})
		}
	}
	for _, fl := range fields {
		members = append(members, member{fl.Name, jen.Id(decodeHelper(fl)).Call(jen.Op("&").Id("d"), field(fl.GoName))})
	}

	keys := "jsonKeys" + typ
	f.Add(doc(fmt.Sprintf("%s lists the JSON keys %s decodes, in spec order, each followed by a newline.", keys, typ)))
	f.Const().Id(keys).Op("=").Add(joinLines(members, func(m member) string { return m.name }))
	f.Line()

	f.Add(doc(fmt.Sprintf("UnmarshalJSON decodes %s in one pass over data, as encoding/json would decode the struct: "+
		"keys match case-insensitively, unknown keys are ignored, the last of duplicate keys wins, and null leaves "+
		"a field as it is (a list nil).", what),
		"", "An error names the field path, e.g. \"list[3].cur_prc\"."))
	f.Func().Params(jen.Id("r").Op("*").Id(typ)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("r").Dot("decodeJSON").Call(jen.Id("data"), jen.Lit(0), jen.Lit(0)),
		jen.Return(jen.Id("jsonEnd").Call(jen.Id("data"), jen.Id("n"), jen.Err())),
	)
	f.Line()

	f.Add(doc("decodeJSON decodes the object at data[i], nested in depth containers, and returns the offset after it."))
	f.Func().Params(jen.Id("r").Op("*").Id(typ)).Id("decodeJSON").Params(
		jen.Id("data").Index().Byte(), jen.List(jen.Id("i"), jen.Id("depth")).Int(),
	).Params(jen.Int(), jen.Error()).Block(
		jen.Id("d").Op(":=").Id("newObjectDecoder").Call(jen.Id("data"), jen.Id("i"), jen.Id("depth"), jen.Id(keys)),
		jen.For(jen.Id("d").Dot("next").Call()).Block(
			jen.Switch(jen.Id("d").Dot("field")).BlockFunc(func(g *jen.Group) {
				for _, m := range members {
					g.Case(jen.Lit(m.name)).Block(m.call)
				}
			}),
		),
		jen.Return(jen.Id("d").Dot("end").Call()),
	)
}

// decodeHelper names the runtime function that decodes a field of f's type.
func decodeHelper(f *Field) string {
	switch {
	case f.Sensitive, f.Type == TypeText, f.Type == TypeCode, f.Type == TypeEnum:
		return "decodeText"
	case f.Type == TypeList:
		return "decodeRows"
	}
	return "decodeValue"
}
