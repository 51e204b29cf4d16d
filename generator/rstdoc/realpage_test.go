package rstdoc

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// realPage is the upstream page dmsgen models, relative to DMSGEN_DOCS.
const realPage = "smart_connect/creating_a_smart_connect_task.rst"

// readRealPage parses the upstream page from the folder named by
// DMSGEN_DOCS. The test is skipped when the variable is unset and fails
// when it names no folder or the page cannot be read.
func readRealPage(t *testing.T) *Page {
	t.Helper()
	file := filepath.Join(testdirs.Env(t, "DMSGEN_DOCS", "the upstream documentation folder, a copy of api-ref/source/apis_v2_recommended/ of opentelekomcloud-docs/distributed-message-service, one folder per API group (smart_connect/creating_a_smart_connect_task.rst...), with api-ref/source/appendix/ as appendix/; .ci/run uses ../shared/docs"), realPage)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("DMSGEN_DOCS is set but the page cannot be read: %v", err)
	}
	p, err := Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRealPage(t *testing.T) {
	p := readRealPage(t)

	check(t, "Method", p.Method, "POST")
	check(t, "Path", p.Path, "/v2/{project_id}/instances/{instance_id}/connector/tasks")
	if p.Title == "" || p.PathLine == 0 {
		t.Errorf("Title %q, PathLine %d: want both set", p.Title, p.PathLine)
	}

	// Tables and their rows.
	wantRows := []int{2, 8, 25, 14, 10, 23, 20}
	if len(p.Tables) != len(wantRows) {
		t.Fatalf("got %d tables, want %d", len(p.Tables), len(wantRows))
	}
	for i, tb := range p.Tables {
		check(t, "table number", tb.Number, i+1)
		if len(tb.Rows) != wantRows[i] {
			t.Errorf("Table %d has %d rows, want %d", tb.Number, len(tb.Rows), wantRows[i])
		}
		check(t, "Table "+tb.Title+" HasMandatory", tb.HasMandatory, tb.Number <= 4)
		for _, r := range tb.Rows {
			if r.Name == "" || r.Type == "" || r.Description == "" || r.Line == 0 {
				t.Errorf("Table %d: incomplete row %+v", tb.Number, r)
			}
			if tb.HasMandatory && r.Mandatory != "Yes" && r.Mandatory != "No" {
				t.Errorf("Table %d %s: Mandatory %q", tb.Number, r.Name, r.Mandatory)
			}
			if strings.Contains(r.Description, "**") || strings.Contains(r.Description, ":ref:") || strings.Contains(r.Description, "  ") {
				t.Errorf("Table %d %s: markup or double space left in %q", tb.Number, r.Name, r.Description)
			}
		}
	}
	check(t, "Table 5 Status", p.Table(5).Status, 200)

	// Nested objects are linked by anchors.
	links := map[[2]int]string{{2, 3}: "source_task", {2, 4}: "sink_task", {5, 6}: "source_task", {5, 7}: "sink_task"}
	for tables, name := range links {
		r := p.Table(tables[0]).Row(name)
		if r == nil {
			t.Fatalf("Table %d has no row %s", tables[0], name)
		}
		nested := p.Table(tables[1])
		if !r.IsObject || r.IsArray || r.Ref == "" || r.Ref != nested.Anchor || r.Type != nested.Title {
			t.Errorf("Table %d %s: Type %q Ref %q object %v; Table %d is %q labelled %q",
				tables[0], name, r.Type, r.Ref, r.IsObject, tables[1], nested.Title, nested.Anchor)
		}
		if p.TableByAnchor(r.Ref) != nested {
			t.Errorf("TableByAnchor(%q) is not Table %d", r.Ref, tables[1])
		}
	}
	check(t, "source_task Type", p.Table(2).Row("source_task").Type, "SmartConnectTaskReqSourceConfig")

	row := func(table int, name string) *Row {
		t.Helper()
		r := p.Table(table).Row(name)
		if r == nil {
			t.Fatalf("Table %d has no row %s", table, name)
		}
		return r
	}

	// Types.
	check(t, "start_later Type", row(2, "start_later").Type, "Boolean")
	check(t, "task_num Type", row(3, "task_num").Type, "Integer")
	check(t, "create_time Type", row(5, "create_time").Type, "Long")

	// Values.
	check(t, "start_later Values", row(2, "start_later").Values, []string{"false", "true"})
	check(t, "compression_type Values", row(3, "compression_type").Values, []string{"none", "gzip", "snappy", "lz4", "zstd"})
	check(t, "security_protocol Values", row(3, "security_protocol").Values, []string{"SASL_SSL", "PLAINTEXT"})
	check(t, "direction Values", row(3, "direction").Values, []string{"pull", "push", "two-way"})
	check(t, "sync_mode Values", row(3, "sync_mode").Values, []string{"RDB_ONLY", "CUSTOM_OFFSET"})
	check(t, "destination_file_type Values", row(4, "destination_file_type").Values, []string{"TEXT"})
	check(t, "partition_format Values", len(row(4, "partition_format").Values), 5)
	check(t, "partition_format first", row(4, "partition_format").Values[0], "yyyy")
	check(t, "record_delimiter Values", row(4, "record_delimiter").Values, []string{",", ";", "|", `\n`, "NULL"})
	for _, name := range []string{"replication_factor", "provenance_header_enabled", "topics_mapping", "user_name", "instance_id", "task_num"} {
		check(t, name+" Values", row(3, name).Values, []string(nil))
	}

	// Defaults.
	check(t, "task_num Default", row(3, "task_num").Default, "2")
	check(t, "deliver_time_interval Default", row(4, "deliver_time_interval").Default, "300")
	check(t, "target_db Default", row(7, "target_db").Default, "-1")
	check(t, "kv_delimiter Default", row(7, "kv_delimiter").Default, ":")

	// Conditions: one type condition per row of the source and sink
	// tables, compared here by its legacy fields.
	typeConds := func(r *Row) []Condition {
		var out []Condition
		for _, c := range r.Conditions {
			if c.Phrasing == PhrasingMandatoryOnlyWhenType || c.Phrasing == PhrasingDisplayedOnlyWhenType {
				out = append(out, c)
			}
		}
		return out
	}
	cond := func(table int, name string) Condition {
		t.Helper()
		cs := typeConds(row(table, name))
		if len(cs) != 1 {
			t.Fatalf("Table %d %s: %d type conditions, want 1", table, name, len(cs))
		}
		c := cs[0]
		if c.Text == "" || c.Line < row(table, name).Line || len(c.When) != 1+len(c.And) {
			t.Errorf("Table %d %s: Text %q, Line %d, When %v", table, name, c.Text, c.Line, c.When)
		}
		return Condition{Kind: c.Kind, Subject: c.Subject, Value: c.Value, And: c.And}
	}
	check(t, "redis_address", cond(3, "redis_address"), Condition{Kind: "mandatory", Subject: "source", Value: "Redis"})
	check(t, "cluster_name", cond(3, "cluster_name"), Condition{Kind: "mandatory", Subject: "source", Value: "Kafka"})
	check(t, "security_protocol", cond(3, "security_protocol"), Condition{Kind: "mandatory", Subject: "source", Value: "Kafka"})
	check(t, "obs_path", cond(4, "obs_path"), Condition{Kind: "mandatory", Subject: "target", Value: "OBS"})
	check(t, "sink redis_address", cond(4, "redis_address"), Condition{Kind: "mandatory", Subject: "target", Value: "Redis"})
	check(t, "user_name", cond(3, "user_name"), Condition{Kind: "mandatory", Subject: "source", Value: "Kafka",
		And: []Clause{{Side: "target", Subject: "authentication mode", Value: "SASL_SSL"}}})
	check(t, "sasl_mechanism", cond(3, "sasl_mechanism"), Condition{Kind: "mandatory", Subject: "source", Value: "Kafka",
		And: []Clause{{Subject: "authentication mode", Value: "SASL_SSL"}}})
	check(t, "response ratelimit", cond(6, "ratelimit"), Condition{Kind: "displayed", Subject: "source", Value: "Redis"})
	check(t, "response kv_delimiter", cond(7, "kv_delimiter"), Condition{Kind: "displayed", Subject: "target", Value: "OBS"})
	check(t, "sasl_mechanism When", typeConds(row(3, "sasl_mechanism"))[0].When, []Test{
		{Field: "source type", Op: OpIs, Values: []string{"Kafka"}}, {Field: "authentication mode", Op: OpIs, Values: []string{"SASL_SSL"}}})
	for _, tb := range p.Tables[:2] {
		for _, r := range tb.Rows {
			check(t, r.Name+" Conditions", len(r.Conditions), 0)
		}
	}
	for _, n := range []int{3, 4, 6, 7} {
		for _, r := range p.Table(n).Rows {
			check(t, "Table "+p.Table(n).Title+" "+r.Name+" type conditions", len(typeConds(r)), 1)
		}
	}

	// Either-or and cannot-both.
	either := []string{"instance_id", "bootstrap_servers"}
	check(t, "instance_id EitherOf", row(3, "instance_id").EitherOf, either)
	check(t, "bootstrap_servers EitherOf", row(3, "bootstrap_servers").EitherOf, either)
	check(t, "topics_mapping NotTogether", row(3, "topics_mapping").NotTogether, []string{"Rename Topic", "Topic Mapping"})
	for _, r := range p.Table(3).Rows {
		if len(r.Conditions) != 1+len(r.EitherOf)/2+len(r.NotTogether)/2 {
			t.Errorf("%s: %d conditions for EitherOf %v and NotTogether %v", r.Name, len(r.Conditions), r.EitherOf, r.NotTogether)
		}
	}

	// Page facts, table IDs and status codes.
	check(t, "OriginalName", p.OriginalName, "CreateConnectorTask")
	check(t, "Anchor", p.Anchor, "CreateConnectorTask")
	check(t, "Table 1 ID", p.Table(1).ID, "createconnectortask__path_parameters")
	check(t, "Table 2 ID", p.Table(2).ID, "createconnectortask__request_body_parameters")
	if p.TableByID("CreateConnectorTask__Path_Parameters") != p.Table(1) {
		t.Error("TableByID does not find Table 1 by its ID in another case")
	}
	if len(p.StatusCodes) != 1 || p.StatusCodes[0].Code != 200 || p.StatusCodes[0].Description == "" {
		t.Errorf("StatusCodes = %+v, want one 200", p.StatusCodes)
	}

	// Examples.
	var requests, responses int
	for _, ex := range p.Examples {
		var v map[string]any
		if err := json.Unmarshal(ex.JSON, &v); err != nil {
			t.Errorf("example on line %d: JSON does not parse: %v", ex.Line, err)
		}
		switch ex.Kind {
		case "request":
			requests++
			if ex.Method != "POST" || !strings.HasSuffix(ex.URL, p.Path) || ex.Title == "" || ex.Intro != ex.Title || ex.Status != 0 {
				t.Errorf("request example on line %d: %s %s, title %q, status %d", ex.Line, ex.Method, ex.URL, ex.Title, ex.Status)
			}
		case "response":
			responses++
			if ex.Status != 200 || ex.Method != "" || ex.Title != "" || ex.Intro == "" {
				t.Errorf("response example on line %d: status %d, method %q, title %q", ex.Line, ex.Status, ex.Method, ex.Title)
			}
		}
	}
	check(t, "request examples", requests, 3)
	check(t, "response examples", responses, 1)
	// The first request writes the record delimiter as a JSON escape.
	var first struct {
		SinkTask map[string]any `json:"sink_task"`
	}
	if err := json.Unmarshal(p.Examples[0].JSON, &first); err != nil || first.SinkTask["record_delimiter"] != `\n` {
		t.Errorf("first request sink_task.record_delimiter = %q (%v), want backslash-n", first.SinkTask["record_delimiter"], err)
	}
}
