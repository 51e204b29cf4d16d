package support

import (
	"math/big"
	"strconv"
	"strings"
)

// decimal is a JSON number exactly as written, in a form that compares
// and divides without rounding: the value is digits × 10^exp, negated when
// neg is set. digits has no leading or trailing zeros; zero is the empty
// digits (and never negative). 1, 1.0 and 10e-1 are one decimal, so JSON
// Schema's "1.0 is the integer 1" holds.
type decimal struct {
	neg    bool
	digits string
	exp    int64
}

// maxExponent bounds the exponent of a decimal, far beyond any float64
// and any document: a longer exponent saturates, so that hostile input
// cannot make exponent arithmetic overflow.
const maxExponent = 1 << 50

// parseDecimal reads a number token that has valid JSON syntax.
func parseDecimal(tok string) decimal {
	var d decimal
	if strings.HasPrefix(tok, "-") {
		d.neg = true
		tok = tok[1:]
	}
	mant, exp := tok, ""
	if i := strings.IndexAny(tok, "eE"); i >= 0 {
		mant, exp = tok[:i], tok[i+1:]
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	var e int64
	if exp != "" {
		neg := false
		switch exp[0] {
		case '-':
			neg = true
			exp = exp[1:]
		case '+':
			exp = exp[1:]
		}
		for i := 0; i < len(exp) && e < maxExponent; i++ {
			e = e*10 + int64(exp[i]-'0')
		}
		e = min(e, maxExponent)
		if neg {
			e = -e
		}
	}
	e -= int64(len(frac))
	var digits string
	if frac == "" {
		digits = intPart
	} else {
		digits = intPart + frac
	}
	digits = strings.TrimLeft(digits, "0")
	trimmed := strings.TrimRight(digits, "0")
	e += int64(len(digits) - len(trimmed))
	d.digits = trimmed
	d.exp = max(min(e, maxExponent), -maxExponent)
	if d.digits == "" {
		return decimal{}
	}
	return d
}

// isZero reports whether d is 0.
func (d decimal) isZero() bool { return d.digits == "" }

// isInteger reports whether d is a whole number.
func (d decimal) isInteger() bool { return d.digits == "" || d.exp >= 0 }

// cmp returns -1, 0 or +1 as d is less than, equal to or greater than e.
func (d decimal) cmp(e decimal) int {
	switch {
	case d.isZero() && e.isZero():
		return 0
	case d.isZero():
		if e.neg {
			return 1
		}
		return -1
	case e.isZero():
		if d.neg {
			return -1
		}
		return 1
	case d.neg != e.neg:
		if d.neg {
			return -1
		}
		return 1
	}
	c := d.cmpMagnitude(e)
	if d.neg {
		return -c
	}
	return c
}

// cmpMagnitude compares |d| and |e|, both non-zero.
func (d decimal) cmpMagnitude(e decimal) int {
	// The order of magnitude of the leading digit decides first.
	od, oe := d.exp+int64(len(d.digits)), e.exp+int64(len(e.digits))
	switch {
	case od < oe:
		return -1
	case od > oe:
		return 1
	}
	// Same leading position: compare digit by digit; without trailing
	// zeros, the longer of two that agree on the shorter's length is
	// the greater.
	n := min(len(d.digits), len(e.digits))
	if c := strings.Compare(d.digits[:n], e.digits[:n]); c != 0 {
		return c
	}
	switch {
	case len(d.digits) < len(e.digits):
		return -1
	case len(d.digits) > len(e.digits):
		return 1
	}
	return 0
}

// multipleOf reports whether d is an integer multiple of m, which is
// positive. The arithmetic is exact; its cost grows with the digits of d
// and of m, never with the exponents.
func (d decimal) multipleOf(m decimal) bool {
	if d.isZero() {
		return true
	}
	// d/m = (dd/md) × 10^k, with dd and md the digit strings as integers
	// and k = d.exp - m.exp. For k < 0 it is an integer only if
	// md × 10^-k divides dd, which needs 10 to divide dd: it does not, as
	// dd has no trailing zeros.
	k := d.exp - m.exp
	if k < 0 {
		return false
	}
	md := new(big.Int)
	md.SetString(m.digits, 10)
	// dd mod md, a digit group at a time: dd may be long, md is short.
	r := new(big.Int)
	chunk := new(big.Int)
	scale := new(big.Int)
	s := d.digits
	for len(s) > 0 {
		n := min(len(s), 18)
		chunk.SetString(s[:n], 10)
		scale.Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
		r.Mul(r, scale)
		r.Add(r, chunk)
		r.Mod(r, md)
		s = s[n:]
	}
	// (dd mod md) × (10^k mod md) mod md.
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(k), md)
	r.Mul(r, p)
	r.Mod(r, md)
	return r.Sign() == 0
}

// canonical appends a text that is the same for two decimals exactly when
// they are equal.
func (d decimal) canonical(b []byte) []byte {
	if d.isZero() {
		return append(b, '0')
	}
	if d.neg {
		b = append(b, '-')
	}
	b = append(b, d.digits...)
	b = append(b, 'e')
	return strconv.AppendInt(b, d.exp, 10)
}
