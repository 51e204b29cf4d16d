package smartconnect_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
)

// requestSchema is the reference validator for the request body: the
// schema compiled by santhosh-tekuri/jsonschema/v5 as Draft 2020-12.
var requestSchema = sync.OnceValue(func() *jsonschema.Schema {
	doc, err := reference.Load(reference.SchemaPath())
	if err != nil {
		panic(err)
	}
	s, err := doc.Compile("#/components/schemas/CreateConnectorTaskRequest")
	if err != nil {
		panic(err)
	}
	return s
})

// verdicts returns the two verdicts on d: ours is the error of
// DecodeCreateConnectorTaskRequest followed (when decoding succeeds) by
// Validate; ref is the reference validator's. Each is nil when d is
// accepted. The central property is (ours == nil) == (ref == nil).
func verdicts(d []byte) (ours, ref error) {
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(d)
	if err == nil {
		err = req.Validate()
	}
	return err, reference.Validate(requestSchema(), d)
}

// eqCase is one row of TestEquivalence: a document and what our pipeline
// must say about it. For an invalid document, paths are the RFC 6901
// pointers of the violations our *ValidationError lists, in its order.
type eqCase struct {
	name  string
	doc   string
	valid bool
	paths []string
}

func valid(name, doc string) eqCase { return eqCase{name: name, doc: doc, valid: true} }

func invalid(name, doc string, paths ...string) eqCase {
	return eqCase{name: name, doc: doc, paths: paths}
}

// The page's three request examples, as literal documents. (The rows
// "example/..." below also take them from the schema itself.)
const (
	obsDoc = `{
  "task_name": "smart-connect-1",
  "start_later": false,
  "source_type": "NONE",
  "topics_regex": "topic-obs*",
  "sink_type": "OBS_SINK",
  "sink_task": {
    "consumer_strategy": "earliest",
    "destination_file_type": "TEXT",
    "deliver_time_interval": 300,
    "access_key": "********",
    "secret_key": "********",
    "obs_bucket_name": "obs_bucket",
    "obs_path": "obsTransfer-1810125534",
    "partition_format": "yyyy/MM/dd/HH/mm",
    "record_delimiter": "\\n",
    "store_keys": false
  }
}`
	kafkaDoc = `{
  "task_name": "smart-connect-2",
  "start_later": true,
  "source_type": "KAFKA_REPLICATOR_SOURCE",
  "source_task": {
    "current_cluster_name": "A",
    "cluster_name": "B",
    "user_name": "user1",
    "password": "********",
    "sasl_mechanism": "SCRAM-SHA-512",
    "instance_id": "b54c9dd8-********-********",
    "direction": "two-way",
    "sync_consumer_offsets_enabled": false,
    "replication_factor": 3,
    "task_num": 2,
    "rename_topic_enabled": false,
    "provenance_header_enabled": true,
    "consumer_strategy": "latest",
    "compression_type": "snappy",
    "topics_mapping": "topic-sc-1:topic-sc-3,topic-sc-2:topic-sc-4"
  }
}`
	redisDoc = `{
  "task_name": "smart-connect-3",
  "start_later": false,
  "source_type": "REDIS_REPLICATOR_SOURCE",
  "source_task": {
    "redis_address": "192.168.99.249:6379,192.168.120.127:6379,192.168.116.219:6379",
    "redis_type": "cluster",
    "redis_password": "********",
    "sync_mode": "RDB_ONLY",
    "full_sync_max_retry": 10,
    "full_sync_wait_ms": 10000,
    "ratelimit": 10
  },
  "topics": "topic-sc-3",
  "sink_type": "REDIS_REPLICATOR_SINK",
  "sink_task": {
    "redis_address": "192.168.119.51:6379",
    "redis_type": "standalone",
    "redis_password": "********"
  }
}`
)

// The schema's conditional requireds, restated here from
// schemas/smartconnect.yaml (allOf/0..3) so that the table does not take
// them from the code under test.
var (
	redisSourceRequired = []string{"redis_address", "redis_type", "redis_password", "sync_mode", "full_sync_wait_ms", "full_sync_max_retry", "ratelimit"}
	kafkaSourceRequired = []string{"current_cluster_name", "cluster_name", "direction", "sync_consumer_offsets_enabled", "replication_factor", "task_num", "rename_topic_enabled", "provenance_header_enabled", "consumer_strategy", "compression_type"}
	redisSinkRequired   = []string{"redis_address", "redis_type", "redis_password"}
	obsSinkRequired     = []string{"consumer_strategy", "destination_file_type", "deliver_time_interval", "access_key", "secret_key", "obs_bucket_name", "obs_path", "partition_format", "record_delimiter", "store_keys"}
)

// parseDoc parses a JSON object with exact numbers.
func parseDoc(tb testing.TB, doc string) map[string]any {
	tb.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		tb.Fatalf("parse %s: %v", doc, err)
	}
	return m
}

// edit returns doc changed by f, re-encoded.
func edit(tb testing.TB, doc string, f func(m map[string]any)) string {
	tb.Helper()
	m := parseDoc(tb, doc)
	f(m)
	out, err := json.Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	return string(out)
}

// sub returns the object member name of m.
func sub(m map[string]any, name string) map[string]any {
	return m[name].(map[string]any)
}

// jsonField is a member of a generated request type, with the JSON type
// the schema gives it.
type jsonField struct {
	name string
	kind string // "string", "boolean", "integer" or "object"
}

// fieldsOf lists the JSON members of a generated struct type from its
// json tags, in declaration order.
func fieldsOf(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out = append(out, jsonField{name, jsonKind(ft)})
	}
	return out
}

// jsonKind returns the JSON type the schema gives a generated field of Go
// type ft (pointer removed).
func jsonKind(ft reflect.Type) string {
	switch {
	case ft == reflect.TypeFor[smartconnect.Secret]():
		return "string" // a secret is a JSON string, however Go holds it
	case ft.Kind() == reflect.String:
		return "string"
	case ft.Kind() == reflect.Bool:
		return "boolean"
	case ft.Kind() == reflect.Int32, ft.Kind() == reflect.Int64:
		return "integer"
	case ft.Kind() == reflect.Struct:
		return "object"
	}
	panic("unexpected field type " + ft.String())
}

