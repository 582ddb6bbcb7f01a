package gen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// renderEnums renders every enum of enums.yaml: a string type, its constants and
// the Valid, Label, String and Values methods, plus the catalogue description.
func renderEnums(m *Model) *jen.File {
	f := newFile("specs/" + enumsFileName)
	for i, e := range m.Enums {
		if i > 0 {
			f.Line()
		}
		head := fmt.Sprintf("%s is %s", e.Name, e.Title)
		if e.Wire != "" {
			head += fmt.Sprintf(" (%s)", e.Wire)
		}
		lines := []string{head + ".", "", "Decoding keeps values Kiwoom adds later; Validate rejects values that are not listed."}
		if e.Note != "" {
			lines = append(lines, "", "Note: "+e.Note)
		}
		f.Add(doc(lines...))
		f.Type().Id(e.Name).String()
		f.Line()

		f.Add(doc(fmt.Sprintf("Values of %s.", e.Name)))
		f.Const().DefsFunc(func(g *jen.Group) {
			for _, v := range e.Values {
				lines := []string{fmt.Sprintf("%s is %q: %s.", e.Name+v.Go, v.Value, v.Label)}
				if v.Note != "" {
					lines = append(lines, "Note: "+v.Note)
				}
				g.Add(doc(lines...).Line().Id(e.Name + v.Go).Id(e.Name).Op("=").Lit(v.Value))
			}
		})
		f.Line()

		recv := jen.Id("e").Id(e.Name)
		f.Add(doc(fmt.Sprintf("Valid reports whether e is one of the documented values of %s.", e.Name)))
		f.Func().Params(recv.Clone()).Id("Valid").Params().Bool().Block(
			jen.Switch(jen.Id("e")).Block(
				jen.Case(enumConsts(e)...).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
		f.Line()

		f.Add(doc("Label returns the Korean label of e, or \"\" when e is not a documented value."))
		f.Func().Params(recv.Clone()).Id("Label").Params().String().BlockFunc(func(g *jen.Group) {
			g.Switch(jen.Id("e")).BlockFunc(func(s *jen.Group) {
				for _, v := range e.Values {
					s.Case(jen.Id(e.Name + v.Go)).Block(jen.Return(jen.Lit(v.Label)))
				}
			})
			g.Return(jen.Lit(""))
		})
		f.Line()

		f.Add(doc("String returns the wire value with its Korean label, e.g. \"1 (KRX)\"; an undocumented value is returned as it is."))
		f.Func().Params(recv.Clone()).Id("String").Params().String().Block(
			jen.If(jen.Id("l").Op(":=").Id("e").Dot("Label").Call(), jen.Id("l").Op("!=").Lit("")).Block(
				jen.Return(jen.String().Call(jen.Id("e")).Op("+").Lit(" (").Op("+").Id("l").Op("+").Lit(")")),
			),
			jen.Return(jen.String().Call(jen.Id("e"))),
		)
		f.Line()

		f.Add(doc(fmt.Sprintf("Values returns every documented value of %s in the order of the docs.", e.Name)))
		f.Func().Params(jen.Id(e.Name)).Id("Values").Params().Index().Id(e.Name).Block(
			jen.Return(jen.Index().Id(e.Name).Values(enumConsts(e)...)),
		)
		f.Line()

		f.Add(doc(fmt.Sprintf("%s describes %s for the catalogue.", enumInfoFunc(e), e.Name)))
		f.Func().Id(enumInfoFunc(e)).Params().Op("*").Id("EnumInfo").Block(
			jen.Return(jen.Op("&").Id("EnumInfo").Values(
				jen.Id("Name").Op(":").Lit(e.Name),
				jen.Id("Title").Op(":").Lit(e.Title),
				jen.Id("Values").Op(":").Index().Id("EnumValueInfo").ValuesFunc(func(g *jen.Group) {
					for _, v := range e.Values {
						g.Line().Values(
							jen.Id("Value").Op(":").Lit(v.Value),
							jen.Id("Label").Op(":").Lit(v.Label),
							jen.Id("GoName").Op(":").Lit(e.Name+v.Go),
						)
					}
					g.Line()
				}),
			)),
		)
	}
	return f
}

func enumConsts(e *Enum) []jen.Code {
	var out []jen.Code
	for _, v := range e.Values {
		out = append(out, jen.Id(e.Name+v.Go))
	}
	return out
}

func enumInfoFunc(e *Enum) string { return "enumInfo" + e.Name }

// renderCatalog renders Catalog(): every TR with its fields, value types, units and
// allowed values, so the runtime, the local server and the command line never
// parse YAML at run time.
func renderCatalog(m *Model) *jen.File {
	f := newFile("specs/*.yaml")
	f.Add(doc("Catalog returns a description of every generated TR in api-id order: path, kind, paging,",
		"and the request and response fields with their value types, units and allowed values.",
		"Each call builds a fresh copy, so callers may keep or modify it."))
	f.Func().Id("Catalog").Params().Index().Id("TRInfo").Block(
		jen.Return(jen.Index().Id("TRInfo").ValuesFunc(func(g *jen.Group) {
			for _, tr := range m.TRs {
				g.Line().Add(trInfo(tr))
			}
			g.Line()
		})),
	)
	return f
}

// keyed renders a composite literal body with keys in the given order (jen.Dict
// would sort them): pairs of key name and value, nil values skipped.
type keyed []jen.Code

func (k *keyed) add(key string, value jen.Code) {
	if value != nil {
		*k = append(*k, jen.Id(key).Op(":").Add(value))
	}
}

// when returns v if cond holds, else nil (so keyed.add skips zero values).
func when(cond bool, v jen.Code) jen.Code {
	if cond {
		return v
	}
	return nil
}

func trInfo(tr *TR) jen.Code {
	var k keyed
	k.add("ID", jen.Lit(tr.ID))
	k.add("Name", jen.Lit(tr.Name))
	k.add("GoName", jen.Lit(tr.Go))
	k.add("English", jen.Lit(tr.English))
	k.add("Summary", when(tr.Summary != "", jen.Lit(tr.Summary)))
	k.add("Path", jen.Lit(tr.Path))
	k.add("Kind", jen.Id(kindConst(tr.Kind)))
	k.add("Paging", when(tr.Paging, jen.True()))
	k.add("Rows", when(tr.Rows != "", jen.Lit(tr.Rows)))
	k.add("Request", fieldInfos(tr.Request))
	k.add("Response", fieldInfos(tr.Response))
	k.add("NewRequest", jen.Func().Params().Id("Request").Block(jen.Return(jen.New(jen.Id(tr.Go+"Request")))))
	k.add("NewResponse", jen.Func().Params().Id("Response").Block(jen.Return(jen.New(jen.Id(tr.Go+"Response")))))
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, c := range k {
			g.Line().Add(c)
		}
		g.Line()
	})
}

