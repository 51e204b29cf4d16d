package smartconnect_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/davecgh/go-spew/spew"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

const reflectSecret = "reflect-s3cr3t-VALUE"

// secretRequest is a request holding reflectSecret in every secret field.
func secretRequest() smartconnect.CreateConnectorTaskRequest {
	s := smartconnect.NewSecret(reflectSecret)
	return smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("t"),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{RedisPassword: s, Password: s},
		SinkTask:   &smartconnect.SmartConnectTaskReqSinkConfig{AccessKey: s, SecretKey: s, RedisPassword: s},
	}
}

// recorder is a testing.TB stand-in that keeps what testify reports.
type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, spew.Sprintf(format, args...))
}

// TestSecretsReflectionPrinters: printers that read fields by reflection
// and skip methods (go-spew with DisableMethods, testify's diffs, go-cmp
// with an Exporter or EquateComparable) never show a secret's value.
func TestSecretsReflectionPrinters(t *testing.T) {
	a, b := secretRequest(), secretRequest()
	b.TaskName = smartconnect.Ptr("u") // a difference, so that diffs print
	check := func(what, out string) {
		t.Helper()
		if strings.Contains(out, reflectSecret) {
			t.Errorf("%s shows the secret:\n%s", what, out)
		}
		if out == "" {
			t.Errorf("%s printed nothing", what)
		}
	}
	for _, cfg := range []*spew.ConfigState{
		{DisableMethods: true},
		{DisableMethods: true, DisablePointerMethods: true, DisablePointerAddresses: true, Indent: " "},
		{},
	} {
		check("spew", cfg.Sdump(a, &a, a.SinkTask, a.SinkTask.SecretKey))
	}
	var r recorder
	assert.Equal(&r, a, b)
	assert.Equal(&r, a.SinkTask.SecretKey, smartconnect.NewSecret("other"))
	check("testify", strings.Join(r.msgs, "\n"))
	if len(r.msgs) != 2 {
		t.Errorf("testify found %d differences, want 2", len(r.msgs))
	}
	// Equal makes go-cmp work without options, and compare by value.
	if d := cmp.Diff(a, secretRequest()); d != "" {
		t.Errorf("cmp.Diff of equal requests:\n%s", d)
	}
	check("cmp.Diff", cmp.Diff(a, b))
	exportAll := cmp.Exporter(func(reflect.Type) bool { return true })
	check("cmp.Diff with an Exporter", cmp.Diff(a, b, exportAll))
	check("cmp.Diff with EquateComparable", cmp.Diff(a, b, cmpopts.EquateComparable(smartconnect.Secret{})))
	c := secretRequest()
	c.SinkTask.SecretKey = smartconnect.NewSecret(reflectSecret + "2")
	check("cmp.Diff of secrets", cmp.Diff(a, c))
	check("cmp.Diff of secrets with an Exporter", cmp.Diff(a, c, exportAll))
	check("cmp.Diff of secrets with EquateComparable", cmp.Diff(a, c, cmpopts.EquateComparable(smartconnect.Secret{})))
}