var (
	requestFields = fieldsOf(reflect.TypeFor[smartconnect.CreateConnectorTaskRequest]())
	sourceFields  = fieldsOf(reflect.TypeFor[smartconnect.SmartConnectTaskReqSourceConfig]())
	sinkFields    = fieldsOf(reflect.TypeFor[smartconnect.SmartConnectTaskReqSinkConfig]())
)

// wrongValues are JSON values of every type but kind (null aside: the null
// rows are separate).
var wrongValues = map[string][]string{
	"string":  {`1`, `-0.5`, `true`, `false`, `{}`, `[]`, `["NONE"]`},
	"boolean": {`"true"`, `"false"`, `0`, `1`, `{}`, `[]`, `[true]`},
	"integer": {`"1"`, `true`, `{}`, `[]`, `[1]`, `1.5`},
	"object":  {`"x"`, `""`, `1`, `false`, `[]`, `[{}]`},
}

// inside wraps a member "name": value in the object it belongs to: the
// request itself (holder ""), or its source_task or sink_task.
func inside(holder, name, value string) (doc, path string) {
	member := fmt.Sprintf(`{%q:%s}`, name, value)
	if holder == "" {
		return member, "/" + name
	}
	return fmt.Sprintf(`{%q:%s}`, holder, member), "/" + holder + "/" + name
}

