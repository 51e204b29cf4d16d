package support

import "strconv"

// readNumber reads any JSON number as a float64 and checks
// min <= value <= max exactly, as JSON Schema does on the number's
// decimal value: a number beyond float64's range is beyond the bounds, and
// one that rounds to a bound is compared with it digit by digit. The
// bounds are whole numbers (the generator requires it); an empty rule
// means no bound on that side, and then the range of a float64 (the double
// format) holds instead.
//   - not a number (null included): "must be a number" under typeRule;
//   - below min: "must be >= MIN" under minRule;
//   - above max: "must be <= MAX" under maxRule;
//   - beyond a float64 with no bound there: "must be within the range of a
//     double" under typeRule.
func (d *decoder) readNumber(p *jsonPath, typeRule string, min, max float64, minRule, maxRule string) (float64, bool) {
	tok, ok := d.numberToken(p, typeRule, "must be a number, got ")
	if !ok {
		return 0, false
	}
	if minRule != "" && cmpDecimal(tok, int64(min)) < 0 {
		d.vs.add(p, minRule, "must be >= "+strconv.FormatInt(int64(min), 10))
		return 0, false
	}
	if maxRule != "" && cmpDecimal(tok, int64(max)) > 0 {
		d.vs.add(p, maxRule, "must be <= "+strconv.FormatInt(int64(max), 10))
		return 0, false
	}
	f, ok := parseFloat(tok)
	if !ok {
		d.vs.add(p, typeRule, "must be within the range of a double")
		return 0, false
	}
	return f, true
}

// cmpDecimal compares the well-formed JSON number tok with the integer b
// exactly, in time linear in the token's length whatever its exponent:
// -1 when tok < b, 0 when equal, +1 when greater.
func cmpDecimal(tok []byte, b int64) int {
	var buf [20]byte
	return cmpNumbers(tok, strconv.AppendInt(buf[:0], b, 10))
}

// readNumberIn is readNumber for a number with a bound that is not a whole
// number: min and max are the bounds as the schema writes them ("" for
// none on that side), compared with the document's number digit by digit,
// so that 0.09999999999999999999 is below a minimum of 0.1 although it
// rounds to the same float64. It allocates nothing when the number is
// within them.
func (d *decoder) readNumberIn(p *jsonPath, typeRule, min, max, minRule, maxRule string) (float64, bool) {
	tok, ok := d.numberToken(p, typeRule, "must be a number, got ")
	if !ok {
		return 0, false
	}
	if min != "" && cmpNumbers(tok, []byte(min)) < 0 {
		d.vs.add(p, minRule, "must be >= "+min)
		return 0, false
	}
	if max != "" && cmpNumbers(tok, []byte(max)) > 0 {
		d.vs.add(p, maxRule, "must be <= "+max)
		return 0, false
	}
	f, ok := parseFloat(tok)
	if !ok {
		d.vs.add(p, typeRule, "must be within the range of a double")
		return 0, false
	}
	return f, true
}

// numberParts is a well-formed JSON number taken apart without copying:
// its significant digits are hi followed by lo (leading zeros dropped,
// trailing zeros kept, which compare as zeros), and lead is the power of
// ten of the first of them.
type numberParts struct {
	neg, zero bool
	hi, lo    []byte
	lead      int
}

func splitNumber(tok []byte) numberParts {
	var n numberParts
	if len(tok) > 0 && tok[0] == '-' {
		n.neg = true
		tok = tok[1:]
	}
	i := 0
	for i < len(tok) && isDigit(tok[i]) {
		i++
	}
	intPart, frac := tok[:i], []byte(nil)
	if i < len(tok) && tok[i] == '.' {
		j := i + 1
		for j < len(tok) && isDigit(tok[j]) {
			j++
		}
		frac, i = tok[i+1:j], j
	}
	exp := 0
	if i < len(tok) && (tok[i] == 'e' || tok[i] == 'E') {
		i++
		eneg := false
		if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
			eneg = tok[i] == '-'
			i++
		}
		for ; i < len(tok); i++ {
			if exp < 1<<30 {
				exp = exp*10 + int(tok[i]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	k := 0
	for k < len(intPart) && intPart[k] == '0' {
		k++
	}
	if intPart = intPart[k:]; len(intPart) > 0 {
		n.hi, n.lo, n.lead = intPart, frac, len(intPart)-1+exp
		return n
	}
	k = 0
	for k < len(frac) && frac[k] == '0' {
		k++
	}
	if k == len(frac) {
		n.zero = true
		return n
	}
	n.hi, n.lead = frac[k:], exp-k-1
	return n
}

// digit is the i-th significant digit of n, '0' past the last.
func (n numberParts) digit(i int) byte {
	switch {
	case i < len(n.hi):
		return n.hi[i]
	case i-len(n.hi) < len(n.lo):
		return n.lo[i-len(n.hi)]
	}
	return '0'
}

// cmpNumbers compares two well-formed JSON numbers exactly, in time
// linear in their length whatever their exponents: -1, 0 or +1.
func cmpNumbers(a, b []byte) int {
	x, y := splitNumber(a), splitNumber(b)
	switch {
	case x.zero && y.zero:
		return 0
	case x.zero:
		if y.neg {
			return 1
		}
		return -1
	case y.zero:
		if x.neg {
			return -1
		}
		return 1
	case x.neg != y.neg:
		if x.neg {
			return -1
		}
		return 1
	}
	sign := 1
	if x.neg {
		sign = -1
	}
	if x.lead != y.lead {
		if x.lead > y.lead {
			return sign
		}
		return -sign
	}
	for i, n := 0, max(len(x.hi)+len(x.lo), len(y.hi)+len(y.lo)); i < n; i++ {
		if dx, dy := x.digit(i), y.digit(i); dx != dy {
			if dx > dy {
				return sign
			}
			return -sign
		}
	}
	return 0
}
