package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"testing"

	"github.com/go-faster/jx"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/internal/reference"
	"github.com/dmsgen/dmsgen/tools/bench/ogen/api"
)

// listTasks is the number of tasks in the large list response.
const listTasks = 500

// listTasksDocument returns a list response of n tasks, shaped as the
// service's answer to "list Smart Connect tasks":
//
//	{"tasks":[...],"total_number":n,"max_tasks":1000,"quota_tasks":1000}
//
// Each task is the schema's CreateConnectorTask response example (a
// SmartConnectTaskEntity, the page's redis-task example) with its task_name, id and create_time made
// unique, so that no two tasks are the same bytes.
func listTasksDocument(task []byte, n int) ([]byte, error) {
	v, err := reference.Decode(task) // exact numbers
	if err != nil {
		return nil, err
	}
	base, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the task example is not an object")
	}
	created, err := base["create_time"].(json.Number).Int64()
	if err != nil {
		return nil, err
	}
	tasks := make([]map[string]any, n)
	for i := range tasks {
		t := maps.Clone(base)
		t["task_name"] = fmt.Sprintf("%s-%03d", base["task_name"], i)
		t["id"] = fmt.Sprintf("8a205bbd-7181-4b5e-9bd6-%012x", 0x37274ce84577+i)
		t["create_time"] = created + int64(i)*1000
		tasks[i] = t
	}
	return json.Marshal(struct {
		Tasks       []map[string]any `json:"tasks"`
		TotalNumber int              `json:"total_number"`
		MaxTasks    int              `json:"max_tasks"`
		QuotaTasks  int              `json:"quota_tasks"`
	}{tasks, n, 1000, 1000})
}

// TestListTasksDocument checks the large list response: n tasks, each one
// a SmartConnectTaskEntity the generated (lenient) decoder reads, with
// distinct ids, and that every contender of BenchmarkDecodeList accepts it.
func TestListTasksDocument(t *testing.T) {
	doc := load(t).listTasks
	var list struct {
		Tasks       []json.RawMessage `json:"tasks"`
		TotalNumber int               `json:"total_number"`
		MaxTasks    int               `json:"max_tasks"`
		QuotaTasks  int               `json:"quota_tasks"`
	}
	if err := json.Unmarshal(doc, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Tasks) != listTasks || list.TotalNumber != listTasks || list.MaxTasks != 1000 || list.QuotaTasks != 1000 {
		t.Fatalf("%d tasks, total_number %d, max_tasks %d, quota_tasks %d; want %d, %d, 1000, 1000",
			len(list.Tasks), list.TotalNumber, list.MaxTasks, list.QuotaTasks, listTasks, listTasks)
	}
	ids := map[string]bool{}
	for i, raw := range list.Tasks {
		task, err := smartconnect.DecodeSmartConnectTaskEntity(raw)
		if err != nil {
			t.Fatalf("task %d: %v", i, err)
		}
		if task.ID == nil || ids[*task.ID] {
			t.Fatalf("task %d: id missing or repeated", i)
		}
		ids[*task.ID] = true
	}
	for _, k := range listContenders {
		if err := k.decode(doc); err != nil {
			t.Errorf("%s: %v", k.name, err)
		}
	}
}

// listContenders decode the list response. It is a response, so the
// generated decoder is the lenient one (unknown members ignored, unknown
// enum values kept); all of them accept the document.
var listContenders = []struct {
	name   string
	decode func(data []byte) error
}{
	// The generated lenient decoder DecodeListConnectorTasksResponse, then
	// Validate.
	{"dmsgen", func(data []byte) error {
		list, err := smartconnect.DecodeListConnectorTasksResponse(data)
		if err != nil {
			return err
		}
		return list.Validate()
	}},
	// ogen's ListConnectorTasksResponse Decode, then Validate, as its
	// client reads a response.
	{"ogen", func(data []byte) error {
		d := jx.DecodeBytes(data)
		list := new(api.ListConnectorTasksResponse)
		if err := list.Decode(d); err != nil {
			return err
		}
		if err := d.Skip(); err != io.EOF {
			return errors.New("unexpected trailing data")
		}
		return list.Validate()
	}},
	// encoding/json.Unmarshal into a struct of the list's fields whose
	// tasks are SmartConnectTaskEntity: the generated type's UnmarshalJSON
	// (the generated decoder) runs for each task, after encoding/json's
	// scan of the whole document.
	{"stdlib", func(data []byte) error {
		var list struct {
			Tasks       []smartconnect.SmartConnectTaskEntity `json:"tasks"`
			TotalNumber *int32                                `json:"total_number"`
			MaxTasks    *int32                                `json:"max_tasks"`
			QuotaTasks  *int32                                `json:"quota_tasks"`
		}
		return json.Unmarshal(data, &list)
	}},
}

// BenchmarkDecodeList measures decoding the 500-task list response
// (listTasksDocument, about 300 KB).
func BenchmarkDecodeList(b *testing.B) {
	doc := load(b).listTasks
	for _, k := range listContenders {
		b.Run("contender="+k.name, func(b *testing.B) {
			b.Run("case=list-500-tasks", func(b *testing.B) {
				b.SetBytes(int64(len(doc)))
				b.ReportAllocs()
				for b.Loop() {
					if err := k.decode(doc); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