// equivalenceCases returns the table of TestEquivalence (also the fuzz
// seeds).
func equivalenceCases(tb testing.TB) []eqCase {
	tb.Helper()
	var cs []eqCase
	add := func(c ...eqCase) { cs = append(cs, c...) }

	// The page's examples, from the schema, and as literal documents.
	for _, ex := range examples(tb) {
		if ex.Request && ex.Op == "CreateConnectorTask" {
			add(valid("example/"+ex.Name, string(ex.JSON)))
		}
	}
	add(valid("literal/obs-dump", obsDoc), valid("literal/kafka-replication", kafkaDoc), valid("literal/redis-replication", redisDoc))

	// Each required field of each branch removed, one at a time; every
	// other field of the base document removed (optional: still valid).
	branches := []struct {
		name, doc, holder string
		required          []string
	}{
		{"source=REDIS", redisDoc, "source_task", redisSourceRequired},
		{"source=KAFKA", kafkaDoc, "source_task", kafkaSourceRequired},
		{"sink=REDIS", redisDoc, "sink_task", redisSinkRequired},
		{"sink=OBS", obsDoc, "sink_task", obsSinkRequired},
	}
	for _, b := range branches {
		base := parseDoc(tb, b.doc)
		for name := range sub(base, b.holder) {
			doc := edit(tb, b.doc, func(m map[string]any) { delete(sub(m, b.holder), name) })
			rowName := b.name + "/without/" + name
			switch {
			case slices.Contains(b.required, name):
				add(invalid(rowName, doc, "/"+b.holder+"/"+name))
			case name == "instance_id": // the oneOf's other member is absent too
				add(invalid(rowName, doc, "/"+b.holder))
			default:
				add(valid(rowName, doc))
			}
		}
		// Without the task object at all.
		add(invalid(b.name+"/without/"+b.holder, edit(tb, b.doc, func(m map[string]any) { delete(m, b.holder) }), "/"+b.holder))
		// With an empty task object: every required field is missing.
		var want []string
		for _, r := range b.required {
			want = append(want, "/"+b.holder+"/"+r)
		}
		if b.name == "source=KAFKA" {
			want = append(want, "/source_task") // oneOf: neither
		}
		add(invalid(b.name+"/empty-"+b.holder, edit(tb, b.doc, func(m map[string]any) { m[b.holder] = map[string]any{} }), want...))
	}
	// The conditions are on the type: the same fields may be missing when
	// the type is absent, NONE or the other branch.
	add(
		valid("source-task-empty/no-source-type", `{"source_task":{}}`),
		valid("source-task-empty/source=NONE", `{"source_type":"NONE","source_task":{}}`),
		valid("sink-task-empty/sink=NONE", `{"sink_type":"NONE","sink_task":{}}`),
		valid("source=NONE/sink=NONE", `{"source_type":"NONE","sink_type":"NONE"}`),
		valid("source=REDIS-fields/no-source-type", edit(tb, redisDoc, func(m map[string]any) { delete(m, "source_type"); delete(m, "sink_type") })),
		valid("source=REDIS/with-kafka-fields-absent", `{"source_type":"REDIS_REPLICATOR_SOURCE","source_task":{"redis_address":"a","redis_type":"b","redis_password":"c","sync_mode":"CUSTOM_OFFSET","full_sync_wait_ms":0,"full_sync_max_retry":0,"ratelimit":-1}}`),
		invalid("source=KAFKA/with-redis-fields", `{"source_type":"KAFKA_REPLICATOR_SOURCE","source_task":{"redis_address":"a","redis_type":"b","redis_password":"c","sync_mode":"CUSTOM_OFFSET","full_sync_wait_ms":0,"full_sync_max_retry":0,"ratelimit":-1}}`,
			"/source_task/current_cluster_name", "/source_task/cluster_name", "/source_task/direction", "/source_task/sync_consumer_offsets_enabled", "/source_task/replication_factor", "/source_task/task_num", "/source_task/rename_topic_enabled", "/source_task/provenance_header_enabled", "/source_task/consumer_strategy", "/source_task/compression_type", "/source_task"),
		invalid("sink=OBS/with-redis-sink-fields", `{"sink_type":"OBS_SINK","sink_task":{"redis_address":"a","redis_type":"b","redis_password":"c"}}`,
			"/sink_task/consumer_strategy", "/sink_task/destination_file_type", "/sink_task/deliver_time_interval", "/sink_task/access_key", "/sink_task/secret_key", "/sink_task/obs_bucket_name", "/sink_task/obs_path", "/sink_task/partition_format", "/sink_task/record_delimiter", "/sink_task/store_keys"),
		invalid("sink=REDIS/with-obs-fields", edit(tb, obsDoc, func(m map[string]any) { m["sink_type"] = "REDIS_REPLICATOR_SINK" }),
			"/sink_task/redis_address", "/sink_task/redis_type", "/sink_task/redis_password"),
		invalid("source=REDIS+sink=OBS/both-tasks-missing", `{"source_type":"REDIS_REPLICATOR_SOURCE","sink_type":"OBS_SINK"}`, "/source_task", "/sink_task"),
	)

	// oneOf instance_id / bootstrap_servers.
	add(
		valid("oneOf/instance_id", kafkaDoc),
		valid("oneOf/bootstrap_servers", edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			delete(st, "instance_id")
			st["bootstrap_servers"] = "10.0.0.1:9092,10.0.0.2:9092"
		})),
		valid("oneOf/bootstrap_servers-empty-string", edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			delete(st, "instance_id")
			st["bootstrap_servers"] = ""
		})),
		invalid("oneOf/neither", edit(tb, kafkaDoc, func(m map[string]any) { delete(sub(m, "source_task"), "instance_id") }), "/source_task"),
		invalid("oneOf/both", edit(tb, kafkaDoc, func(m map[string]any) { sub(m, "source_task")["bootstrap_servers"] = "10.0.0.1:9092" }), "/source_task"),
		invalid("oneOf/both-empty", edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			st["instance_id"] = ""
			st["bootstrap_servers"] = ""
		}), "/source_task"),
		valid("oneOf/both-but-not-kafka", `{"source_type":"NONE","source_task":{"instance_id":"a","bootstrap_servers":"b"}}`),
	)

	// SASL_SSL requires user_name, password and sasl_mechanism (under
	// KAFKA_REPLICATOR_SOURCE only).
	sasl := edit(tb, kafkaDoc, func(m map[string]any) { sub(m, "source_task")["security_protocol"] = "SASL_SSL" })
	add(valid("sasl/SASL_SSL-complete", sasl))
	for _, f := range []string{"user_name", "password", "sasl_mechanism"} {
		add(invalid("sasl/SASL_SSL-without/"+f, edit(tb, sasl, func(m map[string]any) { delete(sub(m, "source_task"), f) }), "/source_task/"+f))
		add(valid("sasl/PLAINTEXT-without/"+f, edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			st["security_protocol"] = "PLAINTEXT"
			delete(st, f)
		})))
		add(valid("sasl/absent-without/"+f, edit(tb, kafkaDoc, func(m map[string]any) { delete(sub(m, "source_task"), f) })))
	}
	add(
		invalid("sasl/SASL_SSL-without-all", edit(tb, sasl, func(m map[string]any) {
			st := sub(m, "source_task")
			delete(st, "user_name")
			delete(st, "password")
			delete(st, "sasl_mechanism")
		}), "/source_task/user_name", "/source_task/password", "/source_task/sasl_mechanism"),
		valid("sasl/SASL_SSL-not-kafka", `{"source_type":"NONE","source_task":{"security_protocol":"SASL_SSL"}}`),
		valid("sasl/SASL_SSL-no-source-type", `{"source_task":{"security_protocol":"SASL_SSL"}}`),
		invalid("sasl/lowercase-sasl_ssl", edit(tb, kafkaDoc, func(m map[string]any) { sub(m, "source_task")["security_protocol"] = "sasl_ssl" }), "/source_task/security_protocol"),
		valid("sasl/SASL_SSL-empty-credentials", edit(tb, sasl, func(m map[string]any) {
			st := sub(m, "source_task")
			st["user_name"], st["password"], st["sasl_mechanism"] = "", "", ""
		})),
	)

	// rename_topic_enabled true forbids topics_mapping, whatever the
	// source type.
	add(
		invalid("rename/true-with-mapping", edit(tb, kafkaDoc, func(m map[string]any) { sub(m, "source_task")["rename_topic_enabled"] = true }), "/source_task/topics_mapping"),
		invalid("rename/true-with-empty-mapping", `{"source_task":{"rename_topic_enabled":true,"topics_mapping":""}}`, "/source_task/topics_mapping"),
		invalid("rename/true-with-mapping-source=NONE", `{"source_type":"NONE","source_task":{"rename_topic_enabled":true,"topics_mapping":"a:b"}}`, "/source_task/topics_mapping"),
		valid("rename/true-without-mapping", edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			st["rename_topic_enabled"] = true
			delete(st, "topics_mapping")
		})),
		valid("rename/false-with-mapping", kafkaDoc),
		valid("rename/absent-with-mapping", `{"source_task":{"topics_mapping":"a:b"}}`),
	)

	// Enums: every value accepted, values outside rejected.
	enums := []struct {
		holder, name string
		values, bad  []string
	}{
		{"", "source_type", []string{"NONE", "KAFKA_REPLICATOR_SOURCE", "REDIS_REPLICATOR_SOURCE"}, []string{"BOGUS", "none", "", " NONE", "NONE ", "KAFKA", "REDIS_REPLICATOR_SINK"}},
		{"", "sink_type", []string{"NONE", "OBS_SINK", "REDIS_REPLICATOR_SINK"}, []string{"BOGUS", "obs_sink", "", "REDIS_REPLICATOR_SOURCE"}},
		{"source_task", "sync_mode", []string{"RDB_ONLY", "CUSTOM_OFFSET"}, []string{"RDB_ONLY,", "rdb_only", ""}},
		{"source_task", "security_protocol", []string{"SASL_SSL", "PLAINTEXT"}, []string{"SSL", "SASL_PLAINTEXT", ""}},
		{"source_task", "direction", []string{"pull", "push", "two-way"}, []string{"both", "two_way", "Pull", ""}},
		{"source_task", "consumer_strategy", []string{"latest", "earliest"}, []string{"LATEST", "newest", ""}},
		{"source_task", "compression_type", []string{"none", "gzip", "snappy", "lz4", "zstd"}, []string{"brotli", "NONE", "Gzip", ""}},
		{"sink_task", "consumer_strategy", []string{"latest", "earliest"}, []string{"oldest", ""}},
		{"sink_task", "destination_file_type", []string{"TEXT"}, []string{"CSV", "text", ""}},
		{"sink_task", "partition_format", []string{"yyyy", "yyyy/MM", "yyyy/MM/dd", "yyyy/MM/dd/HH", "yyyy/MM/dd/HH/mm"}, []string{"yyyy/MM/dd/HH/mm/ss", "YYYY", "yyyy/mm", ""}},
		{"sink_task", "record_delimiter", []string{",", ";", "|", `\n`, "NULL"}, []string{"\n", "\\t", "null", "", ", "}},
	}
	taskOf := map[string]string{
		"KAFKA_REPLICATOR_SOURCE": "source_task",
		"REDIS_REPLICATOR_SOURCE": "source_task",
		"OBS_SINK":                "sink_task",
		"REDIS_REPLICATOR_SINK":   "sink_task",
	}
	for _, e := range enums {
		prefix := "enum/" + strings.TrimPrefix(e.holder+"/"+e.name, "/")
		for _, v := range e.values {
			doc, _ := inside(e.holder, e.name, quote(v))
			// Alone, a type that has a task object needs it.
			if needs := taskOf[v]; e.holder == "" && needs != "" && strings.HasPrefix(needs, strings.TrimSuffix(e.name, "type")) {
				add(invalid(prefix+"/"+v+"/alone", doc, "/"+needs))
				continue
			}
			add(valid(prefix+"/"+v, doc))
		}
		for _, v := range e.bad {
			doc, path := inside(e.holder, e.name, quote(v))
			add(invalid(prefix+"/bad/"+v, doc, path))
		}
	}
	add(
		invalid("enum/source_type-bad-in-full-doc", edit(tb, redisDoc, func(m map[string]any) { m["source_type"] = "REDIS" }), "/source_type"),
		invalid("enum/two-bad", `{"source_type":"X","source_task":{"direction":"Y"},"sink_type":"Z","sink_task":{"record_delimiter":"W"}}`, "/source_type", "/source_task/direction", "/sink_type", "/sink_task/record_delimiter"),
		invalid("enum/bad-and-required", `{"source_type":"KAFKA_REPLICATOR_SOURCE","source_task":{"direction":"Y","instance_id":"i"}}`,
			"/source_task/direction", "/source_task/current_cluster_name", "/source_task/cluster_name", "/source_task/sync_consumer_offsets_enabled", "/source_task/replication_factor", "/source_task/task_num", "/source_task/rename_topic_enabled", "/source_task/provenance_header_enabled", "/source_task/consumer_strategy", "/source_task/compression_type"),
	)

	// Zero values are values.
	add(
		valid("zero/empty-object", `{}`),
		valid("zero/empty-object-spaces", " \t\r\n{ \t\r\n} \t\r\n"),
		valid("zero/empty-tasks", `{"source_task":{},"sink_task":{}}`),
		valid("zero/strings-and-bools", `{"task_name":"","start_later":false,"topics":"","topics_regex":""}`),
		valid("zero/source-task", `{"source_task":{"redis_address":"","redis_type":"","dcs_instance_id":"","redis_password":"","full_sync_wait_ms":0,"full_sync_max_retry":0,"ratelimit":0,"current_cluster_name":"","cluster_name":"","user_name":"","password":"","sasl_mechanism":"","instance_id":"","bootstrap_servers":"","sync_consumer_offsets_enabled":false,"replication_factor":0,"task_num":0,"rename_topic_enabled":false,"provenance_header_enabled":false,"topics_mapping":""}}`),
		valid("zero/sink-task", `{"sink_task":{"redis_address":"","redis_type":"","dcs_instance_id":"","redis_password":"","deliver_time_interval":0,"access_key":"","secret_key":"","obs_bucket_name":"","obs_path":"","store_keys":false}}`),
		valid("zero/redis-source-required-zero", `{"source_type":"REDIS_REPLICATOR_SOURCE","source_task":{"redis_address":"","redis_type":"","redis_password":"","sync_mode":"RDB_ONLY","full_sync_wait_ms":0,"full_sync_max_retry":0,"ratelimit":0}}`),
		invalid("zero/empty-enums", `{"source_type":"","sink_type":""}`, "/source_type", "/sink_type"),
	)

	// Explicit null at every level and for every member.
	add(invalid("null/document", `null`, ""))
	add(invalid("null/document-spaces", ` null `, ""))
	for _, set := range []struct {
		holder string
		fields []jsonField
	}{{"", requestFields}, {"source_task", sourceFields}, {"sink_task", sinkFields}} {
		for _, f := range set.fields {
			doc, path := inside(set.holder, f.name, `null`)
			add(invalid("null/"+strings.TrimPrefix(path, "/"), doc, path))
			for _, v := range wrongValues[f.kind] {
				doc, path := inside(set.holder, f.name, v)
				add(invalid("type/"+strings.TrimPrefix(path, "/")+"/"+v, doc, path))
			}
		}
	}
	add(
		invalid("null/in-full-doc", edit(tb, obsDoc, func(m map[string]any) { sub(m, "sink_task")["store_keys"] = nil }), "/sink_task/store_keys"),
		invalid("null/every-top-member", `{"task_name":null,"start_later":null,"topics":null,"topics_regex":null,"source_type":null,"source_task":null,"sink_type":null,"sink_task":null}`,
			"/task_name", "/start_later", "/topics", "/topics_regex", "/source_type", "/source_task", "/sink_type", "/sink_task"),
		invalid("null/required-member-null", `{"source_type":"REDIS_REPLICATOR_SOURCE","source_task":null}`, "/source_task"),
		invalid("type/all-wrong-reported", `{"task_name":1,"start_later":"no","source_task":{"ratelimit":"1","store_keys":true},"sink_task":{"store_keys":0}}`,
			"/task_name", "/start_later", "/source_task/ratelimit", "/source_task/store_keys", "/sink_task/store_keys"),
	)

	// Integers spelled in every way JSON allows: the value counts.
	for _, v := range []string{"10.0", "1e1", "1E1", "1E+1", "1e+1", "-0", "-0.0", "0.0", "0e5", "0E-5", "100e-1", "1000E-2", "0.1e2", "0.00010e5", "1.0", "-1", "-1.0e0", "2147483647", "2147483647.0", "2.147483647e9", "21474836470e-1", "-2147483648", "-2.147483648E+9", "-2147483648.000", "0e10000", "0.0e-10000", "1" + strings.Repeat("0", 9) + "e-9"} {
		add(valid("int/ok/"+v, `{"sink_task":{"deliver_time_interval":`+v+`}}`))
		add(valid("int/ok-source/"+v, `{"source_task":{"ratelimit":`+v+`}}`))
	}
	for _, v := range []string{"1.5", "1e-1", "0.5", "-0.5", "1.000001", "2147483646.5", "1E-10000", "123456789e-10"} {
		add(invalid("int/fraction/"+v, `{"sink_task":{"deliver_time_interval":`+v+`}}`, "/sink_task/deliver_time_interval"))
	}
	for _, v := range []string{"2147483648", "-2147483649", "2147483648.0", "2.147483648e9", "1e10", "-1e10", "1e400", "-1e400", "1e10000", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e19", "99999999999999999999999999999", "21474836471e-1"} {
		add(invalid("int/range/"+v, `{"source_task":{"task_num":`+v+`}}`, "/source_task/task_num"))
	}
	for _, holder := range []string{"source_task", "sink_task"} {
		fields := sourceFields
		if holder == "sink_task" {
			fields = sinkFields
		}
		for _, f := range fields {
			if f.kind != "integer" {
				continue
			}
			for _, v := range []string{"2147483647", "-2147483648"} {
				doc, _ := inside(holder, f.name, v)
				add(valid("int/bounds/"+holder+"/"+f.name+"/"+v, doc))
			}
			for _, v := range []string{"2147483648", "-2147483649", "0.5"} {
				doc, path := inside(holder, f.name, v)
				add(invalid("int/bounds/"+holder+"/"+f.name+"/"+v, doc, path))
			}
		}
	}
	add(valid("int/in-full-doc-float-spelling", strings.Replace(strings.Replace(redisDoc, `"ratelimit": 10`, `"ratelimit": 1E+1`, 1), `"full_sync_wait_ms": 10000`, `"full_sync_wait_ms": 1.0e4`, 1)))

	// Unknown members, at every level.
	add(
		invalid("unknown/old-spelling-rename_topic_enable", edit(tb, kafkaDoc, func(m map[string]any) {
			st := sub(m, "source_task")
			delete(st, "rename_topic_enabled")
			st["rename_topic_enable"] = false
		}), "/source_task/rename_topic_enable"),
		invalid("unknown/rename_topic_enable-alongside", `{"source_task":{"rename_topic_enabled":false,"rename_topic_enable":false}}`, "/source_task/rename_topic_enable"),
		invalid("unknown/top-level", `{"task_name":"t","foo":1}`, "/foo"),
		invalid("unknown/top-level-null", `{"foo":null}`, "/foo"),
		invalid("unknown/top-level-object", `{"foo":{"bar":[1,{"baz":null}]}}`, "/foo"),
		invalid("unknown/top-level-old-spelling", `{"rename_topic_enable":true}`, "/rename_topic_enable"),
		invalid("unknown/case", `{"Task_Name":"x"}`, "/Task_Name"),
		invalid("unknown/response-only-member", `{"id":"8a205bbd"}`, "/id"),
		invalid("unknown/sink-response-only-member", `{"sink_task":{"obs_part_size":5242880}}`, "/sink_task/obs_part_size"),
		invalid("unknown/source-response-only-member", `{"source_task":{"target_db":-1}}`, "/source_task/target_db"),
		invalid("unknown/sink-member-of-source", `{"sink_task":{"sync_mode":"RDB_ONLY"}}`, "/sink_task/sync_mode"),
		invalid("unknown/empty-name", `{"":1}`, "/"),
		invalid("unknown/pointer-escapes", `{"a/b~c":1}`, "/a~1b~0c"),
		invalid("unknown/trailing-space-name", `{"task_name ":"x"}`, "/task_name "),
		invalid("unknown/nul-suffix", `{"task_name\u0000":"x"}`, "/task_name\x00"),
		invalid("unknown/two", `{"a":1,"task_name":"x","b":2}`, "/a", "/b"),
		invalid("unknown/with-enum-violation", `{"source_type":"X","a":1}`, "/a"),
		invalid("unknown/duplicate-unknown", `{"a":1,"a":2}`, "/a", "/a"),
		invalid("unknown/invalid-utf8-name", "{\"\xff\":1}", ""), // not UTF-8: malformed, for both
	)

	// Documents that are not objects.
	for _, d := range []string{`[]`, `[{}]`, `[` + obsDoc + `]`, `"x"`, `""`, `0`, `1`, `-1.5`, `1e400`, `null`, `true`, `false`} {
		add(invalid("not-object/"+d[:min(len(d), 8)], d, ""))
	}

	// Malformed JSON, empty input, trailing data.
	add(
		invalid("syntax/empty", ``, ""),
		invalid("syntax/space", " \n\t", ""),
		invalid("syntax/open", `{`, ""),
		invalid("syntax/close", `}`, ""),
		invalid("syntax/unclosed", `{"task_name":"x"`, ""),
		invalid("syntax/unclosed-inner", `{"source_task":{"redis_address":"x"`, "/source_task"),
		invalid("syntax/missing-value", `{"task_name":}`, "/task_name"),
		invalid("syntax/missing-colon", `{"task_name" "x"}`, ""),
		invalid("syntax/trailing-comma", `{"task_name":"x",}`, ""),
		invalid("syntax/leading-comma", `{,"task_name":"x"}`, ""),
		invalid("syntax/single-quotes", `{'task_name':'x'}`, ""),
		invalid("syntax/bare-name", `{task_name:"x"}`, ""),
		invalid("syntax/unterminated-string", `{"task_name":"x}`, "/task_name"),
		invalid("syntax/raw-newline-in-string", "{\"task_name\":\"a\nb\"}", "/task_name"),
		invalid("syntax/raw-tab-in-string", "{\"task_name\":\"a\tb\"}", "/task_name"),
		invalid("syntax/raw-nul-in-string", "{\"task_name\":\"a\x00b\"}", "/task_name"),
		invalid("syntax/bad-escape", `{"task_name":"\x41"}`, "/task_name"),
		invalid("syntax/short-u-escape", `{"task_name":"\u41"}`, "/task_name"),
		invalid("syntax/bad-hex-u-escape", `{"task_name":"\u00g1"}`, "/task_name"),
		invalid("syntax/bad-escape-in-name", `{"task\_name":"x"}`, ""),
		invalid("syntax/leading-zero", `{"sink_task":{"deliver_time_interval":0300}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/plus", `{"sink_task":{"deliver_time_interval":+300}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/dot-first", `{"sink_task":{"deliver_time_interval":.5}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/dot-last", `{"sink_task":{"deliver_time_interval":5.}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/exponent-empty", `{"sink_task":{"deliver_time_interval":5e}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/exponent-sign-only", `{"sink_task":{"deliver_time_interval":5e+}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/minus-only", `{"sink_task":{"deliver_time_interval":-}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/hex", `{"sink_task":{"deliver_time_interval":0x10}}`, "/sink_task"),
		invalid("syntax/NaN", `{"sink_task":{"deliver_time_interval":NaN}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/Infinity", `{"sink_task":{"deliver_time_interval":Infinity}}`, "/sink_task/deliver_time_interval"),
		invalid("syntax/True", `{"start_later":True}`, "/start_later"),
		invalid("syntax/tru", `{"start_later":tru}`, "/start_later"),
		invalid("syntax/truex", `{"start_later":truex}`, ""),
		invalid("syntax/nul", `{"start_later":nul}`, "/start_later"),
		invalid("syntax/bad-in-unknown", `{"foo":[1,]}`, "/foo", "/foo"),
		invalid("syntax/bad-in-wrong-type", `{"task_name":[1,]}`, "/task_name"),
		invalid("syntax/bom", "\uFEFF{}", ""),
		invalid("syntax/comment", `{/*c*/}`, ""),
		invalid("trailing/object", `{} {}`, ""),
		invalid("trailing/garbage", `{}x`, ""),
		invalid("trailing/bracket", `{}]`, ""),
		invalid("trailing/brace", `{}}`, ""),
		invalid("trailing/nul", "{}\x00", ""),
		invalid("trailing/after-full-doc", obsDoc+`,`, ""),
		invalid("trailing/after-type-error", `{"task_name":1} x`, "/task_name", ""),
		valid("trailing/white-space", "{}\n\r\t "),
		invalid("syntax/nbsp-white-space", "{\u00a0}", ""),
		invalid("syntax/vertical-tab", "{\v}", ""),
	)

	// Duplicate member names, however spelled.
	add(
		invalid("duplicate/top", `{"task_name":"a","task_name":"b"}`, "/task_name"),
		invalid("duplicate/top-same-value", `{"task_name":"a","task_name":"a"}`, "/task_name"),
		invalid("duplicate/escaped", `{"task_name":"a","task\u005fname":"a"}`, "/task_name"),
		invalid("duplicate/escaped-all", `{"\u0074\u0061\u0073\u006b\u005f\u006e\u0061\u006d\u0065":"a","task_name":"a"}`, "/task_name"),
		invalid("duplicate/source_task", `{"source_task":{},"source_task":{}}`, "/source_task"),
		invalid("duplicate/in-source-task", `{"source_task":{"ratelimit":1,"ratelimit":1}}`, "/source_task/ratelimit"),
		invalid("duplicate/in-sink-task", `{"sink_task":{"store_keys":true,"store_keys":false}}`, "/sink_task/store_keys"),
		invalid("duplicate/different-types", `{"start_later":true,"start_later":"x"}`, "/start_later"),
		invalid("duplicate/in-full-doc", strings.Replace(kafkaDoc, `"task_num": 2,`, `"task_num": 2, "task_num": 3,`, 1), "/source_task/task_num"),
		invalid("duplicate/three", `{"topics":"a","topics":"b","topics":"c"}`, "/topics", "/topics"),
	)

	// Every member of every object present once is no duplicate (the
	// decoder's seen-set gives each member its own slot), and each one
	// repeated is.
	members := func(fields []jsonField, nested map[string]string) []string {
		var out []string
		for _, f := range fields {
			v, ok := nested[f.name]
			if !ok {
				v, ok = enumValue[f.name]
			}
			if !ok {
				v = map[string]string{"string": `"s"`, "boolean": `false`, "integer": `7`}[f.kind]
			}
			out = append(out, quote(f.name)+":"+v)
		}
		return out
	}
	source := "{" + strings.Join(members(sourceFields, nil), ",") + "}"
	sink := "{" + strings.Join(members(sinkFields, nil), ",") + "}"
	top := members(requestFields, map[string]string{"source_task": source, "sink_task": sink, "source_type": `"NONE"`, "sink_type": `"NONE"`})
	add(valid("all-members/once", "{"+strings.Join(top, ",")+"}"))
	for _, set := range []struct {
		holder string
		fields []jsonField
	}{{"", requestFields}, {"source_task", sourceFields}, {"sink_task", sinkFields}} {
		all := members(set.fields, map[string]string{"source_task": source, "sink_task": sink, "source_type": `"NONE"`, "sink_type": `"NONE"`})
		for i, f := range set.fields {
			twice := slices.Insert(slices.Clone(all), len(all), all[i])
			doc := "{" + strings.Join(twice, ",") + "}"
			path := "/" + f.name
			if set.holder != "" {
				doc = fmt.Sprintf(`{%q:%s}`, set.holder, doc)
				path = "/" + set.holder + path
			}
			add(invalid("all-members/duplicate"+path, doc, path))
		}
	}

	// Strings: escapes and invalid UTF-8, where enums compare and where
	// they do not.
	add(
		valid("string/escaped-enum", `{"source_type":"NON\u0045"}`),
		valid("string/escaped-enum-all", `{"source_type":"\u004E\u004f\u004E\u0045"}`),
		valid("string/escaped-name", `{"source\u005ftype":"NONE"}`),
		valid("string/escaped-solidus-enum", `{"sink_task":{"partition_format":"yyyy\/MM"}}`),
		valid("string/escaped-vertical-bar", `{"sink_task":{"record_delimiter":"\u007c"}}`),
		valid("string/escaped-backslash-n", `{"sink_task":{"record_delimiter":"\u005cn"}}`),
		valid("string/escaped-backslash-n-2", `{"sink_task":{"record_delimiter":"\u005c\u006e"}}`),
		invalid("string/newline-escape-is-not-backslash-n", `{"sink_task":{"record_delimiter":"\n"}}`, "/sink_task/record_delimiter"),
		invalid("string/newline-u-escape", `{"sink_task":{"record_delimiter":"\u000a"}}`, "/sink_task/record_delimiter"),
		invalid("string/enum-nul", `{"source_type":"\u0000"}`, "/source_type"),
		invalid("string/enum-nul-suffix", `{"source_type":"NONE\u0000"}`, "/source_type"),
		invalid("string/enum-lone-high-surrogate", `{"source_type":"NONE\ud800"}`, "/source_type"),
		invalid("string/enum-lone-low-surrogate", `{"source_type":"\udc00NONE"}`, "/source_type"),
		invalid("string/enum-surrogate-pair", `{"source_type":"NONE\ud83d\ude00"}`, "/source_type"),
		invalid("string/enum-reversed-surrogates", `{"source_type":"\ude00\ud83dNONE"}`, "/source_type"),
		invalid("string/enum-invalid-utf8", "{\"source_type\":\"NONE\xff\"}", "/source_type"),
		invalid("string/enum-invalid-utf8-prefix", "{\"source_type\":\"\xfeNONE\"}", "/source_type"),
		invalid("string/enum-replacement-char", `{"source_type":"NONE\ufffd"}`, "/source_type"),
		invalid("string/enum-zero-width", `{"source_type":"NO\u200bNE"}`, "/source_type"),
		invalid("string/enum-fullwidth", `{"source_type":"ＮＯＮＥ"}`, "/source_type"),
		invalid("string/enum-escaped-quote", `{"source_type":"\"NONE\""}`, "/source_type"),
		invalid("string/enum-escaped-newline-suffix", `{"sink_task":{"record_delimiter":"NULL\n"}}`, "/sink_task/record_delimiter"),
		valid("string/nul-in-free-string", `{"task_name":"a\u0000b"}`),
		valid("string/lone-surrogate-free-string", `{"task_name":"\ud800"}`),
		valid("string/surrogate-pair-free-string", `{"task_name":"\uD83D\uDE00"}`),
		valid("string/high-then-escape", `{"task_name":"\ud800\u0041"}`),
		valid("string/high-then-backslash", `{"task_name":"\ud800\\u0041"}`),
		invalid("string/invalid-utf8-free-string", "{\"task_name\":\"\xff\xfe\xc0\xaf\xed\xa0\x80\"}", "/task_name"),
		invalid("string/truncated-utf8", "{\"task_name\":\"\xe2\x82\"}", "/task_name"),
		valid("string/del", "{\"task_name\":\"\x7f\"}"),
		valid("string/utf8", `{"task_name":"täsk — 任务 😀"}`),
		valid("string/all-escapes", `{"task_name":"\"\\\/\b\f\n\r\t\u0001\u001F"}`),
		valid("string/secret-with-escapes", `{"sink_task":{"access_key":"\u0000\ud800\"","secret_key":"\\"}}`),
		valid("string/long", `{"topics":"`+strings.Repeat("topic-", 2000)+`"}`),
		invalid("string/invalid-utf8-name-unknown", "{\"source_type\xff\":\"NONE\"}", ""),
	)

	// A few combinations in one document: every problem of one stage.
	add(
		invalid("combo/validate-stage", `{"source_type":"KAFKA_REPLICATOR_SOURCE","source_task":{"current_cluster_name":"A","cluster_name":"B","direction":"push","sync_consumer_offsets_enabled":true,"replication_factor":3,"task_num":2,"rename_topic_enabled":true,"provenance_header_enabled":true,"consumer_strategy":"latest","compression_type":"zstd","topics_mapping":"a:b","security_protocol":"SASL_SSL","instance_id":"i","bootstrap_servers":"b"},"sink_type":"REDIS_REPLICATOR_SINK"}`,
			"/source_task/topics_mapping", "/source_task", "/source_task/user_name", "/source_task/password", "/source_task/sasl_mechanism", "/sink_task"),
		invalid("combo/decode-stage-hides-validate-stage", `{"source_type":"KAFKA_REPLICATOR_SOURCE","source_task":{"task_num":1.5}}`, "/source_task/task_num"),
	)
	return cs
}

// enumValue holds a valid value for each enum-typed member name.
var enumValue = map[string]string{
	"sync_mode":             `"CUSTOM_OFFSET"`,
	"security_protocol":     `"PLAINTEXT"`,
	"direction":             `"pull"`,
	"consumer_strategy":     `"earliest"`,
	"compression_type":      `"lz4"`,
	"destination_file_type": `"TEXT"`,
	"partition_format":      `"yyyy/MM/dd"`,
	"record_delimiter":      `"NULL"`,
}

// quote returns s as a JSON string.
func quote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// violationPaths returns the paths of the violations err lists, failing
// when err is not a *ValidationError.
func violationPaths(t *testing.T, err error) []string {
	t.Helper()
	var ve *smartconnect.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T (%v) is not a *smartconnect.ValidationError", err, err)
	}
	if len(ve.Violations) == 0 {
		t.Fatalf("*ValidationError with no violations")
	}
	var out []string
	for _, v := range ve.Violations {
		if v.Path != "" && v.Path[0] != '/' {
			t.Errorf("violation path %q is not an RFC 6901 pointer", v.Path)
		}
		if v.Rule == "" || v.Message == "" {
			t.Errorf("violation %+v lacks a rule or a message", v)
		}
		out = append(out, v.Path)
	}
	return out
}

func TestEquivalence(t *testing.T) {
	cases := equivalenceCases(t)
	var nValid, nInvalid int
	for _, c := range cases {
		if c.valid {
			nValid++
		} else {
			nInvalid++
			if len(c.paths) == 0 {
				t.Fatalf("row %s: an invalid row must list its violation paths", c.name)
			}
		}
	}
	t.Logf("%d rows: %d valid, %d invalid", len(cases), nValid, nInvalid)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := []byte(c.doc)
			ours, ref := verdicts(doc)
			if (ours == nil) != (ref == nil) {
				t.Errorf("verdicts disagree on %q\nours: %v\nreference: %v", doc, ours, ref)
			}
			if c.valid {
				if ours != nil {
					t.Errorf("want valid, ours: %v", ours)
				}
				return
			}
			if ours == nil {
				t.Fatalf("want invalid at %q, ours accepts %q", c.paths, doc)
			}
			if got := violationPaths(t, ours); !slices.Equal(got, c.paths) {
				t.Errorf("violation paths = %q, want %q\nours: %v", got, c.paths, ours)
			}
		})
	}
}

