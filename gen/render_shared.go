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

		f.Func().Id(enumInfoFunc(e)).Params().Op("*").Id("EnumInfo").Block(
			jen.Return(jen.Op("&").Id("EnumInfo").Values(jen.Dict{
				jen.Id("Name"):  jen.Lit(e.Name),
				jen.Id("Title"): jen.Lit(e.Title),
				jen.Id("Values"): jen.Index().Id("EnumValueInfo").ValuesFunc(func(g *jen.Group) {
					for _, v := range e.Values {
						g.Values(jen.Lit(v.Value), jen.Lit(v.Label), jen.Lit(e.Name+v.Go))
					}
				}),
			})),
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
				g.Add(trInfo(tr))
			}
		})),
	)
	return f
}

func trInfo(tr *TR) jen.Code {
	return jen.Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("ID")] = jen.Lit(tr.ID)
		d[jen.Id("Name")] = jen.Lit(tr.Name)
		d[jen.Id("GoName")] = jen.Lit(tr.Go)
		d[jen.Id("English")] = jen.Lit(tr.English)
		if tr.Summary != "" {
			d[jen.Id("Summary")] = jen.Lit(tr.Summary)
		}
		d[jen.Id("Path")] = jen.Lit(tr.Path)
		d[jen.Id("Kind")] = jen.Id(kindConst(tr.Kind))
		if tr.Paging {
			d[jen.Id("Paging")] = jen.True()
			d[jen.Id("Rows")] = jen.Lit(tr.Rows)
		}
		d[jen.Id("Request")] = fieldInfos(tr.Request)
		d[jen.Id("Response")] = fieldInfos(tr.Response)
		d[jen.Id("NewRequest")] = jen.Func().Params().Id("Request").Block(jen.Return(jen.New(jen.Id(tr.Go + "Request"))))
		d[jen.Id("NewResponse")] = jen.Func().Params().Id("Response").Block(jen.Return(jen.New(jen.Id(tr.Go + "Response"))))
	}))
}

func fieldInfos(fields []*Field) jen.Code {
	if len(fields) == 0 {
		return jen.Nil()
	}
	return jen.Index().Id("FieldInfo").ValuesFunc(func(g *jen.Group) {
		for _, f := range fields {
			g.Add(jen.Values(jen.DictFunc(func(d jen.Dict) {
				d[jen.Id("Name")] = jen.Lit(f.Name)
				d[jen.Id("GoName")] = jen.Lit(f.GoName)
				d[jen.Id("Title")] = jen.Lit(f.Title)
				d[jen.Id("Type")] = jen.Id(valueTypeConst(f.Type))
				if f.Required {
					d[jen.Id("Required")] = jen.True()
				}
				if f.Length > 0 {
					d[jen.Id("Length")] = jen.Lit(f.Length)
				}
				if f.Unit != "" {
					d[jen.Id("Unit")] = jen.Lit(f.Unit)
				}
				if f.Decimals > 0 {
					d[jen.Id("Decimals")] = jen.Lit(f.Decimals)
				}
				if f.Sensitive {
					d[jen.Id("Sensitive")] = jen.True()
				}
				if f.Description != "" {
					d[jen.Id("Description")] = jen.Lit(f.Description)
				}
				if f.Enum != "" {
					d[jen.Id("Enum")] = jen.Id("enumInfo" + f.Enum).Call()
				}
				if f.Type == TypeList {
					d[jen.Id("Fields")] = fieldInfos(f.Fields)
				}
			})))
		}
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
