package smartconnect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

// stHandler is the fake with some operations replaced, and a record of the
// parameters those were called with.
type stHandler struct {
	*smartconnecttest.Fake
	showErr    error // ShowConnectorTask's answer, when set
	mu         sync.Mutex
	listParams []smartconnect.ListConnectorTasksParams
	showParams []smartconnect.ShowConnectorTaskParams
	creates    int
}

func (h *stHandler) ListConnectorTasks(ctx context.Context, p smartconnect.ListConnectorTasksParams) (*smartconnect.ListConnectorTasksResponse, error) {
	h.mu.Lock()
	h.listParams = append(h.listParams, p)
	h.mu.Unlock()
	return h.Fake.ListConnectorTasks(ctx, p)
}

func (h *stHandler) CreateConnectorTask(ctx context.Context, p smartconnect.CreateConnectorTaskParams, body *smartconnect.CreateConnectorTaskRequest) (*smartconnect.SmartConnectTaskEntity, error) {
	h.mu.Lock()
	h.creates++
	h.mu.Unlock()
	return h.Fake.CreateConnectorTask(ctx, p, body)
}

func (h *stHandler) ShowConnectorTask(ctx context.Context, p smartconnect.ShowConnectorTaskParams) (*smartconnect.SmartConnectTaskEntity, error) {
	h.mu.Lock()
	h.showParams = append(h.showParams, p)
	h.mu.Unlock()
	if h.showErr != nil {
		return nil, h.showErr
	}
	return h.Fake.ShowConnectorTask(ctx, p)
}

// newStServer serves an stHandler with NewServer, Smart Connect on for
// ctInstance.
func newStServer(t *testing.T) (*stHandler, *httptest.Server) {
	h := &stHandler{Fake: smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))}
	srv := httptest.NewServer(smartconnect.NewServer(h))
	t.Cleanup(srv.Close)
	return h, srv
}

// stResponse is a response as the server tests read it.
type stResponse struct {
	status int
	header http.Header
	body   []byte
}

// stDo sends a request to srv and reads the whole response.
func stDo(t *testing.T, srv *httptest.Server, method, path string, body []byte) stResponse {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return stResponse{resp.StatusCode, resp.Header, data}
}

// stErrorBody is the service's error body as NewServer writes it.
type stErrorBody struct {
	Code       string `json:"error_code"`
	Message    string `json:"error_msg"`
	Violations []struct {
		Path, Rule, Message string
	} `json:"violations"`
}

// stError decodes r's error body strictly, failing the test unless r has
// status, a JSON Content-Type and an X-Request-Id.
func stError(t *testing.T, what string, r stResponse, status int) stErrorBody {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d: %s", what, r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
	if r.header.Get("X-Request-Id") == "" {
		t.Errorf("%s: no X-Request-Id", what)
	}
	var e stErrorBody
	d := json.NewDecoder(bytes.NewReader(r.body))
	d.DisallowUnknownFields()
	if err := d.Decode(&e); err != nil {
		t.Fatalf("%s: the error body %s: %v", what, r.body, err)
	}
	return e
}

// stTasksPath is the path of ctInstance's tasks.
const stTasksPath = "/v2/" + ctProject + "/instances/" + ctInstance + "/connector/tasks"

// TestServerBadBody checks that a body that does not decode strictly or
// breaks the schema is answered 400 with its violations, and reaches no
// Handler method.
func TestServerBadBody(t *testing.T) {
	h, srv := newStServer(t)
	noPassword := ctRedisTask()
	noPassword.SourceTask.RedisPassword = smartconnect.Secret{}
	missing, err := smartconnect.EncodeCreateConnectorTaskRequest(noPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, body, path, rule string
	}{
		{"wrong type", `{"task_name":5}`, "/task_name", "#/components/schemas/CreateConnectorTaskRequest/properties/task_name/type"},
		{"unknown member", `{"task_name":"a","start_now":true}`, "/start_now", ""},
		{"unknown nested member", `{"source_type":"NONE","sink_type":"NONE","sink_task":{"obs_bucket":"b"}}`, "/sink_task/obs_bucket", ""},
		{"malformed", `{"task_name":`, "/task_name", "json"},
		{"null", `null`, "", ""},
		{"empty", ``, "", "json"},
		{"repeated member", `{"task_name":"a","task_name":"b"}`, "/task_name", ""},
		{"enum", `{"source_type":"FTP_SOURCE"}`, "/source_type", ""},
		{"conditional rule", string(missing), "/source_task/redis_password", "#/components/schemas/CreateConnectorTaskRequest/allOf/0/then/properties/source_task/required"},
	} {
		r := stDo(t, srv, "POST", stTasksPath, []byte(c.body))
		e := stError(t, c.name, r, 400)
		if e.Code != "INVALID_REQUEST" || e.Message == "" || len(e.Violations) == 0 {
			t.Errorf("%s: %s", c.name, r.body)
			continue
		}
		if v := e.Violations[0]; v.Path != c.path || c.rule != "" && v.Rule != c.rule || v.Message == "" || v.Rule == "" {
			t.Errorf("%s: first violation %+v, want path %q rule %q", c.name, v, c.path, c.rule)
		}
		if strings.Contains(string(r.body), "redis-password") {
			t.Errorf("%s: the answer shows a password: %s", c.name, r.body)
		}
	}
	if h.creates != 0 {
		t.Errorf("CreateConnectorTask was called %d times", h.creates)
	}

	// A body of more than 8 MiB is answered 413.
	huge := append([]byte(`{"task_name":"`), bytes.Repeat([]byte("a"), 8<<20)...)
	huge = append(huge, `"}`...)
	e := stError(t, "too large", stDo(t, srv, "POST", stTasksPath, huge), 413)
	if e.Code != "REQUEST_TOO_LARGE" {
		t.Errorf("too large: %+v", e)
	}
}

