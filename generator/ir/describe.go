package ir

import "strings"

// Describe returns a condition schema as a short English phrase for
// messages, e.g. "source_type is REDIS_REPLICATOR_SOURCE" for
// {required: [source_type], properties: {source_type: {const: ...}}}.
// Names are relative to the instance the schema applies to.
func Describe(s *Schema) string {
	return strings.Join(describeChecks(s, ""), " and ")
}

// describeChecks returns one phrase per check; prefix qualifies member
// names of nested objects ("source_task.").
func describeChecks(s *Schema, prefix string) []string {
	if s == nil {
		return nil
	}
	required := map[*Field]bool{}
	for _, c := range s.Checks {
		if r, ok := c.(*Required); ok {
			for _, f := range r.Fields {
				required[f] = true
			}
		}
	}
	// Members both required and constrained read as one phrase.
	covered := map[*Field]bool{}
	for _, c := range s.Checks {
		if p, ok := c.(*Property); ok && required[p.Field] && valuePhrase(p.Schema) != "" {
			covered[p.Field] = true
		}
	}
	var out []string
	for _, c := range s.Checks {
		switch c := c.(type) {
		case *Required:
			for _, f := range c.Fields {
				if !covered[f] {
					out = append(out, prefix+f.JSONName+" is set")
				}
			}
		case *Property:
			name := prefix + c.Field.JSONName
			if v := valuePhrase(c.Schema); v != "" {
				if required[c.Field] {
					out = append(out, name+" "+v)
				} else {
					out = append(out, name+" "+v+" (or unset)")
				}
				continue
			}
			out = append(out, describeChecks(c.Schema, name+".")...)
		case *Not:
			out = append(out, "not ("+strings.Join(describeChecks(c.Schema, prefix), " and ")+")")
		case *AllOf:
			for _, sub := range c.Schemas {
				out = append(out, describeChecks(sub, prefix)...)
			}
		case *AnyOf:
			out = append(out, "("+joinAlternatives(c.Schemas, prefix, " or ")+")")
		case *OneOf:
			out = append(out, "exactly one of ("+joinAlternatives(c.Schemas, prefix, "; ")+")")
		default:
			if v := valuePhrase(&Schema{Checks: []Check{c}}); v != "" {
				out = append(out, strings.TrimSuffix(prefix, ".")+" "+v)
				continue
			}
			out = append(out, "the rule at "+c.Rule()+" holds")
		}
	}
	return out
}

func joinAlternatives(schemas []*Schema, prefix, sep string) string {
	var parts []string
	for _, s := range schemas {
		parts = append(parts, strings.Join(describeChecks(s, prefix), " and "))
	}
	return strings.Join(parts, sep)
}

// valuePhrase describes a schema on a scalar value made of a single const,
// enum or bound: "is X", "is one of A, B", "is >= 3". It returns "" for
// anything else.
func valuePhrase(s *Schema) string {
	if s == nil || len(s.Checks) != 1 {
		return ""
	}
	switch c := s.Checks[0].(type) {
	case *Const:
		return "is " + c.Value.String()
	case *EnumOf:
		if len(c.Values) == 1 {
			return "is " + c.Values[0].String()
		}
		return "is one of " + LiteralList(c.Values)
	case *IntBound:
		return "is " + c.Op + " " + Literal{Kind: Int, Int: c.Limit}.String()
	case *IsNull:
		if c.Null {
			return "is null"
		}
		return "is not null"
	case *IsInteger:
		return "is a whole number"
	}
	return ""
}

// LiteralList joins literals with ", ".
func LiteralList(ls []Literal) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.String()
	}
	return strings.Join(parts, ", ")
}

// SingleRequired returns the field when s is exactly {required: [f]}, the
// shape of "exactly one of a, b" and "a must not be set" rules.
func SingleRequired(s *Schema) *Field {
	if s == nil || len(s.Checks) != 1 {
		return nil
	}
	if r, ok := s.Checks[0].(*Required); ok && len(r.Fields) == 1 {
		return r.Fields[0]
	}
	return nil
}
