package names

import (
	"slices"
	"testing"
)

func TestGo(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// Initialisms, alone and inside names.
		{"id", "ID"},
		{"ID", "ID"},
		{"url", "URL"},
		{"obs", "OBS"},
		{"sasl", "SASL"},
		{"ssl", "SSL"},
		{"db", "DB"},
		{"kb", "KB"},
		{"ms", "MS"},
		{"http", "HTTP"},
		{"https", "HTTPS"},
		{"utf8", "UTF8"},
		{"task_id", "TaskID"},
		{"obs_bucket", "OBSBucket"},
		{"db_name", "DBName"},
		{"size_kb", "SizeKB"},
		{"timeout_ms", "TimeoutMS"},
		{"ms_timeout", "MSTimeout"},
		{"http_server", "HTTPServer"},
		{"callback_url", "CallbackURL"},
		{"sasl_ssl", "SASLSSL"},
		{"dcs_instance_id", "DCSInstanceID"},
		{"apiKEY", "APIKey"},
		{"APIKey", "APIKey"},
		{"MyHTTPSServer", "MyHTTPSServer"},
		{"KBps", "KBps"},
		// snake, kebab, camel, Pascal, ALL_CAPS and mixed separators.
		{"snake_case_name", "SnakeCaseName"},
		{"kebab-case-name", "KebabCaseName"},
		{"two-way", "TwoWay"},
		{"camelCase", "CamelCase"},
		{"taskId", "TaskID"},
		{"taskID", "TaskID"},
		{"PascalCase", "PascalCase"},
		{"HTTPServer", "HTTPServer"},
		{"ALL_CAPS", "AllCaps"},
		{"REDIS_REPLICATOR_SOURCE", "RedisReplicatorSource"},
		{"a.b.c", "ABC"},
		{"x__y", "XY"},
		{"_leading", "Leading"},
		{"trailing_", "Trailing"},
		{"with space", "WithSpace"},
		{"$ref", "Ref"},
		// Digits: a leading digit gets the prefix N; digits end a word
		// before an upper-case letter.
		{"2fa", "N2fa"},
		{"123", "N123"},
		{"1st_place", "N1stPlace"},
		{"v2_api", "V2API"},
		{"get-v2-users", "GetV2Users"},
		{"ipv4", "Ipv4"},
		{"x1y2", "X1y2"},
		{"a1B", "A1B"},
		{"id_2", "ID2"},
		{"ID2", "Id2"},
		{"٣x", "N٣x"}, // a non-ASCII digit is a digit too
		// Punctuation only, and empty.
		{"", ""},
		{"---", ""},
		{"_", ""},
		{"$.-/ ", ""},
		// Unicode letters.
		{"café_au_lait", "CaféAuLait"},
		{"über", "Über"},
		{"Ünïcödé", "Ünïcödé"},
		{"ǆx", "Ǆx"},   // a title-case digraph upper-cases to one rune
		{"ſsl", "SSL"}, // long s upper-cases to S: the initialism SSL
		{"ıd", "ID"},   // dotless i upper-cases to I: the initialism ID
		// Letters with no upper-case form get the prefix X.
		{"日本", "X日本"},
		{"ß", "Xß"},
		{"ﬀ_value", "XﬀValue"},
	}
	for _, tt := range tests {
		got := Go(tt.in)
		if got != tt.want {
			t.Errorf("Go(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && !Valid(got) {
			t.Errorf("Go(%q) = %q, which is not Valid", tt.in, got)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"taskID", []string{"task", "ID"}},
		{"HTTPServer", []string{"HTTP", "Server"}},
		{"dcs_instance_id", []string{"dcs", "instance", "id"}},
		{"v2API", []string{"v2", "API"}},
		{"--a--b--", []string{"a", "b"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ID", true},
		{"TaskID", true},
		{"X日本", true},
		{"Über", true},
		{"N2fa", true},
		{"A_B", true}, // underscores are legal in Go identifiers
		{"", false},
		{"task", false},    // not exported
		{"_Task", false},   // not exported
		{"2fa", false},     // not an identifier
		{"日本", false},      // a letter, but not upper case
		{"Task-ID", false}, // punctuation
		{"Task ID", false},
		{"Task.ID", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzGoName checks that Go maps any string to "" or to a valid exported
// identifier, and that mapping a result again gives it back.
func FuzzGoName(f *testing.F) {
	for _, s := range []string{
		"", "---", "id", "task_id", "taskID", "HTTPServer", "ALL_CAPS",
		"kebab-case", "2fa", "日本", "ß", "café", "v2_api", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := Go(s)
		if g == "" {
			return
		}
		if !Valid(g) {
			t.Fatalf("Go(%q) = %q, which is not a valid exported identifier", s, g)
		}
		// Go is not idempotent, and need not be: it maps schema names,
		// and a Go name it made ("SASLSSL") reads as one all-caps word if
		// fed back. x-go-name overrides are used as written. What must hold
		// is that a mapped name maps again to a valid identifier.
		if again := Go(g); !Valid(again) {
			t.Fatalf("Go(%q) = %q, but Go(%q) = %q is not valid", s, g, g, again)
		}
	})
}

func TestSpell(t *testing.T) {
	for in, want := range map[string]string{".": "Dot", "-": "Dash", "": "Empty", "..": "DotDot", "+1": "Plus1"} {
		if got := Go(Spell(in)); got != want {
			t.Errorf("Go(Spell(%q)) = %q, want %q", in, got, want)
		}
	}
}

func TestIndefinite(t *testing.T) {
	for word, want := range map[string]string{
		"Order":          "an Order",
		"Obj5":           "an Obj5",
		"Task":           "a Task",
		"User":           "a User",
		"Unit":           "a Unit",
		"Update":         "an Update",
		"Undo":           "an Undo",
		"HTTPHeader":     "an HTTPHeader",
		"URLRef":         "a URLRef",
		"SmartConnect":   "a SmartConnect",
		"ListConnectors": "a ListConnectors",
		"":               "",
	} {
		if got := Indefinite(word); got != want {
			t.Errorf("Indefinite(%q) = %q, want %q", word, got, want)
		}
	}
}