// TestServerBadQuery checks the query parameters of ListConnectorTasks.
func TestServerBadQuery(t *testing.T) {
	h, srv := newStServer(t)
	for _, c := range []struct {
		query, path string
	}{
		{"limit=0", "/limit"},
		{"limit=51", "/limit"},
		{"limit=x", "/limit"},
		{"limit=", "/limit"},
		{"limit=1.5", "/limit"},
		{"limit=99999999999", "/limit"},
		{"limit=1&limit=2", "/limit"},
		{"offset=-1", "/offset"},
		{"offset=ten&limit=5", "/offset"},
	} {
		e := stError(t, c.query, stDo(t, srv, "GET", stTasksPath+"?"+c.query, nil), 400)
		if e.Code != "INVALID_REQUEST" || len(e.Violations) != 1 || e.Violations[0].Path != c.path {
			t.Errorf("%s: %+v, want one violation at %s", c.query, e, c.path)
		}
	}
	if len(h.listParams) != 0 {
		t.Fatalf("ListConnectorTasks was called with %v", h.listParams)
	}

	r := stDo(t, srv, "GET", stTasksPath+"?offset=3&limit=50&other=x", nil)
	if r.status != 200 || len(h.listParams) != 1 {
		t.Fatalf("valid query: %d %s", r.status, r.body)
	}
	if p := h.listParams[0]; *p.Offset != 3 || *p.Limit != 50 || p.ProjectID != ctProject || p.InstanceID != ctInstance {
		t.Errorf("the handler got %+v", p)
	}
	if stDo(t, srv, "GET", stTasksPath, nil); h.listParams[1].Limit != nil || h.listParams[1].Offset != nil {
		t.Errorf("without a query the handler got %+v", h.listParams[1])
	}
}

// TestServerRouting checks method and path routing, and the parameters a
// Handler method gets from an escaped path.
func TestServerRouting(t *testing.T) {
	h, srv := newStServer(t)
	for _, c := range []struct {
		method, path string
		status       int
		allow        string // a method the Allow header must name
	}{
		{"GET", "/v2/p/instances/i/connector", 405, "POST"},
		{"DELETE", "/v2/p/instances/i/connector/tasks", 405, "POST"},
		{"POST", "/v2/p/instances/i/connector/tasks/" + ctTask + "/pause", 405, "PUT"},
		{"GET", "/v2/p/kafka/instances/i/delete-connector", 405, "POST"},
		{"PUT", "/v2/p/instances/i/connector/tasks/" + ctTask + "/restart", 404, ""}, // restart has the kafka segment
		{"GET", "/v2/p/instances", 404, ""},
		{"GET", "/v3/p/instances/i/connector/tasks", 404, ""},
		{"GET", "/", 404, ""},
	} {
		r := stDo(t, srv, c.method, c.path, nil)
		if r.status != c.status || c.allow != "" && !strings.Contains(r.header.Get("Allow"), c.allow) {
			t.Errorf("%s %s: %d (Allow %q), want %d (Allow with %s)", c.method, c.path, r.status, r.header.Get("Allow"), c.status, c.allow)
		}
		// The service's error body, with a request id, as for every
		// other error.
		code := "NOT_FOUND"
		if c.status == 405 {
			code = "METHOD_NOT_ALLOWED"
		}
		if e := stError(t, c.method+" "+c.path, r, c.status); e.Code != code {
			t.Errorf("%s %s: error code %q, want %q", c.method, c.path, e.Code, code)
		}
	}
	// A malformed query string is refused, not read as no parameters.
	stError(t, "a malformed query", stDo(t, srv, "GET", stTasksPath+"?limit=%zz", nil), 400)

	r := stDo(t, srv, "GET", "/v2/p%201/instances/i%2Fj/connector/tasks/"+ctTask, nil)
	stError(t, "show on an instance without Smart Connect", r, 400)
	if len(h.showParams) != 1 || h.showParams[0].ProjectID != "p 1" || h.showParams[0].InstanceID != "i/j" || h.showParams[0].TaskID != ctTask {
		t.Errorf("the handler got %+v", h.showParams)
	}
	// http.ServeMux cleans a path with a ".." segment (redirecting to the
	// instance's connector path): no task operation sees it.
	r = stDo(t, srv, "GET", "/v2/p/instances/i/connector/tasks/..", nil)
	if r.status < 400 || len(h.showParams) != 1 {
		t.Errorf("a task ID of ..: %d, the handler got %+v", r.status, h.showParams)
	}
}

