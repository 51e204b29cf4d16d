package support

import (
	"math/big"
	"testing"
)

func TestCmpDecimal(t *testing.T) {
	cases := []struct {
		tok  string
		b    int64
		want int
	}{
		{"0", 0, 0}, {"-0", 0, 0}, {"0.0e5", 0, 0}, {"1e-99999999999", 0, 1}, {"-1e-99999999999", 0, -1},
		{"1e99999999999", 5, 1}, {"-1e99999999999", -5, -1}, {"10", 10, 0}, {"1e1", 10, 0}, {"10.0000000000000000001", 10, 1},
		{"9.99999999999999999999", 10, -1}, {"100e-1", 10, 0}, {"-10", 10, -1}, {"-10", -10, 0}, {"-10.5", -10, -1},
		{"-9.5", -10, 1}, {"0.5", 0, 1}, {"-0.5", 0, -1}, {"9007199254740993", 9007199254740992, 1}, {"123", 45, 1}, {"45", 123, -1},
	}
	for _, c := range cases {
		if got := cmpDecimal([]byte(c.tok), c.b); got != c.want {
			t.Errorf("cmpDecimal(%s, %d) = %d, want %d", c.tok, c.b, got, c.want)
		}
	}
}

// FuzzCmpDecimal compares cmpDecimal with math/big on numbers with
// exponents small enough for big.Rat.
func FuzzCmpDecimal(f *testing.F) {
	f.Add(int64(12345), int8(-3), int64(12))
	f.Add(int64(-5), int8(2), int64(-500))
	f.Fuzz(func(t *testing.T, mant int64, exp int8, b int64) {
		tok := big.NewInt(mant).String() + "e" + big.NewInt(int64(exp)).String()
		r, _ := new(big.Rat).SetString(tok)
		want := r.Cmp(new(big.Rat).SetInt64(b))
		if got := cmpDecimal([]byte(tok), b); got != want {
			t.Fatalf("cmpDecimal(%s, %d) = %d, want %d", tok, b, got, want)
		}
	})
}
