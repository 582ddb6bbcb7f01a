package gen

import (
	"fmt"
	"strings"

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

// renderDecoder renders the one-pass JSON decoder of a generated struct (a
// response when envelope is set, else a row): the list of its JSON keys for
// case-insensitive matching, UnmarshalJSON, decodeJSON (the member loop) and
// decodeField (a switch on the key with one runtime call per field). Keys are
// matched by the switch, so the order in which they arrive does not matter.
// Scanning, matching and error paths live in the runtime (kiwoom/internal/wire).
func renderDecoder(f *jen.File, tr *TR, typ, what string, fields []*Field, envelope bool) {
	type member struct {
		name string
		call jen.Code
	}
	var members []member
	field := func(goName string) jen.Code { return jen.Op("&").Id("r").Dot(goName) }
	d := func() *jen.Statement { return jen.Id("d") }
	if envelope {
		for _, k := range envelopeKeys() {
			// A documented field of the same name would hide the envelope's, as
			// encoding/json prefers the shallower field.
			if indexField(fields, k.name) >= 0 {
				continue
			}
			helper := "Value"
			if k.goName == "ReturnMsg" {
				helper = "Text"
			}
			members = append(members, member{k.name, jen.Qual(WirePath, helper).Call(d(), field(k.goName))})
		}
	}
	for _, fl := range fields {
		var call jen.Code
		switch helper := decodeHelper(fl); helper {
		case "Rows":
			call = jen.Qual(WirePath, helper).Call(d(), field(fl.GoName), jen.Parens(jen.Op("*").Id(rowType(tr, fl))).Dot("decodeJSON"))
		default:
			call = jen.Qual(WirePath, helper).Call(d(), field(fl.GoName))
		}
		members = append(members, member{fl.Name, call})
	}

	keys := "keys" + typ
	/* const keysX = "a\n" + "b\n" */
	f.Add(doc(fmt.Sprintf("%s lists the JSON keys of %s, each followed by a newline, for case-insensitive matching.", keys, typ)))
	var all strings.Builder
	for _, m := range members {
		all.WriteString(m.name + "\n")
	}
	f.Const().Id(keys).Op("=").Lit(all.String())
	f.Line()

	/* func (r *X) UnmarshalJSON(data []byte) error */
	f.Add(doc(fmt.Sprintf("UnmarshalJSON decodes %s in one pass, as encoding/json would; an error names the field path.", what)))
	f.Func().Params(jen.Id("r").Op("*").Id(typ)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.List(jen.Id("n"), jen.Err()).Op(":=").Id("r").Dot("decodeJSON").Call(jen.Id("data"), jen.Lit(0), jen.Lit(0)),
		jen.Return(jen.Qual(WirePath, "Finish").Call(jen.Id("data"), jen.Id("n"), jen.Err())),
	)
	f.Line()

	/* func (r *X) decodeJSON(data []byte, i, depth int) (int, error) */
	f.Func().Params(jen.Id("r").Op("*").Id(typ)).Id("decodeJSON").Params(
		jen.Id("data").Index().Byte(), jen.List(jen.Id("i"), jen.Id("depth")).Int(),
	).Params(jen.Int(), jen.Error()).Block(
		jen.Id("d").Op(":=").Qual(WirePath, "NewObject").Call(jen.Id("data"), jen.Id("i"), jen.Id("depth")),
		jen.For(jen.Id("d").Dot("Next").Call()).Block(
			jen.If(jen.Op("!").Id("r").Dot("decodeField").Call(jen.Op("&").Id("d"), jen.Id("d").Dot("Key").Call())).Block(
				jen.Id("r").Dot("decodeField").Call(jen.Op("&").Id("d"), jen.Id("d").Dot("Fold").Call(jen.Id(keys))),
			),
		),
		jen.Return(jen.Id("d").Dot("End").Call()),
	)
	f.Line()

	/* func (r *X) decodeField(d *wire.Object, key string) bool */
	f.Func().Params(jen.Id("r").Op("*").Id(typ)).Id("decodeField").Params(
		jen.Id("d").Op("*").Qual(WirePath, "Object"), jen.Id("key").String(),
	).Bool().Block(
		jen.Switch(jen.Id("key")).BlockFunc(func(g *jen.Group) {
			for _, m := range members {
				g.Case(jen.Lit(m.name)).Block(m.call)
			}
			g.Default().Block(jen.Return(jen.False()))
		}),
		jen.Return(jen.True()),
	)
}

// decodeHelper names the runtime function that decodes a field of f's type.
func decodeHelper(f *Field) string {
	switch {
	case f.Sensitive, f.Type == TypeText, f.Type == TypeCode, f.Type == TypeEnum:
		return "Text"
	case f.Type == TypeList:
		return "Rows"
	}
	return "Value"
}