// TestEquivalenceRowsDistinct guards the table itself: row names are
// unique and the base documents are the page's examples.
func TestEquivalenceRowsDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range equivalenceCases(t) {
		if seen[c.name] {
			t.Errorf("duplicate row name %q", c.name)
		}
		seen[c.name] = true
	}
	lits := map[string]string{"obs-dump": obsDoc, "kafka-replication": kafkaDoc, "redis-replication": redisDoc}
	n := 0
	for _, ex := range examples(t) {
		lit, ok := lits[ex.Name]
		if !ok {
			continue
		}
		n++
		if !sameJSON(t, ex.JSON, []byte(lit)) {
			t.Errorf("literal %s differs from the schema's example:\n%s", ex.Name, ex.JSON)
		}
	}
	if n != 3 {
		t.Errorf("found %d of the 3 request examples", n)
	}
}

// TestValidateBuiltValues checks Validate on values built in Go, which
// the decoder never saw.
func TestValidateBuiltValues(t *testing.T) {
	P := smartconnect.Ptr[string]
	kafka := func() *smartconnect.SmartConnectTaskReqSourceConfig {
		return &smartconnect.SmartConnectTaskReqSourceConfig{
			CurrentClusterName:         P("A"),
			ClusterName:                P("B"),
			InstanceID:                 P("i"),
			Direction:                  smartconnect.Ptr(smartconnect.DirectionPush),
			SyncConsumerOffsetsEnabled: smartconnect.Ptr(false),
			ReplicationFactor:          smartconnect.Ptr[int32](3),
			TaskNum:                    smartconnect.Ptr[int32](2),
			RenameTopicEnabled:         smartconnect.Ptr(false),
			ProvenanceHeaderEnabled:    smartconnect.Ptr(true),
			ConsumerStrategy:           smartconnect.Ptr(smartconnect.ConsumerStrategyLatest),
			CompressionType:            smartconnect.Ptr(smartconnect.CompressionTypeNone),
		}
	}
	tests := []struct {
		name  string
		req   *smartconnect.CreateConnectorTaskRequest
		paths []string // nil: valid
	}{
		{"nil receiver", nil, []string{""}},
		{"zero value", &smartconnect.CreateConnectorTaskRequest{}, nil},
		{"bogus source_type", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceType("BOGUS"))}, []string{"/source_type"}},
		{"empty source_type", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceType(""))}, []string{"/source_type"}},
		{"bogus sink_type", &smartconnect.CreateConnectorTaskRequest{SinkType: smartconnect.Ptr(smartconnect.SinkType("obs_sink"))}, []string{"/sink_type"}},
		{"bogus nested enums", &smartconnect.CreateConnectorTaskRequest{
			SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{Direction: smartconnect.Ptr(smartconnect.Direction("sideways")), SyncMode: smartconnect.Ptr(smartconnect.SyncMode("RDB_ONLY,"))},
			SinkTask:   &smartconnect.SmartConnectTaskReqSinkConfig{RecordDelimiter: smartconnect.Ptr(smartconnect.RecordDelimiter("\n"))},
		}, []string{"/source_task/sync_mode", "/source_task/direction", "/sink_task/record_delimiter"}},
		{"kafka valid", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource), SourceTask: kafka()}, nil},
		{"kafka without source_task", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource)}, []string{"/source_task"}},
		{"kafka both ids", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource), SourceTask: func() *smartconnect.SmartConnectTaskReqSourceConfig {
			s := kafka()
			s.BootstrapServers = P("b:9092")
			return s
		}()}, []string{"/source_task"}},
		{"kafka SASL_SSL without credentials", &smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource), SourceTask: func() *smartconnect.SmartConnectTaskReqSourceConfig {
			s := kafka()
			s.SecurityProtocol = smartconnect.Ptr(smartconnect.SecurityProtocolSASLSSL)
			return s
		}()}, []string{"/source_task/user_name", "/source_task/password", "/source_task/sasl_mechanism"}},
		{"rename with mapping", &smartconnect.CreateConnectorTaskRequest{SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{RenameTopicEnabled: smartconnect.Ptr(true), TopicsMapping: P("")}}, []string{"/source_task/topics_mapping"}},
		{"obs without sink_task", &smartconnect.CreateConnectorTaskRequest{SinkType: smartconnect.Ptr(smartconnect.SinkTypeOBSSink)}, []string{"/sink_task"}},
		{"redis sink missing password", &smartconnect.CreateConnectorTaskRequest{SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink), SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{RedisAddress: P("a"), RedisType: P("b")}}, []string{"/sink_task/redis_password"}},
		{"redis sink with zero password", &smartconnect.CreateConnectorTaskRequest{SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink), SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{RedisAddress: P("a"), RedisType: P("b"), RedisPassword: smartconnect.NewSecret("")}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.req.Validate()
			if tt.paths == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
			} else {
				if err == nil {
					t.Fatalf("want violations at %q, got nil", tt.paths)
				}
				if got := violationPaths(t, err); !slices.Equal(got, tt.paths) {
					t.Errorf("violation paths = %q, want %q\n%v", got, tt.paths, err)
				}
			}
			// The reference agrees on the value's JSON encoding (the nil
			// receiver encodes as null, which is not an object).
			doc, merr := smartconnect.EncodeCreateConnectorTaskRequest(tt.req)
			if merr != nil {
				t.Fatal(merr)
			}
			if ref := reference.Validate(requestSchema(), doc); (ref == nil) != (err == nil) {
				t.Errorf("reference disagrees on %s: %v (ours: %v)", doc, ref, err)
			}
		})
	}
	// A bogus enum's rule and message name the field and the value.
	err := (&smartconnect.CreateConnectorTaskRequest{SourceType: smartconnect.Ptr(smartconnect.SourceType("BOGUS"))}).Validate()
	var ve *smartconnect.ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 1 {
		t.Fatalf("got %v", err)
	}
	if v := ve.Violations[0]; v.Rule != "#/components/schemas/CreateConnectorTaskRequest/properties/source_type/enum" || !strings.Contains(v.Message, `"BOGUS"`) {
		t.Errorf("violation %+v", v)
	}
	// Wrapped, the error is still found by errors.As.
	wrapped := fmt.Errorf("create task: %w", err)
	if !errors.As(wrapped, &ve) {
		t.Errorf("errors.As fails through wrapping")
	}
}

// TestSecretNotInViolations checks that no violation message quotes a
// secret: the decoder's messages about a secret field name types only.
func TestSecretNotInViolations(t *testing.T) {
	const secret = "hunter2-very-secret"
	for _, doc := range []string{
		`{"sink_task":{"access_key":"` + secret + `","bogus":1}}`,
		`{"sink_task":{"secret_key":"` + secret + `","secret_key":"` + secret + `"}}`,
		`{"source_task":{"password":"` + secret + `}`,
	} {
		ours, _ := verdicts([]byte(doc))
		if ours == nil {
			t.Fatalf("%s: want invalid", doc)
		}
		if bytes.Contains([]byte(ours.Error()), []byte(secret)) {
			t.Errorf("%s: error quotes the secret: %v", doc, ours)
		}
	}
}
