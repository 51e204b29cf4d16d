package emit

import "github.com/dave/jennifer/jen"

// A cond is a boolean expression of the generated code, kept as a tree
// until it is rendered: negation moves down into comparisons (the negation
// of a == b is a != b, of a && b is !a || !b) and parentheses go where
// the precedence of Go's operators needs them, without rendering code and
// parsing it back to find out.
type cond struct {
	kind condKind
	// lit is the value of a condLit.
	lit bool
	// expr is the expression of a condAtom: an operand or a unary
	// expression (a call, a selector, an identifier), which binds tighter
	// than any binary operator; neg puts a ! before it.
	expr *jen.Statement
	neg  bool
	// l, op and r are a condCmp: l op r. ordered is set when the operands
	// are integers or strings, whose order comparisons may be inverted (a
	// float's may not: !(x < 1) holds for NaN, x >= 1 does not).
	l, r    *jen.Statement
	op      string
	ordered bool
	// parts are the operands of a condAnd or a condOr.
	parts []cond
}

type condKind int

const (
	condLit condKind = iota
	condAtom
	condCmp
	condAnd
	condOr
)

// truth is the constant condition b.
func truth(b bool) cond { return cond{kind: condLit, lit: b} }

// atom is the condition that the boolean expression s is true; s must be
// an operand or a unary expression (a call, a selector, an identifier).
func atom(s *jen.Statement) cond { return cond{kind: condAtom, expr: s} }

// compare is the condition l op r for one of Go's comparison operators on
// operands of any type; only == and != are inverted by not.
func compare(l *jen.Statement, op string, r *jen.Statement) cond {
	return cond{kind: condCmp, l: l, op: op, r: r}
}

// compareOrdered is compare for integer or string operands, whose every
// comparison not inverts.
func compareOrdered(l *jen.Statement, op string, r *jen.Statement) cond {
	c := compare(l, op, r)
	c.ordered = true
	return c
}

// negatedOp is the comparison operator that is false exactly when op is
// true, on operands of a total order.
var negatedOp = map[string]string{"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

// allOf is the conjunction of parts: true for none, the constants folded.
func allOf(parts ...cond) cond { return junction(condAnd, parts) }

// anyOf is the disjunction of parts: false for none, the constants folded.
func anyOf(parts ...cond) cond { return junction(condOr, parts) }

func junction(kind condKind, parts []cond) cond {
	// For &&, true is the neutral element and false decides; for ||, the
	// other way round.
	neutral := kind == condAnd
	var out []cond
	for _, p := range parts {
		switch {
		case p.kind == condLit && p.lit == neutral:
			continue
		case p.kind == condLit:
			return p
		case p.kind == kind:
			out = append(out, p.parts...)
		default:
			out = append(out, p)
		}
	}
	switch len(out) {
	case 0:
		return truth(neutral)
	case 1:
		return out[0]
	}
	return cond{kind: kind, parts: out}
}

// not is the negation of c, pushed down to its comparisons and atoms.
func (c cond) not() cond {
	switch c.kind {
	case condLit:
		return truth(!c.lit)
	case condAtom:
		c.neg = !c.neg
		return c
	case condCmp:
		if c.op == "==" || c.op == "!=" || c.ordered {
			c.op = negatedOp[c.op]
			return c
		}
		return cond{kind: condAtom, expr: jen.Parens(c.l.Clone().Op(c.op).Add(c.r.Clone())), neg: true}
	case condAnd, condOr:
		neg := make([]cond, len(c.parts))
		for i, p := range c.parts {
			neg[i] = p.not()
		}
		if c.kind == condAnd {
			return anyOf(neg...)
		}
		return allOf(neg...)
	}
	panic("emit: unknown condition kind")
}

// Precedences of the operators a cond renders, as in the Go
// specification: || binds loosest, then &&, then the comparisons.
const (
	precOr    = 1
	precAnd   = 2
	precCmp   = 3
	precUnary = 6
)

// code renders c as an expression that stands on its own (an if
// statement's condition, a return value, an argument).
func (c cond) code() *jen.Statement { return c.render(0) }

// render renders c as the operand of an operator of precedence prec,
// parenthesized when it binds less tightly.
func (c cond) render(prec int) *jen.Statement {
	var s *jen.Statement
	own := precUnary
	switch c.kind {
	case condLit:
		s = jen.Lit(c.lit)
	case condAtom:
		s = c.expr.Clone()
		if c.neg {
			s = jen.Op("!").Add(s)
		}
	case condCmp:
		own = precCmp
		s = c.l.Clone().Op(c.op).Add(c.r.Clone())
	case condAnd, condOr:
		own = precAnd
		op := "&&"
		if c.kind == condOr {
			own, op = precOr, "||"
		}
		s = jen.Null()
		for i, p := range c.parts {
			if i > 0 {
				s.Op(op)
			}
			// Operands of && and || that are themselves a || or an && are
			// parenthesized, although Go binds && tighter: a reader need not
			// know that.
			s.Add(p.render(precCmp))
		}
	default:
		panic("emit: unknown condition kind")
	}
	if own < prec {
		return jen.Parens(s)
	}
	return s
}

// ifThen emits "if c { body }": body alone (in a block of its own when it
// is several statements) when c always holds, and nothing when it never
// does.
func ifThen(c cond, body ...jen.Code) []jen.Code {
	if c.kind == condLit {
		switch {
		case !c.lit:
			return nil
		case len(body) == 1:
			return body
		}
		return []jen.Code{jen.Block(body...)}
	}
	return []jen.Code{jen.If(c.code()).Block(body...)}
}

// ifElse emits "if c { then } else { els }", only the branch that runs
// when c is constant.
func ifElse(c cond, then, els []jen.Code) []jen.Code {
	if c.kind == condLit {
		if c.lit {
			return ifThen(c, then...)
		}
		return ifThen(c.not(), els...)
	}
	return []jen.Code{jen.If(c.code()).Block(then...).Else().Block(els...)}
}