// TestServerHandlerErrors checks how the error a Handler method returns is
// answered.
func TestServerHandlerErrors(t *testing.T) {
	h, srv := newStServer(t)
	show := "/v2/" + ctProject + "/instances/" + ctInstance + "/connector/tasks/" + ctTask
	notFound := &smartconnect.APIError{StatusCode: 404, Code: "DMS.00404022", Message: "This instance does not exist.", RequestID: "rid-7"}
	for _, c := range []struct {
		name   string
		err    error
		status int
		code   string
		msg    string
		id     string
	}{
		{"APIError", notFound, 404, "DMS.00404022", "This instance does not exist.", "rid-7"},
		{"wrapped APIError", fmt.Errorf("looking up: %w", notFound), 404, "DMS.00404022", "This instance does not exist.", "rid-7"},
		{"APIError without request id", &smartconnect.APIError{StatusCode: 409, Code: "DMS.00400017", Message: "This DMS instance job task is still running."}, 409, "DMS.00400017", "This DMS instance job task is still running.", ""},
		{"APIError with a success status", &smartconnect.APIError{StatusCode: 200, Code: "X"}, 500, "X", "", ""},
		{"plain error", errors.New("database password=hunter2 unreachable"), 500, "INTERNAL_ERROR", "internal error", ""},
	} {
		h.showErr = c.err
		r := stDo(t, srv, "GET", show, nil)
		e := stError(t, c.name, r, c.status)
		if e.Code != c.code || e.Message != c.msg || e.Violations != nil {
			t.Errorf("%s: %s", c.name, r.body)
		}
		if c.id != "" && r.header.Get("X-Request-Id") != c.id {
			t.Errorf("%s: X-Request-Id %q, want %q", c.name, r.header.Get("X-Request-Id"), c.id)
		}
		if strings.Contains(string(r.body), "hunter2") {
			t.Errorf("%s: the answer shows the error's text: %s", c.name, r.body)
		}
	}

	// Through the Client, the handler's APIError comes back as it was.
	h.showErr = notFound
	_, err := ctNewClient(t, srv.URL).ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
	if ae := ctAPIError(t, "through the Client", err, 404, "DMS.00404022"); *ae != *notFound {
		t.Errorf("got %+v, want %+v", *ae, *notFound)
	}
}

// TestServerSuccess checks the documented success statuses, the bodies and
// the request IDs.
func TestServerSuccess(t *testing.T) {
	h, srv := newStServer(t)
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(ctRedisTask())
	if err != nil {
		t.Fatal(err)
	}
	r := stDo(t, srv, "POST", stTasksPath, body)
	if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	e, err := smartconnect.DecodeSmartConnectTaskEntity(r.body)
	if err != nil || e.ID == nil {
		t.Fatalf("create: %s: %v", r.body, err)
	}
	ids := map[string]bool{r.header.Get("X-Request-Id"): true}

	r = stDo(t, srv, "PUT", stTasksPath+"/"+*e.ID+"/pause", nil)
	if r.status != 204 || len(r.body) != 0 || r.header.Get("Content-Type") != "" {
		t.Errorf("pause: %d %q (Content-Type %q)", r.status, r.body, r.header.Get("Content-Type"))
	}
	ids[r.header.Get("X-Request-Id")] = true
	r = stDo(t, srv, "POST", "/v2/"+ctProject+"/kafka/instances/"+ctInstance+"/delete-connector", nil)
	if r.status != 200 {
		t.Errorf("delete-connector: %d %s", r.status, r.body)
	}
	ids[r.header.Get("X-Request-Id")] = true
	if len(ids) != 3 || ids[""] {
		t.Errorf("request ids %v, want three different ones", ids)
	}
	if h.creates != 1 {
		t.Errorf("CreateConnectorTask was called %d times", h.creates)
	}
}

// nilShow answers ShowConnectorTask with neither a task nor an error.
type nilShow struct{ smartconnect.Handler }

func (nilShow) ShowConnectorTask(context.Context, smartconnect.ShowConnectorTaskParams) (*smartconnect.SmartConnectTaskEntity, error) {
	return nil, nil
}

// TestServerNilAnswer: a handler that returns no value and no error is
// answered 500, not 200 with a null body.
func TestServerNilAnswer(t *testing.T) {
	srv := httptest.NewServer(smartconnect.NewServer(nilShow{}))
	defer srv.Close()
	r := stDo(t, srv, "GET", "/v2/p/instances/i/connector/tasks/"+ctTask, nil)
	if e := stError(t, "a nil answer", r, 500); e.Code != "INTERNAL_ERROR" {
		t.Errorf("error code %q", e.Code)
	}
}
