package doccheck

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/dmsgen/dmsgen/generator/ir"
	"github.com/dmsgen/dmsgen/internal/testdirs"
)

// historySchema models two pages as they stood at upstream commit d2c571c:
// creating a topic and creating a consumer group.
const historySchema = "testdata/d2c571c.yaml"

const (
	topicPage = "topic_management/creating_a_topic_for_a_kafka_instance.rst"
	groupPage = "instance_management/creating_a_consumer_group.rst"
)

// TestHistory checks a schema written for the pages of d2c571c against
// those pages, where they agree (but for three deviations), and against
// today's, where doccheck must report exactly what changed between the
// revisions (diff docs-history/d2c571c/<page> docs/<page>):
//
//   - creating a topic: the bounds notes ("Minimum: **1**", "Maximum:
//     **100**", "Array Length: **0 - 100**") are gone, and partition's
//     range is now 1-200. Where the prose still names a bound (id's "3 to
//     200 characters", replication's "1 to 3", retention_time's "1-720")
//     nothing is reported; where nothing names it, each bound the schema
//     has is: partition's maximum 100, topic_other_configs' maxItems 100,
//     topic_desc's maxLength 200, and the response name's minLength 3 and
//     maxLength 200. (The path parameters lost their "1 to 64" notes too,
//     but the IR has no type for path parameters, so no model states
//     those bounds.) The tables that became simple tables are the same
//     tables, row for row: no finding.
//   - creating a consumer group: group_desc lost its "Maximum: **200**";
//     the response section gained a table for status 200 (Table 3), so
//     the error table is now Table 4 and both get the status in their IDs:
//     the ID the model names is gone (the finding names the two the page
//     has), and neither new ID is modelled.
func TestHistory(t *testing.T) {
	history := testdirs.Env(t, "DMSGEN_DOCS_HISTORY", "the folder of earlier revisions (../shared/docs-history)")
	today := realDocs(t)
	pkg := buildSchema(t, historySchema)

	then := Check([]*ir.Package{pkg}, readDocs(t, filepath.Join(history, "d2c571c")), "")
	accepted := []string{
		topicPage + " example-typo CreateTopicRequest.sync_replication",
		topicPage + " example-typo TopicConfig.value",
		topicPage + " unchecked-rule CreateTopicRequest.sync_replication",
	}
	if got := acceptedKeys(then); !slices.Equal(got, accepted) {
		t.Errorf("d2c571c: accepted %q, want %q", got, accepted)
	}
	for _, f := range then.Findings() {
		if f.Status != StatusAccepted {
			t.Errorf("d2c571c: %s", then.Line(f))
		}
	}

	ref := readDocs(t, today)
	now := Check([]*ir.Package{pkg}, ref, "")
	if got := acceptedKeys(now); !slices.Equal(got, accepted) {
		t.Errorf("today: accepted %q, want %q", got, accepted)
	}
	row := func(page string, table int, name string) int {
		t.Helper()
		p := ref.Page(page)
		if p == nil || p.Table(table) == nil || p.Table(table).Row(name) == nil {
			t.Fatalf("%s: Table %d has no row %s", page, table, name)
		}
		return p.Table(table).Row(name).Line
	}
	table := func(page string, n int) int {
		t.Helper()
		return ref.Page(page).Table(n).Line
	}
	var diffs []Finding
	for _, f := range now.Findings() {
		if f.Status != StatusAccepted {
			diffs = append(diffs, f)
		}
	}
	name := row(topicPage, 4, "name")
	expect(t, &Report{Schema: diffs},
		diff(KindBound, topicPage, row(topicPage, 2, "partition")),
		diff(KindBound, topicPage, row(topicPage, 2, "topic_other_configs")),
		diff(KindBound, topicPage, row(topicPage, 2, "topic_desc")),
		diff(KindBound, topicPage, name),
		diff(KindBound, topicPage, name),
		diff(KindBound, groupPage, row(groupPage, 2, "group_desc")),
		diff(KindTable, groupPage, ref.Page(groupPage).TitleLine()),
		diff(KindTable, groupPage, table(groupPage, 3)),
		diff(KindTable, groupPage, table(groupPage, 4)),
	)
	for _, f := range diffs {
		t.Log(now.Line(f))
	}
}