func fieldInfos(fields []*Field) jen.Code {
	if len(fields) == 0 {
		return nil
	}
	return jen.Index().Id("FieldInfo").ValuesFunc(func(g *jen.Group) {
		for _, f := range fields {
			var k keyed
			k.add("Name", jen.Lit(f.Name))
			k.add("GoName", jen.Lit(f.GoName))
			k.add("Title", jen.Lit(f.Title))
			k.add("Type", jen.Id(valueTypeConst(f.Type)))
			k.add("Required", when(f.Required, jen.True()))
			k.add("Length", when(f.Length > 0, jen.Lit(f.Length)))
			k.add("Unit", when(f.Unit != "", jen.Lit(f.Unit)))
			k.add("Decimals", when(f.Decimals > 0, jen.Lit(f.Decimals)))
			k.add("Sensitive", when(f.Sensitive, jen.True()))
			k.add("Description", when(f.Description != "", jen.Lit(f.Description)))
			if f.Enum != "" {
				k.add("Enum", jen.Id(enumInfoFunc(&Enum{Name: f.Enum})).Call())
			}
			if f.Type == TypeList {
				k.add("Fields", fieldInfos(f.Fields))
			}
			g.Line().ValuesFunc(func(g *jen.Group) {
				for _, c := range k {
					g.Line().Add(c)
				}
				g.Line()
			})
		}
		g.Line()
	})
}

func valueTypeConst(t string) string {
	switch t {
	case TypeText:
		return "TypeText"
	case TypeCode:
		return "TypeCode"
	case TypeDate:
		return "TypeDate"
	case TypeTime:
		return "TypeTime"
	case TypeDateTime:
		return "TypeDateTime"
	case TypeInt:
		return "TypeInt"
	case TypePrice:
		return "TypePrice"
	case TypeDecimal:
		return "TypeDecimal"
	case TypeImpliedDecimal:
		return "TypeImpliedDecimal"
	case TypePadded:
		return "TypePadded"
	case TypeFlags:
		return "TypeFlags"
	case TypeEnum:
		return "TypeEnum"
	case TypeList:
		return "TypeList"
	}
	panic("gen: unchecked value type " + t)
}
